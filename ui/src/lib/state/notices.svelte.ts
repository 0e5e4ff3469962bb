// One success/info notice and one error banner for the whole window.
import { toCommandFailure } from '../api/client';
import { messageFor } from '../errors';

export const notices = $state<{ notice: string | null; error: string | null }>({ notice: null, error: null });

// A notice stays until it is dismissed or the person moves to another screen: a confirmation
// that vanishes on a timer is easy to miss for a slow reader or someone talking with a client.
export function showNotice(text: string): void {
  notices.notice = text;
  notices.error = null;
}

export function showError(e: unknown): void {
  const f = toCommandFailure(e);
  if (f.kind === 'signedOut') return; // the sign-in screen takes over
  notices.error = messageFor(f);
}

export function clearNotices(): void {
  notices.notice = null;
  notices.error = null;
}
