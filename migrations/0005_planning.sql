-- Rekindle schema, version 5: course plans, planned sessions in the clinic's four-part order,
-- homework assignments, session notes and homework reviews.

-- A course belongs to one client's chart. When the client is seen with partner(s), the course
-- names the relationship and who attends.
CREATE TABLE courses (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    relationship_id  INTEGER REFERENCES relationships (id),
    counsellor_id    INTEGER NOT NULL REFERENCES accounts (id),
    goals            TEXT NOT NULL,
    planned_sessions INTEGER NOT NULL CHECK (planned_sessions BETWEEN 1 AND 60),
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
-- One active course per client at a time.
CREATE UNIQUE INDEX courses_one_active ON courses (person_id) WHERE status = 'active';

CREATE TABLE course_attendees (
    course_id INTEGER NOT NULL REFERENCES courses (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (course_id, person_id)
) STRICT, WITHOUT ROWID;

-- Session 1 is always "understanding the journey"; the rest follow the four-part order.
CREATE TABLE course_sessions (
    id         INTEGER PRIMARY KEY,
    course_id  INTEGER NOT NULL REFERENCES courses (id),
    number     INTEGER NOT NULL CHECK (number >= 1),
    planned_on TEXT,                   -- YYYY-MM-DD
    UNIQUE (course_id, number)
) STRICT;

-- What a session gives, section by section. A row is a library item at the version given, or
-- free text. Homework says who does it (session_item_people). When a caution or the homework
-- stage would have held an item back, the override and its reason are kept on the row.
CREATE TABLE session_items (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER NOT NULL REFERENCES course_sessions (id),
    section          TEXT NOT NULL CHECK (section IN ('education', 'communication', 'practical', 'homework')),
    position         INTEGER NOT NULL,
    item_id          INTEGER,
    item_version     INTEGER,
    free_text        TEXT,
    override_kind    TEXT CHECK (override_kind IN ('caution', 'stage')),
    override_detail  TEXT,             -- the caution code, or the thread and step held back
    override_reason  TEXT,
    override_by      INTEGER REFERENCES accounts (id),
    override_at      TEXT,
    added_at         TEXT NOT NULL,
    FOREIGN KEY (item_id, item_version) REFERENCES library_item_versions (item_id, version),
    CHECK ((item_id IS NULL) = (item_version IS NULL)),
    CHECK ((item_id IS NULL) <> (free_text IS NULL)),
    CHECK ((override_kind IS NULL) = (override_reason IS NULL))
) STRICT;
CREATE INDEX session_items_session ON session_items (session_id, section, position);

CREATE TABLE session_item_people (
    session_item_id INTEGER NOT NULL REFERENCES session_items (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (session_item_id, person_id)
) STRICT, WITHOUT ROWID;

-- The note written after a session. Signing locks it; corrections are addenda.
CREATE TABLE session_notes (
    session_id            INTEGER PRIMARY KEY REFERENCES course_sessions (id),
    held_on               TEXT,        -- YYYY-MM-DD
    covered_education     TEXT,
    covered_communication TEXT,
    covered_practical     TEXT,
    covered_homework      TEXT,
    data                  TEXT,
    assessment            TEXT,
    plan                  TEXT,
    status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signed_by             INTEGER REFERENCES accounts (id),
    signed_at             TEXT,
    updated_at            TEXT NOT NULL
) STRICT;

CREATE TABLE session_attendance (
    session_id INTEGER NOT NULL REFERENCES course_sessions (id),
    person_id  INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE session_note_addenda (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES course_sessions (id),
    author_id  INTEGER NOT NULL REFERENCES accounts (id),
    written_at TEXT NOT NULL,
    text       TEXT NOT NULL
) STRICT;
CREATE INDEX session_note_addenda_session ON session_note_addenda (session_id);

-- The review, at a later session, of homework given earlier: one review per assignment.
CREATE TABLE homework_reviews (
    session_item_id INTEGER PRIMARY KEY REFERENCES session_items (id),
    session_id      INTEGER NOT NULL REFERENCES course_sessions (id),   -- where it was reviewed
    outcome         TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'not_done')),
    helped          TEXT,
    hard            TEXT,
    comfort         INTEGER CHECK (comfort BETWEEN 0 AND 10),
    reviewed_by     INTEGER NOT NULL REFERENCES accounts (id),
    reviewed_at     TEXT NOT NULL
) STRICT;
CREATE INDEX homework_reviews_session ON homework_reviews (session_id);

-- Signed notes, their addenda and reviews in a signed session cannot change.
CREATE TRIGGER session_notes_signed_locked BEFORE UPDATE ON session_notes
WHEN OLD.status = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed session note is read-only');
END;
CREATE TRIGGER session_notes_no_delete BEFORE DELETE ON session_notes
BEGIN
    SELECT RAISE(ABORT, 'session notes are never deleted');
END;
CREATE TRIGGER session_note_addenda_append_only BEFORE UPDATE ON session_note_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda are append-only');
END;
