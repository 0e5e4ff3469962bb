-- Scheduling: rooms, counsellors' working hours, closed days, appointments and recurring series.
--
-- Times: a single appointment stores its start and end as UTC seconds (unambiguous, whatever the
-- clocks do). A series stores its rule in the clinic's local time (first start as local
-- 'YYYY-MM-DDTHH:MM', the zone it was booked in, every N weeks, a count or a last day), so a
-- weekly 18:00 stays at 18:00 across a daylight-saving change. Its occurrences are computed, not
-- stored; only exceptions are rows in `appointments` (an occurrence moved, cancelled, marked
-- arrived, ...), keyed by the series and the occurrence's index.

ALTER TABLE clinic ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';

CREATE TABLE appointment_kinds (
    code             TEXT PRIMARY KEY,
    label            TEXT NOT NULL,
    default_minutes  INTEGER NOT NULL CHECK (default_minutes BETWEEN 5 AND 480),
    position         INTEGER NOT NULL
) STRICT;

INSERT INTO appointment_kinds (code, label, default_minutes, position) VALUES
    ('intake',     'Intake',             60, 1),
    ('individual', 'Individual session', 50, 2),
    ('couple',     'Couple session',     60, 3),
    ('group',      'Group session',      90, 4),
    ('review',     'Review',             30, 5);

CREATE TABLE cancel_reasons (
    code     TEXT PRIMARY KEY,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

INSERT INTO cancel_reasons (code, label, position) VALUES
    ('by_client', 'Cancelled by the client', 1),
    ('by_clinic', 'Cancelled by the clinic', 2),
    ('late',      'Late cancellation',       3);

CREATE TABLE rooms (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A counsellor's hours on one weekday (1 = Monday ... 7 = Sunday), in the clinic's local time
-- as 'HH:MM'. Several rows on one day make a split shift; no row means not working that day.
CREATE TABLE working_hours (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts     TEXT NOT NULL,
    ends       TEXT NOT NULL CHECK (ends > starts),
    PRIMARY KEY (account_id, weekday, starts)
) STRICT, WITHOUT ROWID;

-- Days the whole clinic is closed (holidays). The reason is shown on the calendar to everyone.
CREATE TABLE closed_days (
    day    TEXT PRIMARY KEY,
    reason TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE appointment_series (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL REFERENCES appointment_kinds (code),
    counsellor_id    INTEGER NOT NULL REFERENCES accounts (id),
    room_id          INTEGER NOT NULL REFERENCES rooms (id),
    relationship_id  INTEGER REFERENCES relationships (id),
    first_local      TEXT NOT NULL,
    time_zone        TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    interval_weeks   INTEGER NOT NULL CHECK (interval_weeks BETWEEN 1 AND 12),
    occurrences      INTEGER CHECK (occurrences BETWEEN 1 AND 104),
    until_day        TEXT,
    reception_note   TEXT,
    -- Derived from the rule, for range queries: UTC seconds of the first start and last end.
    first_start      INTEGER NOT NULL,
    last_end         INTEGER NOT NULL CHECK (last_end > first_start),
    created_by       INTEGER NOT NULL REFERENCES accounts (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((occurrences IS NULL) <> (until_day IS NULL))
) STRICT;
CREATE INDEX appointment_series_counsellor ON appointment_series (counsellor_id, first_start, last_end);
CREATE INDEX appointment_series_room ON appointment_series (room_id, first_start, last_end);
CREATE INDEX appointment_series_span ON appointment_series (first_start, last_end);

CREATE TABLE series_attendees (
    series_id INTEGER NOT NULL REFERENCES appointment_series (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (series_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX series_attendees_person ON series_attendees (person_id, series_id);

CREATE TABLE appointments (
    id                INTEGER PRIMARY KEY,
    -- Set for an exception to a series: which series, and which occurrence (0 = the first).
    series_id         INTEGER REFERENCES appointment_series (id),
    occurrence        INTEGER,
    kind              TEXT NOT NULL REFERENCES appointment_kinds (code),
    counsellor_id     INTEGER NOT NULL REFERENCES accounts (id),
    room_id           INTEGER NOT NULL REFERENCES rooms (id),
    relationship_id   INTEGER REFERENCES relationships (id),
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER NOT NULL,
    status            TEXT NOT NULL DEFAULT 'booked'
                      CHECK (status IN ('booked', 'arrived', 'in_session', 'done', 'no_show', 'cancelled')),
    cancel_reason     TEXT REFERENCES cancel_reasons (code),
    cancel_note       TEXT,
    reception_note    TEXT,
    course_session_id INTEGER REFERENCES course_sessions (id),
    created_by        INTEGER NOT NULL REFERENCES accounts (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (series_id, occurrence),
    CHECK (ends_at > starts_at AND ends_at - starts_at <= 480 * 60),
    CHECK ((series_id IS NULL) = (occurrence IS NULL)),
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
) STRICT;
CREATE INDEX appointments_counsellor ON appointments (counsellor_id, starts_at);
CREATE INDEX appointments_room ON appointments (room_id, starts_at);
CREATE INDEX appointments_starts ON appointments (starts_at);

CREATE TABLE appointment_attendees (
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    person_id      INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (appointment_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX appointment_attendees_person ON appointment_attendees (person_id, appointment_id);

-- Clients who would take an earlier slot if one comes free.
CREATE TABLE waitlist (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id),
    counsellor_id  INTEGER REFERENCES accounts (id),
    kind           TEXT NOT NULL REFERENCES appointment_kinds (code),
    note           TEXT,
    added_by       INTEGER NOT NULL REFERENCES accounts (id),
    added_at       TEXT NOT NULL,
    removed_at     TEXT
) STRICT;
CREATE INDEX waitlist_open ON waitlist (removed_at, added_at);
