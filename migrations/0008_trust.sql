-- Where automatic backups go: a folder the administrator chooses (a USB drive, a network share).
-- NULL until chosen; no backups are made without it.
ALTER TABLE clinic ADD COLUMN backup_folder TEXT;

-- The screen locks itself after this many minutes without use (1 to 60).
ALTER TABLE clinic ADD COLUMN lock_after_minutes INTEGER NOT NULL DEFAULT 5
    CHECK (lock_after_minutes BETWEEN 1 AND 60);
