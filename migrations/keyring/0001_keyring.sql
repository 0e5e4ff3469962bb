-- The keyring: a small plain SQLite file beside the encrypted database. It holds only sealed
-- copies of the database key (one per account, one for the recovery key) and sign-in attempt
-- counters, which must be readable before anyone has unlocked anything. No client data.
CREATE TABLE wraps (
    owner      TEXT PRIMARY KEY,          -- 'account:<username>' or 'recovery'
    salt       BLOB NOT NULL,
    nonce      BLOB NOT NULL,
    sealed     BLOB NOT NULL,
    m_cost_kib INTEGER NOT NULL,
    t_cost     INTEGER NOT NULL,
    p_cost     INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sign_in_attempts (
    username        TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    not_before      TEXT NOT NULL     -- no attempt is checked before this moment
) STRICT;
