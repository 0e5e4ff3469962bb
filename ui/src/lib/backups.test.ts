import { describe, expect, it } from 'vitest';
import { madeText, sizeText, staleWarning } from './backups';

describe('backups on screen', () => {
  it('gives sizes in the unit a person reads', () => {
    expect(sizeText(100_151_296)).toBe('100.2 MB');
    expect(sizeText(20_480)).toBe('20 KB');
    expect(sizeText(12)).toBe('1 KB');
    expect(sizeText(2_500_000_000)).toBe('2.5 GB');
  });
  it('says when a backup was made in words', () => {
    const text = madeText('2031-03-02T18:05:00Z');
    expect(text).toMatch(/^\w+day \d{1,2} March 2031 at \d\d:\d\d$/);
    expect(madeText('not a date')).toBe('not a date');
  });
  it('warns when backups have stopped', () => {
    const now = new Date('2031-03-05T09:00:00Z');
    expect(staleWarning(null, now)).toBe('There is no backup yet.');
    expect(staleWarning('2031-03-04T18:00:00Z', now)).toBeNull();
    expect(staleWarning('2031-03-01T18:00:00Z', now)).toBe('The newest backup is 3 days old. Is the backup drive connected?');
  });
});
