-- Failed sign-ins waiting to go into the audit log. A failure cannot be written to the encrypted
-- database (no key is open when a password is wrong), so it waits here until the next
-- successful sign-in or unlock, which moves it into the audit log in the same transaction as
-- its own entry. Staff account names and times only; a name that is no account is not kept
-- (people sometimes type their password into the name field).
CREATE TABLE failed_sign_ins (
    id                INTEGER PRIMARY KEY,
    username          TEXT,               -- NULL: the name is no account's (or is unknown here)
    at                TEXT NOT NULL,      -- RFC 3339, UTC
    failures_in_a_row INTEGER NOT NULL,
    held_back_seconds INTEGER NOT NULL    -- the wait this failure started (0: none)
) STRICT;
