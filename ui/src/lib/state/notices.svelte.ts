// One success/info notice and one error banner for the whole window.
import { toCommandFailure } from '../api/client';
import { messageFor } from '../errors';

export const notices = $state<{ notice: string | null; error: string | null }>({ notice: null, error: null });

let timer: ReturnType<typeof setTimeout> | null = null;

export function showNotice(text: string): void {
  notices.notice = text;
  notices.error = null;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => { notices.notice = null; timer = null; }, 5000);
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
