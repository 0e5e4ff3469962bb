// Autosave that never drops a change. Each key (an intake section) saves on its own: a change
// waits a moment for the next keystroke, saves run one at a time per key, and a change made
// while a save is running is saved again right after it, from the state as it is by then.
// `save` reads the current form state when it is called, so the latest snapshot always wins.

/** pending: changed, not yet sent. */
export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveOptions<K extends string, R> {
  /** Saves `key` from its state as it is now. */
  save: (key: K) => Promise<R>;
  delayMs?: number;
  onSaved?: (key: K, result: R) => void;
  onError?: (key: K, error: unknown) => void;
  onState?: (key: K, state: SaveState) => void;
}

export interface Autosaver<K extends string> {
  /** Something in `key` changed: save it shortly, unless it changes again first. */
  changed(key: K): void;
  /** Saves `key` now if it has unsaved changes. Resolves once everything changed so far is saved (true) or a save failed (false). */
  flush(key: K): Promise<boolean>;
  /** `flush` for every key. */
  flushAll(): Promise<boolean>;
  isDirty(key: K): boolean;
  /** Any key with changes not yet saved, or a save under way. */
  busy(): boolean;
}

interface Slot {
  dirty: boolean;
  again: boolean;
  ok: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<boolean> | null;
}

export function autosaver<K extends string, R>(opts: AutosaveOptions<K, R>): Autosaver<K> {
  const delay = opts.delayMs ?? 400;
  const slots = new Map<K, Slot>();

  const slot = (k: K): Slot => {
    let s = slots.get(k);
    if (!s) {
      s = { dirty: false, again: false, ok: true, timer: null, running: null };
      slots.set(k, s);
    }
    return s;
  };

  const setState = (k: K, state: SaveState) => opts.onState?.(k, state);

  const clearTimer = (s: Slot) => {
    if (s.timer !== null) clearTimeout(s.timer);
    s.timer = null;
  };

  async function loop(k: K, s: Slot): Promise<boolean> {
    let ok = true;
    try {
      do {
        s.again = false;
        s.dirty = false;
        setState(k, 'saving');
        try {
          const result = await opts.save(k);
          ok = true;
          setState(k, s.dirty ? 'pending' : 'saved');
          opts.onSaved?.(k, result);
        } catch (e) {
          ok = false;
          // What was sent is not stored: it still needs saving.
          s.dirty = true;
          setState(k, 'error');
          opts.onError?.(k, e);
        }
      } while (s.again);
    } finally {
      s.running = null;
      s.ok = ok;
    }
    return ok;
  }

  function start(k: K): Promise<boolean> {
    const s = slot(k);
    clearTimer(s);
    if (s.running) {
      // Queue one more save after this one, of whatever the state is then.
      if (s.dirty) s.again = true;
      return s.running;
    }
    if (!s.dirty) return Promise.resolve(s.ok);
    s.running = loop(k, s);
    return s.running;
  }

  return {
    changed(k) {
      const s = slot(k);
      s.dirty = true;
      if (!s.running) setState(k, 'pending');
      clearTimer(s);
      s.timer = setTimeout(() => {
        s.timer = null;
        void start(k);
      }, delay);
    },
    flush: start,
    async flushAll() {
      const results = await Promise.all([...slots.keys()].map(start));
      return results.every(Boolean);
    },
    isDirty: (k) => slots.get(k)?.dirty ?? false,
    busy: () => [...slots.values()].some((s) => s.dirty || s.running !== null),
  };
}

export type OverallState = 'idle' | 'saving' | 'saved' | 'error';

/** One status for the whole intake: anything unsaved or saving, then any failure, then saved. */
export function overallState(states: Readonly<Record<string, SaveState>>): OverallState {
  const all = Object.values(states);
  if (all.some((s) => s === 'pending' || s === 'saving')) return 'saving';
  if (all.includes('error')) return 'error';
  if (all.includes('saved')) return 'saved';
  return 'idle';
}
