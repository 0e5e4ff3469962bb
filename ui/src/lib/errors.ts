// Turning a failed command into what a form shows: a message under each input it concerns,
// and one summary line at the top.
import { CommandFailure, toCommandFailure } from './api/client';

export const FORBIDDEN_TEXT = 'Your account is not allowed to do that.';

export interface FormErrors {
  /** One line for the top of the form, or null when there is nothing to say. */
  summary: string | null;
  /** Field name (as Rust names it, e.g. `givenName`, `clinic.name`) -> message. */
  fields: Record<string, string>;
}

export const noErrors = (): FormErrors => ({ summary: null, fields: {} });

/** The plain-language line for a failure that is not about particular fields. */
export function messageFor(e: CommandFailure): string {
  if (e.kind === 'forbidden') return FORBIDDEN_TEXT;
  return e.message;
}

/**
 * Places each field error under the input that shows it. `shown` lists the fields this form
 * has inputs for; messages for any other field go into the summary so nothing is lost.
 */
export function formErrors(raw: unknown, shown: readonly string[]): FormErrors {
  const e = toCommandFailure(raw);
  if (e.kind !== 'validation') return { summary: messageFor(e), fields: {} };
  const fields: Record<string, string> = {};
  const stray: string[] = [];
  for (const f of e.fields) {
    if (shown.includes(f.field)) {
      // Keep the first message per field; Rust reports the most basic problem first.
      if (!(f.field in fields)) fields[f.field] = f.message;
    } else {
      stray.push(f.message);
    }
  }
  const placed = Object.keys(fields).length;
  let summary: string;
  if (placed === 0 && stray.length === 0) summary = e.message;
  else if (placed === 0) summary = stray.join(' ');
  else {
    summary = placed === 1 ? 'Please check the highlighted field.' : `Please check the ${placed} highlighted fields.`;
    if (stray.length) summary += ' ' + stray.join(' ');
  }
  return { summary, fields };
}

/** Adds a client-side check (e.g. password confirmation) to a set of errors. */
export function withFieldError(errors: FormErrors, field: string, message: string): FormErrors {
  const fields = { ...errors.fields, [field]: message };
  const n = Object.keys(fields).length;
  return { summary: n === 1 ? 'Please check the highlighted field.' : `Please check the ${n} highlighted fields.`, fields };
}

/** The field errors whose names start with `prefix`, with the prefix taken off. */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

export function isCommandFailure(e: unknown): e is CommandFailure {
  return e instanceof CommandFailure;
}

/** A booking or a move that clashes with what is already booked: its list is in `clashes`. */
export const isClash = (e: CommandFailure): boolean => e.kind === 'clash';
