// How people, dates and roles are written on screen.
import type { Person } from './api/bindings/Person';
import type { Role } from './api/bindings/Role';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

type Named = Pick<Person, 'givenName' | 'familyName' | 'preferredName'>;

/** What the person is called: preferred name (or given name) and family name. Matches Rust. */
export function displayName(p: Named): string {
  return joinName(p.preferredName?.trim() || p.givenName, p.familyName);
}

/** Given and family name, as on official documents. */
export function legalName(p: Named): string {
  return joinName(p.givenName, p.familyName);
}

function joinName(first: string, family: string | null): string {
  return family && family.trim() ? `${first} ${family}` : first;
}

/** "1980-03-07" -> "7 March 1980". Anything that is not a date is returned as it came. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return `${day} ${MONTHS[month - 1]} ${m[1]}`;
}

const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  counsellor: 'Counsellor',
  reception: 'Reception',
};

export const ALL_ROLES: readonly Role[] = ['administrator', 'counsellor', 'reception'];

export const roleLabel = (r: Role): string => ROLE_LABELS[r];

export function rolesLabel(roles: readonly Role[]): string {
  return ALL_ROLES.filter((r) => roles.includes(r)).map(roleLabel).join(', ');
}

/** Clients are for counsellors and reception; an administrator alone does not see them. */
export const canSeeClients = (roles: readonly Role[]): boolean =>
  roles.includes('counsellor') || roles.includes('reception');

export const isAdministrator = (roles: readonly Role[]): boolean => roles.includes('administrator');

/** Looks up a vocabulary label, falling back to the code. */
export function termLabel(terms: readonly { code: string; label: string }[], code: string | null): string {
  if (!code) return '';
  return terms.find((t) => t.code === code)?.label ?? code;
}

/** A timestamp from Rust (RFC 3339) as the local day, e.g. "12 May 2026". */
export function formatDay(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** A timestamp from Rust as the local time of day, e.g. "09:05". */
export function formatTime(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export const isCounsellor = (roles: readonly Role[]): boolean => roles.includes('counsellor');

export const isReception = (roles: readonly Role[]): boolean => roles.includes('reception');
