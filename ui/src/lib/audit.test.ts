import { describe, expect, it } from 'vitest';
import { atText, auditFilter, emptyAuditForm, outcomeText, whoText } from './audit';

describe('the audit log filters', () => {
  it('turns blanks into "any" and keeps what was chosen', () => {
    expect(auditFilter(emptyAuditForm())).toEqual({
      personId: null, client: null, accountId: null, kind: null, from: null, to: null, beforeId: null,
    });
    const f = auditFilter({ client: '  Maggie ', staff: '3', kind: 'clinicalRead', from: '2026-11-01', to: '' }, 120);
    expect(f).toEqual({
      personId: null, client: 'Maggie', accountId: 3, kind: 'clinicalRead', from: '2026-11-01', to: null, beforeId: 120,
    });
  });
  it('reads entries in plain words', () => {
    expect(atText('2026-11-23T14:05:09Z')).toMatch(/^\d{1,2} Nov 2026, \d\d:\d\d:\d\d$/);
    expect(whoText({ who: null, action: 'backup.create' })).toBe('Rekindle');
    expect(whoText({ who: null, action: 'session.sign_in_failed' })).toBe('Not signed in');
    expect(whoText({ who: null, action: 'session.lock_out' })).toBe('Not signed in');
    expect(whoText({ who: 'Dr Jordan Ellis', action: 'chart.read' })).toBe('Dr Jordan Ellis');
    expect(outcomeText({ outcome: 'ok' })).toBeNull();
    expect(outcomeText({ outcome: 'failed' })).toBe('Failed');
  });
});
