-- Where automatic backups go: a folder the administrator chooses (a USB drive, a network share).
-- NULL until chosen; no backups are made without it.
ALTER TABLE clinic ADD COLUMN backup_folder TEXT;
