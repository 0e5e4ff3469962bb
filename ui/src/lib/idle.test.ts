import { describe, expect, it } from 'vitest';
import { IdleWatch, PING_EVERY_MS, isLockShortcut } from './idle';

describe('noticing an idle window', () => {
  it('is due only after the lock time without input', () => {
    const w = new IdleWatch(5 * 60_000, 0);
    expect(w.due(4 * 60_000)).toBe(false);
    w.input(4 * 60_000);
    expect(w.due(8 * 60_000)).toBe(false);
    expect(w.due(9 * 60_000)).toBe(true);
  });
  it('tells Rust about input at most every half minute', () => {
    const w = new IdleWatch(60_000, 0);
    expect(w.input(1_000)).toBe(false);
    expect(w.input(PING_EVERY_MS)).toBe(true);
    expect(w.input(PING_EVERY_MS + 5_000)).toBe(false);
    expect(w.input(2 * PING_EVERY_MS + 1)).toBe(true);
  });
  it('knows the lock shortcut', () => {
    const key = (k: string, ctrl = true) => ({ key: k, ctrlKey: ctrl, metaKey: false, altKey: false, shiftKey: false });
    expect(isLockShortcut(key('l'))).toBe(true);
    expect(isLockShortcut(key('L'))).toBe(true);
    expect(isLockShortcut(key('l', false))).toBe(false);
    expect(isLockShortcut(key('k'))).toBe(false);
  });
});
