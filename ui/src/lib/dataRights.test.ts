import { describe, expect, it } from 'vitest';
import { eraseLines, nameMatches } from './dataRights';
import type { ErasePreview } from './api/bindings/ErasePreview';

const preview = (over: Partial<ErasePreview> = {}): ErasePreview => ({
  personId: 4, fullName: 'Margaret Okafor', hasIntake: false, measures: 0, courses: 0, sessionNotes: 0,
  sharedCourses: 0, appointments: 0, handoutsPrinted: 0, relationships: 0, ...over,
});

describe('eraseLines', () => {
  it('lists only the parts that hold something', () => {
    expect(eraseLines(preview())).toEqual(['Their details (name, contact, date of birth, notes)']);
  });

  it('counts in words, singular and plural', () => {
    const lines = eraseLines(preview({ hasIntake: true, measures: 1, courses: 1, sessionNotes: 3, appointments: 12, relationships: 1 }));
    expect(lines).toContain('The intake, with everything in it');
    expect(lines).toContain('1 questionnaire result');
    expect(lines).toContain('1 course from their chart, with 3 session notes');
    expect(lines).toContain('12 bookings (a booking shared with others stays for them)');
    expect(lines).toContain('Their place in 1 relationship');
  });

  it("says a partner's notes stay when only their part of a shared course goes", () => {
    expect(eraseLines(preview({ sharedCourses: 2 }))).toContain("Their part in 2 partners' courses (the partner's notes stay)");
  });
});

describe('nameMatches', () => {
  it('ignores case and spacing but not a missing word', () => {
    expect(nameMatches('  margaret   OKAFOR ', 'Margaret Okafor')).toBe(true);
    expect(nameMatches('Margaret', 'Margaret Okafor')).toBe(false);
    expect(nameMatches('Zoe Brown', 'Zoë Brown')).toBe(true);
    expect(nameMatches('', '')).toBe(false);
  });
});
