import { call } from './client';
import type { AppStatus } from './bindings/AppStatus';
import type { LockSettings } from './bindings/LockSettings';
import type { SessionInfo } from './bindings/SessionInfo';
import type { SetupDone } from './bindings/SetupDone';
import type { SetupInput } from './bindings/SetupInput';

export type { LockSettings };

export const appStatus = () => call<AppStatus>('app_status');

export const setUpClinic = (input: SetupInput) => call<SetupDone>('set_up_clinic', { input });

export const signIn = (username: string, password: string) =>
  call<SessionInfo>('sign_in', { username, password });

export const signInWithRecoveryKey = (recoveryKey: string, username: string, newPassword: string) =>
  call<SessionInfo>('sign_in_with_recovery_key', { recoveryKey, username, newPassword });

/** Signs out; returns a problem with the automatic backup to show, or null. */
export const signOut = () => call<string | null>('sign_out');

export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  call<SessionInfo>('change_own_password', { currentPassword, newPassword });

/** Opens the native save dialog in Rust. Returns the path written, or null when cancelled. */
export const saveRecoveryKey = () => call<string | null>('save_recovery_key');

export const forgetRecoveryKey = () => call<null>('forget_recovery_key');

/** Locks the screen now; `idle` when the window saw no input for the lock time. */
export const lockScreen = (idle: boolean) => call<null>('lock_screen', { idle });

/** The window saw input (sent at most every half minute). */
export const stillHere = () => call<null>('still_here');

/** The signed-in person comes back to the locked screen. */
export const unlock = (password: string) => call<SessionInfo>('unlock', { password });

export const lockSettings = () => call<LockSettings>('lock_settings');

export const setLockAfter = (minutes: number) => call<LockSettings>('set_lock_after', { minutes });
