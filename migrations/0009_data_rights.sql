-- Rekindle schema, version 9: erasing a client's record when they ask.
--
-- Session notes are never deleted in the ordinary course of work (a trigger refuses it). An
-- erasure is the one exception: core opens the gate below inside the erasure's transaction and
-- closes it again before committing, so a committed database always has the gate shut.
CREATE TABLE erasure_gate (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    open INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1))
) STRICT;
INSERT INTO erasure_gate (id, open) VALUES (1, 0);

DROP TRIGGER session_notes_no_delete;
CREATE TRIGGER session_notes_no_delete BEFORE DELETE ON session_notes
WHEN (SELECT open FROM erasure_gate WHERE id = 1) = 0
BEGIN
    SELECT RAISE(ABORT, 'session notes are never deleted');
END;
