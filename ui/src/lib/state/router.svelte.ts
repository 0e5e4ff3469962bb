// A tiny router: which view the main area shows, with its parameters. No URLs.
import type { PersonId } from '../api/people';
import { clearNotices } from './notices.svelte';

export type View =
  | { name: 'clients' }
  | { name: 'person'; id: PersonId }
  | { name: 'clientNew' }
  | { name: 'clientEdit'; id: PersonId }
  | { name: 'chart'; id: PersonId }
  | { name: 'course'; id: PersonId }
  | { name: 'library' }
  | { name: 'handouts' }
  | { name: 'calendar' }
  | { name: 'accounts' }
  | { name: 'clinic' }
  | { name: 'audit' }
  | { name: 'changePassword' }
  | { name: 'home' };

export const router = $state<{ view: View }>({ view: { name: 'home' } });

export function go(view: View, keepNotice = false): void {
  if (!keepNotice) clearNotices();
  router.view = view;
}

// A view with unsaved typing (the chart) registers how to save it; signing out waits for it.
let leaveGuard: (() => Promise<unknown>) | null = null;

/** Registers what must finish before the session ends (null to remove). */
export function setLeaveGuard(guard: (() => Promise<unknown>) | null): void {
  leaveGuard = guard;
}

/** Runs the registered guard, if any; never throws. */
export async function beforeLeaving(): Promise<void> {
  if (!leaveGuard) return;
  try {
    await leaveGuard();
  } catch {
    // The guard reports its own failures.
  }
}
