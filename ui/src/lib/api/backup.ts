// Backups: the folder they go to, making one now, and restoring one. Administrators only;
// Rust checks the role. Automatic backups (on sign-out, daily) need nothing from the screen.
import { call } from './client';
import type { BackupDone } from './bindings/BackupDone';
import type { BackupFile } from './bindings/BackupFile';
import type { BackupSettings } from './bindings/BackupSettings';
import type { RestoreDone } from './bindings/RestoreDone';

export type { BackupDone, BackupFile, BackupSettings, RestoreDone };

export const backupSettings = () => call<BackupSettings>('backup_settings');

export const setBackupFolder = (folder: string) => call<BackupSettings>('set_backup_folder', { folder });

/** The system's folder dialog; null when cancelled. */
export const chooseBackupFolder = () => call<string | null>('choose_backup_folder');

export const backUpNow = () => call<BackupDone>('back_up_now');

/** Replaces the clinic's data with the backup; everyone is signed out afterwards. */
export const restoreBackup = (file: string) => call<RestoreDone>('restore_backup', { file });
