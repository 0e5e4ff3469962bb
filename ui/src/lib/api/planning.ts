// Session planning: a client's course, its sessions, notes and homework reviews.
// Counsellors only (Rust enforces it); every read of a course is audited.
import { call } from './client';
import type { Course } from './bindings/Course';
import type { CourseInput } from './bindings/CourseInput';
import type { CoursePage } from './bindings/CoursePage';
import type { ItemInput } from './bindings/ItemInput';
import type { NoteInput } from './bindings/NoteInput';
import type { NoteSaved } from './bindings/NoteSaved';
import type { PlannedSession } from './bindings/PlannedSession';
import type { ReviewInput } from './bindings/ReviewInput';
import type { SessionItem } from './bindings/SessionItem';
import type { Suggestion } from './bindings/Suggestion';
import type { PersonId } from './people';

export type CourseId = Course['id'];
export type SessionId = PlannedSession['id'];
export type SessionItemId = SessionItem['id'];

/** The client's active course, or (course null) the intake's goals to start one with. */
export const openCourse = (personId: PersonId) => call<CoursePage>('open_course', { personId });

export const createCourse = (personId: PersonId, input: CourseInput) =>
  call<CoursePage>('create_course', { personId, input });

export const updateCourse = (courseId: CourseId, input: CourseInput) =>
  call<CoursePage>('update_course', { courseId, input });

/** `plannedOn` is YYYY-MM-DD, or null to clear it. */
export const setSessionDate = (sessionId: SessionId, plannedOn: string | null) =>
  call<CoursePage>('set_session_date', { sessionId, plannedOn });

export const suggestForSession = (sessionId: SessionId) =>
  call<Suggestion[]>('suggest_for_session', { sessionId });

/** Fails with a validation error on `overrideReason` when a caution or the homework stage holds the item back. */
export const addSessionItem = (sessionId: SessionId, input: ItemInput) =>
  call<CoursePage>('add_session_item', { sessionId, input });

export const removeSessionItem = (sessionItemId: SessionItemId) =>
  call<CoursePage>('remove_session_item', { sessionItemId });

/** Saves the note as typed (autosave). */
export const saveSessionNote = (sessionId: SessionId, input: NoteInput) =>
  call<NoteSaved>('save_session_note', { sessionId, input });

/** Signs the note: the session's note, plan and reviews are locked. */
export const signSessionNote = (sessionId: SessionId) => call<CoursePage>('sign_session_note', { sessionId });

export const addSessionAddendum = (sessionId: SessionId, text: string) =>
  call<CoursePage>('add_session_addendum', { sessionId, text });

/** Records at `sessionId` how homework given earlier (`sessionItemId`) went. */
export const reviewHomework = (sessionId: SessionId, sessionItemId: SessionItemId, input: ReviewInput) =>
  call<CoursePage>('review_homework', { sessionId, sessionItemId, input });
