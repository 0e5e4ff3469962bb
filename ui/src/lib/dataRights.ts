// What the erasure's first confirmation lists, in words, from Rust's count of the record.
import type { ErasePreview } from './api/bindings/ErasePreview';

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One line per part of the record that would go; parts with nothing in them are left out. */
export function eraseLines(p: ErasePreview): string[] {
  const lines = ['Their details (name, contact, date of birth, notes)'];
  if (p.hasIntake) lines.push('The intake, with everything in it');
  if (p.measures > 0) lines.push(n(p.measures, 'questionnaire result', 'questionnaire results'));
  if (p.courses > 0) {
    const notes = p.sessionNotes > 0 ? `, with ${n(p.sessionNotes, 'session note', 'session notes')}` : '';
    lines.push(`${n(p.courses, 'course', 'courses')} from their chart${notes}`);
  }
  if (p.sharedCourses > 0) {
    lines.push(`Their part in ${n(p.sharedCourses, "a partner's course", "partners' courses")} (the partner's notes stay)`);
  }
  if (p.appointments > 0) {
    lines.push(`${n(p.appointments, 'booking', 'bookings')} (a booking shared with others stays for them)`);
  }
  if (p.handoutsPrinted > 0) lines.push(`The record of ${n(p.handoutsPrinted, 'handout', 'handouts')} given to them`);
  if (p.relationships > 0) lines.push(`Their place in ${n(p.relationships, 'relationship', 'relationships')}`);
  return lines;
}

/** True when what was typed is the name, ignoring case, accents and extra spaces (Rust checks again). */
export function nameMatches(typed: string, fullName: string): boolean {
  const norm = (s: string) =>
    s.normalize('NFD').replace(/\p{M}/gu, '').trim().split(/\s+/).join(' ').toLocaleLowerCase();
  return typed.trim() !== '' && norm(typed) === norm(fullName);
}
