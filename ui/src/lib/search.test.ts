import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestSearch, moveIndex } from './search';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('latestSearch', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('waits for typing to pause before searching', async () => {
    const fetch = vi.fn(async (q: string) => [q]);
    const results: string[][] = [];
    const s = latestSearch(fetch, (r) => results.push(r), () => {}, 120);
    s.run('m');
    s.run('ma');
    s.run('mag');
    await vi.advanceTimersByTimeAsync(119);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('mag');
    expect(results).toEqual([['mag']]);
  });

  it('ignores a slow earlier response that arrives after a newer one', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const fetch = vi.fn((q: string) => (q === 'ma' ? slow.promise : fast.promise));
    const results: string[] = [];
    const s = latestSearch(fetch, (r) => results.push(r), () => {}, 0);
    s.now('ma');
    s.now('mag');
    fast.resolve('answer for mag');
    await vi.runAllTimersAsync();
    slow.resolve('answer for ma');
    await vi.runAllTimersAsync();
    expect(results).toEqual(['answer for mag']);
  });

  it('reports only the latest error and nothing after cancel', async () => {
    const d = deferred<string>();
    const errors: unknown[] = [];
    const results: string[] = [];
    const s = latestSearch(() => d.promise, (r) => results.push(r), (e) => errors.push(e), 0);
    s.now('x');
    s.cancel();
    d.resolve('late');
    await vi.runAllTimersAsync();
    expect(results).toEqual([]);
    expect(errors).toEqual([]);

    const s2 = latestSearch(() => Promise.reject(new Error('boom')), () => {}, (e) => errors.push(e), 0);
    s2.now('y');
    await vi.runAllTimersAsync();
    expect(errors).toHaveLength(1);
  });

  it('a pending debounced search makes in-flight results stale', async () => {
    const first = deferred<string>();
    const fetch = vi.fn((q: string) => (q === 'a' ? first.promise : Promise.resolve('b result')));
    const results: string[] = [];
    const s = latestSearch(fetch, (r) => results.push(r), () => {}, 50);
    s.now('a');
    s.run('ab');
    first.resolve('a result');
    await vi.advanceTimersByTimeAsync(10);
    expect(results).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(results).toEqual(['b result']);
  });
});

describe('moveIndex', () => {
  it('moves within bounds', () => {
    expect(moveIndex(-1, 1, 3)).toBe(0);
    expect(moveIndex(-1, -1, 3)).toBe(2);
    expect(moveIndex(0, 1, 3)).toBe(1);
    expect(moveIndex(2, 1, 3)).toBe(2);
    expect(moveIndex(0, -1, 3)).toBe(0);
    expect(moveIndex(0, 1, 0)).toBe(-1);
  });
});
