import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosaver, overallState, type SaveState } from './autosave';

/** A save we finish by hand, to hold one in flight while more typing happens. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a pause in typing, then saves the latest text once', async () => {
    let text = '';
    const sent: string[] = [];
    const s = autosaver<'goals', void>({ delayMs: 400, save: async () => { sent.push(text); } });
    for (const t of ['W', 'Wa', 'Wal', 'Walk']) {
      text = t;
      s.changed('goals');
      vi.advanceTimersByTime(100);
    }
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(400);
    await settle();
    expect(sent).toEqual(['Walk']);
    expect(s.isDirty('goals')).toBe(false);
  });

  it('never drops a change made while a save is running: it saves the latest snapshot after', async () => {
    let text = 'first';
    const sent: string[] = [];
    const pending: ReturnType<typeof deferred<void>>[] = [];
    const s = autosaver<'pain', void>({
      delayMs: 400,
      save: () => {
        sent.push(text);
        const d = deferred<void>();
        pending.push(d);
        return d.promise;
      },
    });
    s.changed('pain');
    vi.advanceTimersByTime(400);
    expect(sent).toEqual(['first']);

    // Typing continues while the first save is still in flight.
    text = 'second';
    s.changed('pain');
    vi.advanceTimersByTime(400);
    text = 'third';
    s.changed('pain');
    const flushed = s.flush('pain');
    // Only one save at a time for a section.
    expect(sent).toEqual(['first']);

    pending[0].resolve();
    await settle();
    expect(sent).toEqual(['first', 'third']);
    pending[1].resolve();
    await expect(flushed).resolves.toBe(true);
    expect(s.isDirty('pain')).toBe(false);
    expect(sent.at(-1)).toBe('third');
  });

  it('keeps a failed section dirty, reports it, and saves again when edited', async () => {
    let fail = true;
    const states: SaveState[] = [];
    const errors: unknown[] = [];
    const s = autosaver<'medical', string>({
      delayMs: 400,
      save: async () => {
        if (fail) throw new Error('invalid');
        return 'ok';
      },
      onState: (_k, st) => states.push(st),
      onError: (_k, e) => errors.push(e),
    });
    s.changed('medical');
    await expect(s.flush('medical')).resolves.toBe(false);
    expect(s.isDirty('medical')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(states.at(-1)).toBe('error');

    fail = false;
    s.changed('medical');
    expect(states.at(-1)).toBe('pending');
    vi.advanceTimersByTime(400);
    await settle();
    expect(states.at(-1)).toBe('saved');
    expect(s.isDirty('medical')).toBe(false);
  });

  it('flushAll saves every section with changes, and nothing that has none', async () => {
    const sent: string[] = [];
    const s = autosaver<'goals' | 'health' | 'pain', void>({ save: async (k) => { sent.push(k); } });
    s.changed('goals');
    s.changed('health');
    await expect(s.flushAll()).resolves.toBe(true);
    expect(sent.sort()).toEqual(['goals', 'health']);
    await s.flushAll();
    expect(sent).toHaveLength(2);
    expect(s.busy()).toBe(false);
  });

  it('flushAll reports false when any section could not be saved', async () => {
    const s = autosaver<'goals' | 'health', void>({
      save: async (k) => { if (k === 'health') throw new Error('no'); },
    });
    s.changed('goals');
    s.changed('health');
    await expect(s.flushAll()).resolves.toBe(false);
    expect(s.isDirty('goals')).toBe(false);
    expect(s.isDirty('health')).toBe(true);
  });
});

describe('overallState', () => {
  it('shows saving while anything is unsaved, then any error, then saved', () => {
    expect(overallState({})).toBe('idle');
    expect(overallState({ goals: 'saved', pain: 'pending' })).toBe('saving');
    expect(overallState({ goals: 'saving', pain: 'error' })).toBe('saving');
    expect(overallState({ goals: 'saved', pain: 'error' })).toBe('error');
    expect(overallState({ goals: 'saved', pain: 'idle' })).toBe('saved');
  });
});
