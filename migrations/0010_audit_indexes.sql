-- Rekindle schema, version 10: the audit log keeps no index of its own.
--
-- Every chart, course plan or handout opened appends an entry, and each index on the log is one
-- more page read, encrypted, authenticated and written with it. On the ten-year clinic the two
-- indexes below made an audited chart open 1.29 times as slow as the same read without its entry;
-- without them it is 1.13-1.15 times (ARCHITECTURE.md, "What auditing a read costs").
--   - by staff member (account_id, at): no query used it. The viewer's filters are all optional,
--     so it walks the log from the newest entry down and stops at a page of results.
--   - by client (person_id, at): used only by a client's record export.
-- Both now walk the log: about 40 ms over the ten-year clinic's 88,000 entries, for searches an
-- administrator makes now and then, against a page less to write on every record opened.
DROP INDEX audit_log_account;
DROP INDEX audit_log_person;
