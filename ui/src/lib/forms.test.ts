import { describe, expect, it } from 'vitest';
import {
  blankToNull, clientFormFromPerson, clientInputFromForm, clinicProfileFromForm, emptyClientForm,
  partnerFormIsBlank, partnerInputFromForm, passwordsMismatch,
} from './forms';
import type { Person } from './api/bindings/Person';

describe('blankToNull', () => {
  it('turns empty and whitespace-only strings into null', () => {
    expect(blankToNull('')).toBeNull();
    expect(blankToNull('   ')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(null)).toBeNull();
  });
  it('passes text through as typed', () => {
    expect(blankToNull(' Ana ')).toBe(' Ana ');
  });
});

describe('client form', () => {
  it('sends null for everything left empty, but the given name as typed', () => {
    const input = clientInputFromForm({ ...emptyClientForm(), givenName: '' });
    expect(input.givenName).toBe('');
    expect(input.familyName).toBeNull();
    expect(input.dateOfBirth).toBeNull();
    expect(input.preferredContact).toBeNull();
    expect(input.receptionNotes).toBeNull();
  });

  it('round-trips a person', () => {
    const person = {
      id: 7, givenName: 'Margaret', familyName: 'Oduya', preferredName: 'Maggie', pronouns: 'she/her',
      phone: '0400 111 222', email: null, isClient: true, dateOfBirth: '1961-04-09',
      preferredContact: 'text', discretionNote: 'No voicemail.', referralSource: null, receptionNotes: null,
      archived: false, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
    } as unknown as Person;
    const form = clientFormFromPerson(person);
    expect(form.email).toBe('');
    expect(form.dateOfBirth).toBe('1961-04-09');
    const input = clientInputFromForm(form);
    expect(input).toEqual({
      givenName: 'Margaret', familyName: 'Oduya', preferredName: 'Maggie', pronouns: 'she/her',
      dateOfBirth: '1961-04-09', phone: '0400 111 222', email: null, preferredContact: 'text',
      discretionNote: 'No voicemail.', referralSource: null, receptionNotes: null,
    });
  });
});

describe('partner form', () => {
  it('converts and detects untouched rows', () => {
    expect(partnerFormIsBlank({ givenName: '', familyName: ' ', pronouns: '', phone: '' })).toBe(true);
    expect(partnerFormIsBlank({ givenName: 'Sam', familyName: '', pronouns: '', phone: '' })).toBe(false);
    expect(partnerInputFromForm({ givenName: 'Sam', familyName: '', pronouns: 'they/them', phone: '' })).toEqual({
      givenName: 'Sam', familyName: null, preferredName: null, pronouns: 'they/them', phone: null, email: null,
    });
  });
});

describe('clinic and passwords', () => {
  it('converts the clinic profile', () => {
    expect(clinicProfileFromForm({ name: 'Hearth', address: '', phone: '03 9000 0000', email: ' ' })).toEqual({
      name: 'Hearth', address: null, phone: '03 9000 0000', email: null,
    });
  });
  it('checks the confirmation', () => {
    expect(passwordsMismatch('correct horse', 'correct horse')).toBeNull();
    expect(passwordsMismatch('correct horse', 'correct hors')).toMatch(/do not match/);
  });
});
