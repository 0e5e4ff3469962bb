// The administrator's audit log viewer. Rust checks the role and logs every search.
import { call } from './client';
import type { AuditChoices } from './bindings/AuditChoices';
import type { AuditFilter } from './bindings/AuditFilter';
import type { AuditKind } from './bindings/AuditKind';
import type { AuditPage } from './bindings/AuditPage';
import type { AuditRow } from './bindings/AuditRow';

export type { AuditChoices, AuditFilter, AuditKind, AuditPage, AuditRow };

export const auditChoices = () => call<AuditChoices>('audit_choices');

export const auditLog = (filter: AuditFilter) => call<AuditPage>('audit_log', { filter });
