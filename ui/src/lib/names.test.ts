import { describe, expect, it } from 'vitest';
import {
  canSeeClients, displayName, formatDate, formatDay, formatTime, isAdministrator, isCounsellor, isReception, legalName, rolesLabel, termLabel,
} from './names';

describe('names', () => {
  it('prefers the preferred name but keeps the family name', () => {
    expect(displayName({ givenName: 'Margaret', familyName: 'Oduya', preferredName: 'Maggie' })).toBe('Maggie Oduya');
    expect(displayName({ givenName: 'Margaret', familyName: null, preferredName: null })).toBe('Margaret');
    expect(displayName({ givenName: 'Margaret', familyName: 'Oduya', preferredName: '  ' })).toBe('Margaret Oduya');
  });
  it('gives the legal name', () => {
    expect(legalName({ givenName: 'Margaret', familyName: 'Oduya', preferredName: 'Maggie' })).toBe('Margaret Oduya');
  });
});

describe('formatDate', () => {
  it('writes dates out in words', () => {
    expect(formatDate('1980-03-07')).toBe('7 March 1980');
    expect(formatDate('2001-12-31')).toBe('31 December 2001');
  });
  it('leaves anything else alone', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('2001-13-01')).toBe('2001-13-01');
  });
});

describe('roles', () => {
  it('lists roles in a fixed order', () => {
    expect(rolesLabel(['reception', 'administrator'])).toBe('Administrator, Reception');
  });
  it('shows clients only to counsellors and reception', () => {
    expect(canSeeClients(['administrator'])).toBe(false);
    expect(canSeeClients(['administrator', 'counsellor'])).toBe(true);
    expect(canSeeClients(['reception'])).toBe(true);
    expect(isAdministrator(['counsellor'])).toBe(false);
  });
  it('looks up vocabulary labels', () => {
    const terms = [{ code: 'text', label: 'Text message' }];
    expect(termLabel(terms, 'text')).toBe('Text message');
    expect(termLabel(terms, 'pigeon')).toBe('pigeon');
    expect(termLabel(terms, null)).toBe('');
  });
});

describe('timestamps', () => {
  it('shows the local day and time of a Rust timestamp', () => {
    const ts = new Date(2026, 4, 12, 9, 5).toISOString();
    expect(formatDay(ts)).toBe('12 May 2026');
    expect(formatTime(ts)).toBe('09:05');
    expect(formatDay(null)).toBe('');
    expect(formatTime('not a time')).toBe('');
  });

  it('knows who may open a chart', () => {
    expect(isCounsellor(['counsellor'])).toBe(true);
    expect(isCounsellor(['reception', 'administrator'])).toBe(false);
  });

  it('knows who prints at the desk', () => {
    expect(isReception(['reception'])).toBe(true);
    expect(isReception(['counsellor', 'administrator'])).toBe(false);
  });
});
