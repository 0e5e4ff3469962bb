// Questionnaires: answers as the form holds them -> what Rust scores, and the small trend
// chart of totals over time.
import type { Instrument } from './api/bindings/Instrument';
import type { MeasureInput } from './api/bindings/MeasureInput';
import type { MeasureResult } from './api/bindings/MeasureResult';
import { formatDate } from './names';

/** The local date as YYYY-MM-DD (the day the questionnaire was answered, by default today). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Every item of the instrument, in order, unanswered ones as null (Rust reports them as `answers.<n>`). */
export function measureInput(
  instrument: Pick<Instrument, 'code' | 'items'>,
  takenOn: string,
  answers: Readonly<Record<number, number | null | undefined>>,
): MeasureInput {
  return {
    instrument: instrument.code,
    takenOn,
    answers: instrument.items.map((i) => ({ itemNumber: i.number, value: answers[i.number] ?? null })),
  };
}

/** Oldest first; the same day keeps the order they were recorded in. */
export function chronological(results: readonly MeasureResult[]): MeasureResult[] {
  return [...results].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : a.id - b.id));
}

/** Newest first, for the list. */
export const newestFirst = (results: readonly MeasureResult[]): MeasureResult[] => chronological(results).reverse();

/** Results grouped by instrument, each group oldest first, groups in the order of `codes` (then any others). */
export function byInstrument(results: readonly MeasureResult[], codes: readonly string[]): { code: string; title: string; results: MeasureResult[] }[] {
  const out: { code: string; title: string; results: MeasureResult[] }[] = [];
  for (const r of chronological(results)) {
    let g = out.find((o) => o.code === r.instrument);
    if (!g) {
      g = { code: r.instrument, title: r.instrumentTitle, results: [] };
      out.push(g);
    }
    g.results.push(r);
  }
  const rank = (c: string) => (codes.includes(c) ? codes.indexOf(c) : codes.length);
  return out.sort((a, b) => rank(a.code) - rank(b.code));
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Where each total sits in a `width` x `height` box (y grows downwards, 0 at the top = the
 * maximum score), evenly spaced in time order, `pad` inside the edges. One result sits in the middle.
 */
export function trendPoints(totals: readonly number[], maxTotal: number, width: number, height: number, pad = 4): Point[] {
  const n = totals.length;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const max = maxTotal > 0 ? maxTotal : Math.max(1, ...totals);
  return totals.map((t, i) => {
    const x = n === 1 ? width / 2 : pad + (innerW * i) / (n - 1);
    const clamped = Math.min(Math.max(t, 0), max);
    const y = pad + innerH * (1 - clamped / max);
    return { x: round(x), y: round(y) };
  });
}

const round = (v: number) => Math.round(v * 10) / 10;

export const polyline = (points: readonly Point[]): string => points.map((p) => `${p.x},${p.y}`).join(' ');

/** What a screen reader hears for the trend: every date and total. */
export function trendLabel(title: string, results: readonly MeasureResult[]): string {
  const values = chronological(results).map((r) => `${formatDate(r.takenOn)}: ${r.total} of ${r.maxTotal}`);
  return `${title} totals over time. ${values.join('; ')}.`;
}

/** The first result whose alert nobody has acknowledged yet. */
export const pendingAlert = (results: readonly MeasureResult[]): MeasureResult | null =>
  chronological(results).find((r) => r.alert !== null && !r.acknowledged) ?? null;
