// The audit log viewer's filter form and how entries read on screen.
import type { AuditFilter, AuditKind, AuditRow } from './api/audit';

export interface AuditForm {
  client: string;
  /** An account id as text, or '' for everyone. */
  staff: string;
  /** An AuditKind, or '' for every kind. */
  kind: string;
  from: string;
  to: string;
}

export const emptyAuditForm = (): AuditForm => ({ client: '', staff: '', kind: '', from: '', to: '' });

/** The form as the command's filter: blanks are "any". */
export function auditFilter(f: AuditForm, beforeId: number | null = null): AuditFilter {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const staff = Number.parseInt(f.staff, 10);
  return {
    personId: null,
    client: text(f.client),
    accountId: Number.isFinite(staff) ? staff : null,
    kind: (text(f.kind) as AuditKind | null) ?? null,
    from: text(f.from),
    to: text(f.to),
    beforeId,
  };
}

/** "23 Nov 2026, 14:05:09" on this computer's clock. */
export function atText(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return `${day}, ${time}`;
}

/** Who did it, for a row: the staff member, or a plain stand-in. */
/** Who acted: the staff member; for a failed sign-in, nobody the app could know; otherwise the app. */
export const whoText = (r: Pick<AuditRow, 'who' | 'action'>): string =>
  r.who ?? (r.action === 'session.sign_in_failed' || r.action === 'session.lock_out' ? 'Not signed in' : 'Rekindle');

/** Outcomes other than "ok" are shown; "ok" is the quiet default. */
export const outcomeText = (r: Pick<AuditRow, 'outcome'>): string | null =>
  r.outcome === 'ok' ? null : r.outcome === 'failed' ? 'Failed' : r.outcome === 'refused' ? 'Refused' : r.outcome;
