// The one place that talks to Rust. Every command goes through `call`, which turns a rejection
// into a `CommandFailure` (a thrown value carrying the typed `CommandError` from Rust).
import { invoke } from '@tauri-apps/api/core';
import type { CommandError } from './bindings/CommandError';
import type { Clash } from './bindings/Clash';
import type { ErrorKind } from './bindings/ErrorKind';
import type { FieldError } from './bindings/FieldError';

const KINDS: readonly ErrorKind[] = [
  'validation', 'notFound', 'conflict', 'forbidden', 'signedOut', 'locked', 'signInFailed',
  'tooManyAttempts', 'notSetUp', 'alreadySetUp', 'wrongKey', 'print', 'clash', 'internal',
];

/** A failed command. It is an `Error` (so it has a stack) and has the `CommandError` shape. */
export class CommandFailure extends Error implements CommandError {
  readonly kind: ErrorKind;
  readonly fields: FieldError[];
  readonly retryAfterSeconds?: CommandError['retryAfterSeconds'];
  /** What stops a booking or a move (kind `clash`); empty otherwise. */
  readonly clashes: Clash[];

  constructor(e: CommandError) {
    super(e.message);
    this.name = 'CommandFailure';
    this.kind = e.kind;
    this.fields = e.fields;
    this.clashes = e.clashes ?? [];
    if (e.retryAfterSeconds !== undefined) this.retryAfterSeconds = e.retryAfterSeconds;
  }
}

function isCommandErrorShape(v: unknown): v is CommandError {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.kind === 'string' && (KINDS as readonly string[]).includes(o.kind)
    && typeof o.message === 'string' && Array.isArray(o.fields);
}

/** Turns whatever a command rejected with into a `CommandFailure`. */
export function toCommandFailure(raw: unknown): CommandFailure {
  if (raw instanceof CommandFailure) return raw;
  if (isCommandErrorShape(raw)) {
    const fields = raw.fields.filter(
      (f): f is FieldError => typeof f?.field === 'string' && typeof f?.message === 'string',
    );
    const list: unknown = raw.clashes;
    const clashes = Array.isArray(list)
      ? list.filter((c): c is Clash => typeof c?.message === 'string' && typeof c?.kind === 'string')
      : [];
    return new CommandFailure({ ...raw, fields, clashes });
  }
  // Tauri itself rejects with a plain string (e.g. a missing command or bad arguments).
  // Do not show its text: it can quote arguments, and arguments here are client data.
  if (typeof raw === 'string' || raw instanceof Error) {
    console.error('rekindle: command failed outside Rust error handling');
  }
  return new CommandFailure({
    kind: 'internal',
    message: 'Something went wrong. Please try again; if it keeps happening, restart Rekindle.',
    fields: [],
  });
}

type SignedOutHandler = () => void;
let onSignedOut: SignedOutHandler | null = null;

/** Registers what to do when any command says the session has ended. */
export function setSignedOutHandler(handler: SignedOutHandler | null): void {
  onSignedOut = handler;
}

type LockedHandler = () => void;
let onLocked: LockedHandler | null = null;

/** Registers what to do when any command says the screen is locked. */
export function setLockedHandler(handler: LockedHandler | null): void {
  onLocked = handler;
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (raw) {
    const failure = toCommandFailure(raw);
    if (failure.kind === 'signedOut' && onSignedOut) onSignedOut();
    if (failure.kind === 'locked' && onLocked) onLocked();
    throw failure;
  }
}
