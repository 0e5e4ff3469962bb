// Where the window is in the sign-in journey, who is signed in, and the shared vocabulary.
import { setSignedOutHandler, toCommandFailure } from '../api/client';
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

export const app = $state<{ phase: Phase; session: SessionInfo | null; vocabulary: Vocabulary | null }>({
  phase: { name: 'loading' },
  session: null,
  vocabulary: null,
});

const emptyVocabulary = (): Vocabulary => ({ relationshipStructures: [], contactMethods: [], roles: [] });

export function toSignIn(message?: string): void {
  app.session = null;
  app.vocabulary = null;
  clearNotices();
  app.phase = message ? { name: 'signIn', message } : { name: 'signIn' };
}

setSignedOutHandler(() => toSignIn('Your session ended. Please sign in again.'));

export async function boot(): Promise<void> {
  app.phase = { name: 'loading' };
  try {
    const status = await sessionApi.appStatus();
    if (status.setup === 'notSetUp') app.phase = { name: 'setup' };
    else if (status.session) await enter(status.session);
    else app.phase = { name: 'signIn' };
  } catch (e) {
    app.phase = { name: 'startFailed', message: toCommandFailure(e).message };
  }
}

/** Signed in: either ask for a new password first, or open the app. */
export async function enter(session: SessionInfo): Promise<void> {
  app.session = session;
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
