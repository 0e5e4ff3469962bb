import { describe, expect, it } from 'vitest';
import type { MeasureResult } from './api/bindings/MeasureResult';
import {
  byInstrument, chronological, measureInput, newestFirst, pendingAlert, polyline, todayIso, trendLabel, trendPoints,
} from './measures';

const result = (id: number, instrument: string, takenOn: string, total: number, extra: Partial<MeasureResult> = {}): MeasureResult => ({
  id, instrument, instrumentTitle: instrument === 'phq9' ? 'PHQ-9' : 'GAD-7', takenOn, total,
  maxTotal: instrument === 'phq9' ? 27 : 21, band: 'Mild', alert: null, acknowledged: false, answers: [], ...extra,
});

describe('measure input', () => {
  it('sends every item, unanswered ones as null', () => {
    const input = measureInput({ code: 'gad7', items: [1, 2, 3].map((n) => ({ number: n, text: `Item ${n}` })) }, '2026-05-12', { 1: 0, 3: 2 });
    expect(input).toEqual({
      instrument: 'gad7',
      takenOn: '2026-05-12',
      answers: [{ itemNumber: 1, value: 0 }, { itemNumber: 2, value: null }, { itemNumber: 3, value: 2 }],
    });
  });

  it('defaults the date to the local day', () => {
    expect(todayIso(new Date(2026, 4, 2, 23, 30))).toBe('2026-05-02');
  });
});

describe('ordering', () => {
  const rs = [result(3, 'phq9', '2026-05-01', 9), result(1, 'phq9', '2026-04-01', 14), result(2, 'gad7', '2026-05-01', 5), result(4, 'phq9', '2026-05-01', 7)];

  it('sorts by date, then by the order recorded', () => {
    expect(chronological(rs).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(newestFirst(rs).map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });

  it('groups by instrument in the instruments order', () => {
    const groups = byInstrument(rs, ['phq9', 'gad7', 'pain_nrs']);
    expect(groups.map((g) => g.code)).toEqual(['phq9', 'gad7']);
    expect(groups[0].results.map((r) => r.total)).toEqual([14, 9, 7]);
  });

  it('finds the first unacknowledged alert', () => {
    expect(pendingAlert(rs)).toBeNull();
    const withAlerts = [
      result(5, 'phq9', '2026-05-03', 12, { alert: 'Ask about safety today.', acknowledged: true }),
      result(6, 'phq9', '2026-05-04', 12, { alert: 'Ask about safety today.' }),
    ];
    expect(pendingAlert(withAlerts)?.id).toBe(6);
  });
});

describe('trend', () => {
  it('spreads points across the width and puts the maximum at the top', () => {
    const pts = trendPoints([0, 27, 13.5], 27, 200, 60, 5);
    expect(pts).toEqual([{ x: 5, y: 55 }, { x: 100, y: 5 }, { x: 195, y: 30 }]);
    expect(polyline(pts)).toBe('5,55 100,5 195,30');
  });

  it('centres a single result and keeps totals inside the box', () => {
    expect(trendPoints([40], 27, 200, 60, 5)).toEqual([{ x: 100, y: 5 }]);
    expect(trendPoints([], 27, 200, 60)).toEqual([]);
  });

  it('lists every value for screen readers', () => {
    const label = trendLabel('PHQ-9', [result(2, 'phq9', '2026-05-12', 9), result(1, 'phq9', '2026-04-02', 14)]);
    expect(label).toBe('PHQ-9 totals over time. 2 April 2026: 14 of 27; 12 May 2026: 9 of 27.');
  });
});
