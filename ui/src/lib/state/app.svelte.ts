// Where the window is in the sign-in journey, who is signed in, and the shared vocabulary.
import { setLockedHandler, setSignedOutHandler, toCommandFailure } from '../api/client';
import * as sessionApi from '../api/session';
import { getVocabulary } from '../api/clinic';
import type { SessionInfo } from '../api/bindings/SessionInfo';
import type { Vocabulary } from '../api/bindings/Vocabulary';
import { canSeeClients, isAdministrator } from '../names';
import { clearNotices, showError } from './notices.svelte';
import { beforeLeaving, go } from './router.svelte';

export type Phase =
  | { name: 'loading' }
  | { name: 'startFailed'; message: string }
  | { name: 'setup' }
  | { name: 'recoveryKey'; key: string; session: SessionInfo }
  | { name: 'signIn'; message?: string }
  | { name: 'mustChangePassword' }
  | { name: 'ready' };

export const app = $state<{
  phase: Phase;
  session: SessionInfo | null;
  vocabulary: Vocabulary | null;
  /** The screen is locked: the lock screen covers everything, which stays as it was. */
  locked: boolean;
  /** Seconds without input before the window locks. */
  lockAfterSeconds: number;
}>({
  phase: { name: 'loading' },
  session: null,
  vocabulary: null,
  locked: false,
  lockAfterSeconds: 300,
});

const emptyVocabulary = (): Vocabulary => ({ relationshipStructures: [], contactMethods: [], roles: [] });

export function toSignIn(message?: string): void {
  app.locked = false;
  app.session = null;
  app.vocabulary = null;
  clearNotices();
  app.phase = message ? { name: 'signIn', message } : { name: 'signIn' };
}

setSignedOutHandler(() => toSignIn('Your session ended. Please sign in again.'));
setLockedHandler(() => {
  if (app.session) app.locked = true;
});

export async function boot(): Promise<void> {
  app.phase = { name: 'loading' };
  try {
    const status = await sessionApi.appStatus();
    if (status.setup === 'notSetUp') app.phase = { name: 'setup' };
    else if (status.session) {
      await enter(status.session);
      app.locked = status.locked;
    }
    else app.phase = { name: 'signIn' };
  } catch (e) {
    app.phase = { name: 'startFailed', message: toCommandFailure(e).message };
  }
}

/** Signed in: either ask for a new password first, or open the app. */
export async function enter(session: SessionInfo): Promise<void> {
  app.session = session;
  app.locked = false;
  if (session.mustChangePassword) {
    app.phase = { name: 'mustChangePassword' };
    return;
  }
  try {
    app.vocabulary = await getVocabulary();
  } catch (e) {
    app.vocabulary = emptyVocabulary();
    showError(e);
  }
  try {
    app.lockAfterSeconds = (await sessionApi.lockSettings()).afterSeconds;
  } catch (e) {
    showError(e);
  }
  go(canSeeClients(session.roles) ? { name: 'clients' } : isAdministrator(session.roles) ? { name: 'accounts' } : { name: 'home' }, true);
  app.phase = { name: 'ready' };
}

export async function signOut(): Promise<void> {
  // Save what the counsellor typed while the session still allows it.
  await beforeLeaving();
  let problem: string | null = null;
  try {
    problem = await sessionApi.signOut();
  } catch (e) {
    // Leaving the screen matters more than the audit line; Rust logs its own failure.
    console.error('rekindle: sign-out failed', e instanceof Error ? e.message : '');
  }
  toSignIn(problem ?? undefined);
}

/** Locks the screen (Ctrl+L, the Lock button, or no input for the lock time). What was typed
 * is saved first where the view saves drafts; the view itself stays as it was, hidden. */
export async function lockNow(idle: boolean): Promise<void> {
  if (app.locked || !app.session) return;
  await beforeLeaving();
  try {
    await sessionApi.lockScreen(idle);
  } catch (e) {
    // Locked on the screen regardless; Rust refuses everything once it notices too.
    console.error('rekindle: recording the lock failed', e instanceof Error ? e.message : '');
  }
  app.locked = true;
}

/** The same person is back: carry on exactly where they were. */
export async function unlockWith(password: string): Promise<void> {
  const s = await sessionApi.unlock(password);
  app.session = s;
  app.locked = false;
}
