import { describe, expect, it } from 'vitest';
import type { Attendee } from './api/bindings/Attendee';
import type { Course } from './api/bindings/Course';
import type { PlannedSession } from './api/bindings/PlannedSession';
import type { Relationship } from './api/bindings/Relationship';
import type { SessionItem } from './api/bindings/SessionItem';
import type { SessionNote } from './api/bindings/SessionNote';
import {
  SESSION_SECTIONS, attendeeNames, barWidth, courseFormFrom, courseInput, defaultAssignees, defaultSessionNumber,
  donePercentAttr, findItem, newCourseForm, reviewRows, noteForm, noteInput, noteState, overrideMessage, relationshipChoices,
  reviewForm, reviewInput, reviewSummary, sessionSectionOf, sessionTitle, threadDoneText, versionText,
} from './planning';

const maggie: Attendee = { personId: 1, name: 'Maggie Okafor', isClient: true };
const david: Attendee = { personId: 2, name: 'David Okafor', isClient: false };
const sam: Attendee = { personId: 3, name: 'Sam Reyes', isClient: false };

function session(number: number, status = 'planned', homework: SessionItem[] = []): PlannedSession {
  return {
    id: 100 + number, number, journey: number === 1, plannedOn: null, status,
    sections: SESSION_SECTIONS.map((s) => ({ section: s, label: s, items: s === 'homework' ? homework : [] })),
    note: null, reviewDue: [], reviews: [],
  };
}

const item = (id: number, freeText: string): SessionItem => ({ id, section: 'homework', library: null, freeText, assignees: [1], override: null });

function course(sessions: PlannedSession[]): Course {
  return { id: 7, personId: 1, relationshipId: null, counsellor: 'C', goals: 'g', plannedSessions: sessions.length, attendees: [maggie], sessions, createdAt: '' };
}

describe('sections', () => {
  it('maps library sections to the part of a session they go in, as Rust does', () => {
    expect(sessionSectionOf('education')).toBe('education');
    expect(sessionSectionOf('communication')).toBe('communication');
    expect(sessionSectionOf('acceptance')).toBe('communication');
    expect(sessionSectionOf('practical')).toBe('practical');
    expect(sessionSectionOf('homework')).toBe('homework');
  });

  it('keeps the fixed order', () => {
    expect(SESSION_SECTIONS).toEqual(['education', 'communication', 'practical', 'homework']);
  });
});

describe('sessions', () => {
  it('names session 1 after the journey', () => {
    expect(sessionTitle({ number: 1, journey: true })).toBe('Understanding your journey');
    expect(sessionTitle({ number: 4, journey: false })).toBe('Session 4');
  });

  it('opens the first session not signed, or the last', () => {
    expect(defaultSessionNumber(course([session(1, 'signed'), session(2, 'draft'), session(3)]))).toBe(2);
    expect(defaultSessionNumber(course([session(1, 'signed'), session(2, 'signed')]))).toBe(2);
    expect(defaultSessionNumber(course([]))).toBeNull();
  });

  it('finds an item and the session that holds it', () => {
    const c = course([session(1), session(2, 'planned', [item(55, 'Walk')])]);
    const found = findItem(c, 55);
    expect(found?.session.number).toBe(2);
    expect(found?.item.freeText).toBe('Walk');
    expect(findItem(c, 56)).toBeNull();
  });

  it('shows the version only when the library moved on', () => {
    expect(versionText({ version: 2, currentVersion: 3 })).toBe('v2 (now v3)');
    expect(versionText({ version: 3, currentVersion: 3 })).toBeNull();
    expect(versionText(null)).toBeNull();
  });

  it('writes names as they are said', () => {
    expect(attendeeNames([1], [maggie, david])).toBe('Maggie Okafor');
    expect(attendeeNames([2, 1], [maggie, david])).toBe('Maggie Okafor and David Okafor');
    expect(attendeeNames([1, 2, 3], [maggie, david, sam])).toBe('Maggie Okafor, David Okafor and Sam Reyes');
    expect(attendeeNames([], [maggie])).toBe('');
  });
});

describe('review rows', () => {
  const review = (sessionItemId: number) => ({ sessionItemId, outcome: 'done', helped: null, hard: null, comfort: 8, reviewedBy: 'C', reviewedAt: '' });

  it('lists what is due, with a review recorded here or at another session', () => {
    const s1 = session(1, 'signed', [item(10, 'Walk'), item(11, 'Notes')]);
    const s2 = { ...session(2, 'signed'), reviewDue: [10, 11], reviews: [review(10)] };
    const s3 = { ...session(3), reviewDue: [10, 11] };
    const c = course([s1, s2, s3]);
    expect(reviewRows(c, s3).map((r) => [r.item.id, r.givenAt, r.review?.sessionItemId ?? null, r.reviewedAt])).toEqual([
      [10, 1, 10, 2], [11, 1, null, null],
    ]);
  });

  it('shows only what was reviewed at a signed session', () => {
    const s1 = session(1, 'signed', [item(10, 'Walk'), item(11, 'Notes')]);
    const s2 = { ...session(2, 'signed'), reviewDue: [10, 11], reviews: [review(11)] };
    expect(reviewRows(course([s1, s2]), s2).map((r) => [r.item.id, r.reviewedAt])).toEqual([[11, null]]);
  });
});

describe('default assignees', () => {
  it('gives client items to the client and the rest to everyone attending', () => {
    expect(defaultAssignees('client', [maggie, david])).toEqual([1]);
    expect(defaultAssignees('partners', [maggie, david])).toEqual([1, 2]);
    expect(defaultAssignees('either', [maggie, david])).toEqual([1, 2]);
    expect(defaultAssignees(null, [maggie, david])).toEqual([1, 2]);
    expect(defaultAssignees('either', [maggie])).toEqual([1]);
  });
});

describe('course form', () => {
  const rel = (id: number, ended: boolean, members: [number, string][]): Relationship => ({
    id, structure: 'married', structureLabel: 'Married', note: null, ended,
    members: members.map(([mid, name]) => ({ id: mid, displayName: name, fullName: name, phone: null, dateOfBirth: null, isClient: mid === 1, archived: false })),
  });

  it('offers current relationships with their partners', () => {
    const choices = relationshipChoices([
      rel(10, false, [[1, 'Maggie Okafor'], [2, 'David Okafor']]),
      rel(11, true, [[1, 'Maggie Okafor'], [3, 'Sam Reyes']]),
      rel(12, false, [[1, 'Maggie Okafor']]),
    ], 1);
    expect(choices).toEqual([{ value: '10', label: 'With David Okafor (married)', partners: [{ id: 2, name: 'David Okafor' }] }]);
  });

  it('starts from the intake goals and eight sessions', () => {
    expect(newCourseForm('Feel close again')).toEqual({ goals: 'Feel close again', plannedSessions: '8', relationshipId: '', partners: {} });
    expect(newCourseForm(null).goals).toBe('');
  });

  it('sends only partners of the chosen relationship', () => {
    const choices = [{ value: '10', label: '', partners: [{ id: 2, name: 'David' }] }];
    const f = { goals: 'g', plannedSessions: ' 6 ', relationshipId: '10', partners: { 2: true, 3: true } };
    expect(courseInput(f, choices)).toEqual({ input: { goals: 'g', plannedSessions: 6, relationshipId: 10, partnerIds: [2] }, errors: {} });
    expect(courseInput({ ...f, relationshipId: '' }, choices).input).toMatchObject({ relationshipId: null, partnerIds: [] });
  });

  it('catches a session count that is not a whole number', () => {
    expect(courseInput({ ...newCourseForm('g'), plannedSessions: '2.5' }, []).errors.plannedSessions).toBeTruthy();
    expect(courseInput({ ...newCourseForm('g'), plannedSessions: '' }, []).errors.plannedSessions).toBeTruthy();
    expect(courseInput({ ...newCourseForm('g'), plannedSessions: null }, []).errors.plannedSessions).toBeTruthy();
    expect(courseInput({ ...newCourseForm('g'), plannedSessions: 10 }, []).input.plannedSessions).toBe(10);
  });

  it('round-trips a course', () => {
    const c = { ...course([session(1)]), relationshipId: 10, attendees: [maggie, david], plannedSessions: 6 };
    expect(courseFormFrom(c)).toEqual({ goals: 'g', plannedSessions: '6', relationshipId: '10', partners: { 2: true } });
  });
});

describe('override', () => {
  it('recognises the error that asks for an override reason', () => {
    const e = { kind: 'validation', message: 'x', fields: [{ field: 'overrideReason', message: 'Held back by the caution.' }] };
    expect(overrideMessage(e)).toBe('Held back by the caution.');
    expect(overrideMessage({ kind: 'validation', message: 'x', fields: [{ field: 'freeText', message: 'Too long' }] })).toBeNull();
    expect(overrideMessage({ kind: 'conflict', message: 'Signed', fields: [] })).toBeNull();
  });
});

describe('reviews', () => {
  it('turns the form into a review input', () => {
    expect(reviewInput({ outcome: 'done', helped: ' Breathing ', hard: '', comfort: '8' })).toEqual({
      input: { outcome: 'done', helped: ' Breathing ', hard: null, comfort: 8 }, errors: {},
    });
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: '' }).input.comfort).toBeNull();
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: '11' }).errors.comfort).toBeTruthy();
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: '-1' }).errors.comfort).toBeTruthy();
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: '0' }).input.comfort).toBe(0);
    // What a bound number input holds once touched.
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: 7 }).input.comfort).toBe(7);
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: null }).input.comfort).toBeNull();
    expect(reviewInput({ outcome: 'partly', helped: '', hard: '', comfort: 7.5 }).errors.comfort).toBeTruthy();
  });

  it('fills the form from a recorded review and sums it up', () => {
    const r = { sessionItemId: 5, outcome: 'not_done', helped: null, hard: 'Time', comfort: 0, reviewedBy: 'C', reviewedAt: '' };
    expect(reviewForm(r)).toEqual({ outcome: 'not_done', helped: '', hard: 'Time', comfort: '0' });
    expect(reviewForm(null)).toEqual({ outcome: '', helped: '', hard: '', comfort: '' });
    expect(reviewSummary(r)).toBe('Not done, comfort 0 of 10');
    expect(reviewSummary({ outcome: 'done', comfort: null })).toBe('Done');
  });
});

describe('session note', () => {
  const note: SessionNote = {
    heldOn: '2026-05-12', attended: [2], coveredEducation: 'Dryness', coveredCommunication: null, coveredPractical: null,
    coveredHomework: null, data: 'Came together', assessment: null, plan: 'Continue', signed: false, signedBy: null,
    signedAt: null, updatedAt: '', addenda: [],
  };

  it('round-trips a note', () => {
    const f = noteForm(note, [maggie, david]);
    expect(f.attended).toEqual({ 1: false, 2: true });
    expect(f.coveredCommunication).toBe('');
    expect(noteInput(f, [maggie, david])).toEqual({
      heldOn: '2026-05-12', attended: [2], coveredEducation: 'Dryness', coveredCommunication: null, coveredPractical: null,
      coveredHomework: null, data: 'Came together', assessment: null, plan: 'Continue',
    });
  });

  it('starts empty with nobody marked present', () => {
    const f = noteForm(null, [maggie]);
    expect(f.attended).toEqual({ 1: false });
    expect(noteInput(f, [maggie])).toMatchObject({ heldOn: null, attended: [], data: null });
  });

  it('reports the save state as the page shows it', () => {
    expect(noteState('pending')).toBe('dirty');
    expect(noteState('idle')).toBe('saved');
    expect(noteState('saving')).toBe('saving');
    expect(noteState('error')).toBe('error');
  });
});

describe('progress', () => {
  it('says how much homework was done', () => {
    expect(threadDoneText({ done: 1, reviewed: 2 })).toBe('1 of 2 reviewed as done');
    expect(threadDoneText({ done: 0, reviewed: 0 })).toBe('Not reviewed yet');
    expect(donePercentAttr({ donePercent: null })).toBe('');
    expect(donePercentAttr({ donePercent: 50 })).toBe('50');
    expect(barWidth({ donePercent: null })).toBe(0);
    expect(barWidth({ donePercent: 120 })).toBe(100);
  });
});
