-- Rekindle schema, version 3: the content library that sessions and handouts draw on.
-- Items are versioned: an edit adds a version, so an old plan still shows what was given.

-- Tags that mark what an item involves. `blocked_by` names the caution (see core/src/cautions.rs)
-- under which an item with this tag is never suggested and is assigned only with a recorded
-- override.
CREATE TABLE caution_tags (
    code       TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    blocked_by TEXT
) STRICT;
INSERT INTO caution_tags (code, label, blocked_by) VALUES
    ('contains_estrogen',  'Contains estrogen',                                'avoid_estrogen'),
    ('needs_clearance',    'Needs medical clearance for sexual activity',      'no_clearance'),
    ('practical_exercise', 'A practical exercise (wait if a doctor must see the client first)', 'see_doctor_first'),
    ('contains_latex',     'Involves latex',                                   'latex_allergy'),
    ('as_prescribed',      'Only as prescribed by the treating team',          NULL);

CREATE TABLE library_items (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    section         TEXT NOT NULL CHECK (section IN ('education', 'communication', 'acceptance', 'practical', 'homework')),
    -- Homework that moves in stages belongs to a thread; steps run in this order.
    thread          TEXT,
    thread_step     INTEGER,
    current_version INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    shipped         INTEGER NOT NULL DEFAULT 1 CHECK (shipped IN (0, 1)),
    CHECK ((thread IS NULL) = (thread_step IS NULL))
) STRICT;

CREATE TABLE library_item_versions (
    item_id      INTEGER NOT NULL REFERENCES library_items (id),
    version      INTEGER NOT NULL,
    title        TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    steps        TEXT NOT NULL,            -- one step per line
    frequency    TEXT,                     -- how often
    stage        TEXT NOT NULL CHECK (stage IN ('non_sexual', 'sensual', 'sexual')),
    participants TEXT NOT NULL CHECK (participants IN ('client', 'partners', 'either')),
    tracking     TEXT,                     -- how the client keeps track (homework)
    handout_text TEXT NOT NULL,            -- what a printed sheet says
    created_by   INTEGER REFERENCES accounts (id),   -- NULL for what Rekindle ships
    created_at   TEXT NOT NULL,
    PRIMARY KEY (item_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE library_item_tags (
    item_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    tag     TEXT NOT NULL REFERENCES caution_tags (code),
    PRIMARY KEY (item_id, version, tag),
    FOREIGN KEY (item_id, version) REFERENCES library_item_versions (item_id, version)
) STRICT, WITHOUT ROWID;
