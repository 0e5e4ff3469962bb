// Search-as-you-type: wait a moment after the last keystroke, and only ever show the answer to
// the latest question (an earlier, slower response must not replace a newer one).

export interface LatestSearch<Q> {
  /** Schedules a search for `query` after the debounce delay. */
  run(query: Q): void;
  /** Searches now, without waiting. */
  now(query: Q): void;
  /** Drops anything pending or in flight (e.g. when the view goes away). */
  cancel(): void;
}

export function latestSearch<Q, R>(
  fetch: (query: Q) => Promise<R>,
  onResult: (result: R, query: Q) => void,
  onError: (error: unknown, query: Q) => void,
  delayMs = 120,
): LatestSearch<Q> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest = 0;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const start = (query: Q) => {
    clear();
    const ticket = ++latest;
    fetch(query).then(
      (r) => { if (ticket === latest) onResult(r, query); },
      (e) => { if (ticket === latest) onError(e, query); },
    );
  };

  return {
    run(query) {
      clear();
      latest++; // anything already in flight is now out of date
      timer = setTimeout(() => start(query), delayMs);
    },
    now: start,
    cancel() {
      clear();
      latest++;
    },
  };
}

/** Moves a highlight through a list with the arrow keys, stopping at the ends. -1 = none. */
export function moveIndex(current: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}
