-- Rekindle schema, version 1: the clinic, staff accounts, people (clients and partners),
-- relationships, and the audit log. Append-only: later changes go in new numbered files.

-- Reference vocabularies: stable codes the code and the UI both read; labels a clinic may edit.
CREATE TABLE roles (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    sort  INTEGER NOT NULL
) STRICT;
INSERT INTO roles (code, label, sort) VALUES
    ('administrator', 'Administrator', 1),
    ('counsellor',    'Counsellor',    2),
    ('reception',     'Reception',     3);

CREATE TABLE relationship_structures (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    sort   INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
INSERT INTO relationship_structures (code, label, sort) VALUES
    ('married',         'Married',                1),
    ('partnered',       'Partnered',              2),
    ('dating',          'Dating',                 3),
    ('non_monogamous',  'Non-monogamous',         4),
    ('polyamorous',     'Polyamorous',            5),
    ('separated',       'Separated or separating', 6),
    ('other',           'Other',                  7);

CREATE TABLE contact_methods (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    sort   INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
INSERT INTO contact_methods (code, label, sort) VALUES
    ('phone_call', 'Phone call',    1),
    ('text',       'Text message',  2),
    ('email',      'Email',         3),
    ('letter',     'Letter',        4),
    ('in_person',  'Only in person', 5);

-- The clinic profile: exactly one row, printed on sheets.
CREATE TABLE clinic (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    address    TEXT,
    phone      TEXT,
    email      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Staff. Their passwords never reach this database: each account's sealed copy of the
-- database key lives in the keyring file beside it.
CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    role       TEXT NOT NULL REFERENCES roles (code),
    PRIMARY KEY (account_id, role)
) STRICT, WITHOUT ROWID;

-- People: clients and the partners who are not (yet) clients. A partner is the same record with
-- is_client = 0 and the client-only columns empty; becoming a client fills them in.
CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    given_name        TEXT NOT NULL,
    family_name       TEXT,
    preferred_name    TEXT,
    pronouns          TEXT,
    phone             TEXT,
    email             TEXT,
    is_client         INTEGER NOT NULL DEFAULT 0 CHECK (is_client IN (0, 1)),
    date_of_birth     TEXT,
    preferred_contact TEXT REFERENCES contact_methods (code),
    discretion_note   TEXT,
    referral_source   TEXT,
    reception_notes   TEXT,
    archived_at       TEXT,
    -- Search keys, kept by the code that writes names and phones: folded names (lower case,
    -- accents removed) and the phone's digits.
    search_names      TEXT NOT NULL,
    phone_digits      TEXT NOT NULL DEFAULT '',
    created_by        INTEGER REFERENCES accounts (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX people_active ON people (archived_at, is_client);

CREATE TABLE relationships (
    id         INTEGER PRIMARY KEY,
    structure  TEXT NOT NULL REFERENCES relationship_structures (code),
    note       TEXT,
    ended_at   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE relationship_members (
    relationship_id INTEGER NOT NULL REFERENCES relationships (id),
    person_id       INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (relationship_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX relationship_members_person ON relationship_members (person_id);

-- The audit log: append-only and hash-chained. It records who did what to whose record and
-- when, never the clinical content itself.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    account_id INTEGER,
    action     TEXT NOT NULL,
    person_id  INTEGER,
    outcome    TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  BLOB NOT NULL,
    hash       BLOB NOT NULL
) STRICT;
CREATE INDEX audit_log_person ON audit_log (person_id, at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
