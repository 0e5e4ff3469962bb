// A tiny router: which view the main area shows, with its parameters. No URLs.
import type { PersonId } from '../api/people';
import { clearNotices } from './notices.svelte';

export type View =
  | { name: 'clients' }
  | { name: 'person'; id: PersonId }
  | { name: 'clientNew' }
  | { name: 'clientEdit'; id: PersonId }
  | { name: 'accounts' }
  | { name: 'clinic' }
  | { name: 'changePassword' }
  | { name: 'home' };

export const router = $state<{ view: View }>({ view: { name: 'home' } });

export function go(view: View, keepNotice = false): void {
  if (!keepNotice) clearNotices();
  router.view = view;
}
