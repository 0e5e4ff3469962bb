// Session planning as the course view shows it: pure functions over the types Rust sends, so
// they can be tested without a window.
import type { Attendee } from './api/bindings/Attendee';
import type { Course } from './api/bindings/Course';
import type { CourseInput } from './api/bindings/CourseInput';
import type { GivenItem } from './api/bindings/GivenItem';
import type { HomeworkReview } from './api/bindings/HomeworkReview';
import type { NoteInput } from './api/bindings/NoteInput';
import type { PlannedSession } from './api/bindings/PlannedSession';
import type { Relationship } from './api/bindings/Relationship';
import type { ReviewInput } from './api/bindings/ReviewInput';
import type { SessionItem } from './api/bindings/SessionItem';
import type { SessionNote } from './api/bindings/SessionNote';
import type { ThreadProgress } from './api/bindings/ThreadProgress';
import { toCommandFailure } from './api/client';
import { blankToNull, orEmpty } from './forms';
import type { Choice } from './intake';

// ---------- Sections ----------

/** The four parts of every session, in the order they run. */
export const SESSION_SECTIONS = ['education', 'communication', 'practical', 'homework'] as const;
export type SessionSectionCode = (typeof SESSION_SECTIONS)[number];

export const SESSION_SECTION_LABELS: Record<SessionSectionCode, string> = {
  education: 'Education',
  communication: 'Communication',
  practical: 'Practical guidance',
  homework: 'Homework',
};

export const SESSION_SECTION_CHOICES: readonly Choice[] = SESSION_SECTIONS.map((s) => ({ value: s, label: SESSION_SECTION_LABELS[s] }));

/** The session part a library item goes in (as Rust's `session_section_of`): acceptance steps are guided conversation. */
export function sessionSectionOf(librarySection: string): SessionSectionCode {
  switch (librarySection) {
    case 'education':
      return 'education';
    case 'communication':
    case 'acceptance':
      return 'communication';
    case 'practical':
      return 'practical';
    default:
      return 'homework';
  }
}

export const sectionLabel = (section: string): string =>
  SESSION_SECTION_LABELS[section as SessionSectionCode] ?? section;

// ---------- Sessions ----------

export const JOURNEY_TITLE = 'Understanding your journey';

/** "Understanding your journey" for session 1, otherwise "Session N". */
export const sessionTitle = (s: Pick<PlannedSession, 'number' | 'journey'>): string =>
  s.journey ? JOURNEY_TITLE : `Session ${s.number}`;

const STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  draft: 'Under way',
  signed: 'Signed',
  held: 'Held',
};

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;

/** The session to open first: the first whose note is not signed, or the last. */
export function defaultSessionNumber(course: Pick<Course, 'sessions'>): number | null {
  const open = course.sessions.find((s) => s.status !== 'signed');
  return open?.number ?? course.sessions[course.sessions.length - 1]?.number ?? null;
}

/** A session item anywhere in the course, with the session that holds it. */
export function findItem(course: Pick<Course, 'sessions'>, sessionItemId: number): { session: PlannedSession; item: SessionItem } | null {
  for (const session of course.sessions) {
    for (const sec of session.sections) {
      const item = sec.items.find((i) => i.id === sessionItemId);
      if (item) return { session, item };
    }
  }
  return null;
}

export interface ReviewRowData {
  item: SessionItem;
  /** The session the homework was given at. */
  givenAt: number;
  review: HomeworkReview | null;
  /** The session it was reviewed at, when not this one (it then shows read-only). */
  reviewedAt: number | null;
}

/**
 * The homework rows of a session: what is due for review (unsigned), or what was reviewed there
 * (signed). Rust keeps one review per item, wherever it was recorded.
 */
export function reviewRows(course: Pick<Course, 'sessions'>, session: PlannedSession): ReviewRowData[] {
  const signed = session.status === 'signed';
  const ids = signed ? session.reviews.map((r) => r.sessionItemId) : session.reviewDue;
  return ids.flatMap((id) => {
    const found = findItem(course, id);
    if (!found) return [];
    const here = session.reviews.find((r) => r.sessionItemId === id) ?? null;
    const elsewhere = here ? null : course.sessions.find((s) => s.id !== session.id && s.reviews.some((r) => r.sessionItemId === id)) ?? null;
    const review = here ?? elsewhere?.reviews.find((r) => r.sessionItemId === id) ?? null;
    return [{ item: found.item, givenAt: found.session.number, review, reviewedAt: elsewhere?.number ?? null }];
  });
}

export const itemTitle = (item: Pick<SessionItem, 'library' | 'freeText'>): string =>
  item.library?.title ?? item.freeText ?? '';

/** "v2 (now v3)" when the item was edited in the library since it was given; null when it is current. */
export function versionText(given: Pick<GivenItem, 'version' | 'currentVersion'> | null): string | null {
  if (!given || given.version >= given.currentVersion) return null;
  return `v${given.version} (now v${given.currentVersion})`;
}

/** Names in the course's order, joined as a person would say them: "Maggie, Sam and David". */
export function attendeeNames(ids: readonly number[], attendees: readonly Attendee[]): string {
  const names = attendees.filter((a) => ids.includes(a.personId)).map((a) => a.name);
  // Anyone no longer on the course still shows up.
  for (const id of ids) if (!attendees.some((a) => a.personId === id)) names.push(`Person ${id}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Who does a homework item by default: the client for items done alone; everyone attending for
 * items done with partners or either way, and for free text (participants null).
 */
export function defaultAssignees(participants: string | null | undefined, attendees: readonly Attendee[]): number[] {
  if (participants === 'client') return attendees.filter((a) => a.isClient).map((a) => a.personId);
  return attendees.map((a) => a.personId);
}

// ---------- Starting or changing the course ----------

/** A number input as bound: Svelte gives a number (null when empty); a string before it is touched. */
export type NumberText = string | number | null;

const numberText = (v: NumberText | undefined): string => (v === null || v === undefined ? '' : String(v)).trim();

export interface CourseForm {
  goals: string;
  plannedSessions: NumberText;
  /** "" for the client alone, else the relationship id. */
  relationshipId: string;
  /** Partner person id -> attends. */
  partners: Record<number, boolean>;
}

export const COURSE_FIELDS: readonly string[] = ['goals', 'plannedSessions', 'relationshipId', 'partnerIds'];

export const DEFAULT_PLANNED_SESSIONS = 8;

export function newCourseForm(intakeGoals: string | null): CourseForm {
  return { goals: intakeGoals ?? '', plannedSessions: String(DEFAULT_PLANNED_SESSIONS), relationshipId: '', partners: {} };
}

export function courseFormFrom(course: Course): CourseForm {
  const partners: Record<number, boolean> = {};
  for (const a of course.attendees) if (!a.isClient) partners[a.personId] = true;
  return {
    goals: course.goals,
    plannedSessions: String(course.plannedSessions),
    relationshipId: course.relationshipId === null ? '' : String(course.relationshipId),
    partners,
  };
}

export interface RelationshipChoice {
  value: string;
  label: string;
  partners: { id: number; name: string }[];
}

/** The relationships a client can be seen in: current ones that have someone besides the client. */
export function relationshipChoices(relationships: readonly Relationship[], clientId: number): RelationshipChoice[] {
  return relationships
    .filter((r) => !r.ended)
    .map((r) => {
      const partners = r.members.filter((m) => m.id !== clientId).map((m) => ({ id: m.id, name: m.displayName }));
      const names = partners.map((p) => p.name);
      const who = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
      return { value: String(r.id), label: `With ${who} (${r.structureLabel.toLowerCase()})`, partners };
    })
    .filter((c) => c.partners.length > 0);
}

/** The course input, or errors found before sending (field -> message). */
export function courseInput(
  f: CourseForm,
  choices: readonly RelationshipChoice[],
): { input: CourseInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = numberText(f.plannedSessions);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) errors.plannedSessions = 'Planned sessions must be a whole number.';
  const relationshipId = f.relationshipId === '' ? null : Number(f.relationshipId);
  const choice = choices.find((c) => c.value === f.relationshipId);
  // Only partners of the chosen relationship are sent, whatever was ticked before.
  const partnerIds = relationshipId === null ? [] : (choice?.partners ?? []).filter((p) => f.partners[p.id]).map((p) => p.id);
  return {
    input: { goals: f.goals, plannedSessions: errors.plannedSessions ? 0 : n, relationshipId, partnerIds },
    errors,
  };
}

// ---------- Adding items ----------

/** Rust's explanation when a caution or the homework stage holds an item back; null for any other failure. */
export function overrideMessage(raw: unknown): string | null {
  const e = toCommandFailure(raw);
  if (e.kind !== 'validation') return null;
  return e.fields.find((f) => f.field === 'overrideReason')?.message ?? null;
}

// ---------- Homework reviews ----------

export const OUTCOMES: readonly Choice[] = [
  { value: 'done', label: 'Done' },
  { value: 'partly', label: 'Partly' },
  { value: 'not_done', label: 'Not done' },
];

export const outcomeLabel = (o: string): string => OUTCOMES.find((c) => c.value === o)?.label ?? o;

export interface ReviewForm {
  outcome: string;
  helped: string;
  hard: string;
  /** 0 to 10, or empty. */
  comfort: NumberText;
}

export const REVIEW_FIELDS: readonly string[] = ['outcome', 'helped', 'hard', 'comfort'];

export function reviewForm(r: HomeworkReview | null | undefined): ReviewForm {
  return {
    outcome: r?.outcome ?? '',
    helped: orEmpty(r?.helped),
    hard: orEmpty(r?.hard),
    comfort: r?.comfort === null || r?.comfort === undefined ? '' : String(r.comfort),
  };
}

export function reviewInput(f: ReviewForm): { input: ReviewInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let comfort: number | null = null;
  const c = numberText(f.comfort);
  if (c !== '') {
    const n = Number(c);
    if (!/^\d+$/.test(c) || n > 10) errors.comfort = 'Comfort is a whole number from 0 to 10.';
    else comfort = n;
  }
  return {
    input: { outcome: f.outcome, helped: blankToNull(f.helped), hard: blankToNull(f.hard), comfort },
    errors,
  };
}

/** One line for a recorded review: "Done, comfort 8 of 10". */
export function reviewSummary(r: Pick<HomeworkReview, 'outcome' | 'comfort'>): string {
  const parts = [outcomeLabel(r.outcome)];
  if (r.comfort !== null) parts.push(`comfort ${r.comfort} of 10`);
  return parts.join(', ');
}

// ---------- Session note ----------

export interface NoteForm {
  heldOn: string;
  /** Person id -> came. */
  attended: Record<number, boolean>;
  coveredEducation: string;
  coveredCommunication: string;
  coveredPractical: string;
  coveredHomework: string;
  data: string;
  assessment: string;
  plan: string;
}

export const COVERED_FIELDS: Record<SessionSectionCode, 'coveredEducation' | 'coveredCommunication' | 'coveredPractical' | 'coveredHomework'> = {
  education: 'coveredEducation',
  communication: 'coveredCommunication',
  practical: 'coveredPractical',
  homework: 'coveredHomework',
};

export const NOTE_FIELDS: readonly string[] = [
  'heldOn', 'attended', 'coveredEducation', 'coveredCommunication', 'coveredPractical', 'coveredHomework',
  'data', 'assessment', 'plan',
];

export function noteForm(note: SessionNote | null, attendees: readonly Attendee[]): NoteForm {
  const attended: Record<number, boolean> = {};
  for (const a of attendees) attended[a.personId] = note?.attended.includes(a.personId) ?? false;
  return {
    heldOn: orEmpty(note?.heldOn),
    attended,
    coveredEducation: orEmpty(note?.coveredEducation),
    coveredCommunication: orEmpty(note?.coveredCommunication),
    coveredPractical: orEmpty(note?.coveredPractical),
    coveredHomework: orEmpty(note?.coveredHomework),
    data: orEmpty(note?.data),
    assessment: orEmpty(note?.assessment),
    plan: orEmpty(note?.plan),
  };
}

export function noteInput(f: NoteForm, attendees: readonly Attendee[]): NoteInput {
  return {
    heldOn: blankToNull(f.heldOn),
    attended: attendees.filter((a) => f.attended[a.personId]).map((a) => a.personId),
    coveredEducation: blankToNull(f.coveredEducation),
    coveredCommunication: blankToNull(f.coveredCommunication),
    coveredPractical: blankToNull(f.coveredPractical),
    coveredHomework: blankToNull(f.coveredHomework),
    data: blankToNull(f.data),
    assessment: blankToNull(f.assessment),
    plan: blankToNull(f.plan),
  };
}

/** The note's save status as the page reports it (`data-state`). */
export type NoteState = 'saved' | 'saving' | 'dirty' | 'error';

export function noteState(s: 'idle' | 'pending' | 'saving' | 'saved' | 'error'): NoteState {
  if (s === 'pending') return 'dirty';
  if (s === 'idle') return 'saved';
  return s;
}

// ---------- Progress ----------

/** "1 of 2 reviewed as done", or that nothing was reviewed yet. */
export function threadDoneText(t: Pick<ThreadProgress, 'done' | 'reviewed'>): string {
  if (t.reviewed === 0) return 'Not reviewed yet';
  return `${t.done} of ${t.reviewed} reviewed as done`;
}

/** The `data-done-percent` value: the whole percent, or empty before the first review. */
export const donePercentAttr = (t: Pick<ThreadProgress, 'donePercent'>): string =>
  t.donePercent === null ? '' : String(t.donePercent);

/** Width of the small bar, 0 to 100. */
export const barWidth = (t: Pick<ThreadProgress, 'donePercent'>): number =>
  Math.min(100, Math.max(0, t.donePercent ?? 0));
