// Noticing that no one is using the window: the time of the last keyboard or pointer input,
// when the lock is due, and when to tell Rust someone is still here (Rust locks on its own when
// it hears nothing for the lock time, so reading without clicking must still be reported).

export const PING_EVERY_MS = 30_000;

export class IdleWatch {
  private lastInput: number;
  private lastPing: number;

  constructor(
    private readonly afterMs: number,
    now: number,
  ) {
    this.lastInput = now;
    this.lastPing = now;
  }

  /** Input happened at `now`. Returns whether to tell Rust (at most every half minute). */
  input(now: number): boolean {
    this.lastInput = now;
    if (now - this.lastPing >= PING_EVERY_MS) {
      this.lastPing = now;
      return true;
    }
    return false;
  }

  /** Whether the lock time has passed without input. */
  due(now: number): boolean {
    return now - this.lastInput >= this.afterMs;
  }
}

/** Ctrl+L (or Cmd+L) locks the screen. */
export const isLockShortcut = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean =>
  (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
