-- 0005: the audit log. Every import, screening run, list delta, pin, tag, note, status
-- change and export is appended with time, OS user and what it touched. Each entry
-- stores the SHA-256 of the previous one, so an edited or deleted entry is detectable;
-- the triggers refuse UPDATE and DELETE.
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT    NOT NULL,            -- RFC 3339 with nanoseconds, UTC
  os_user   TEXT    NOT NULL,
  action    TEXT    NOT NULL,            -- import | screen | risk | list-delta | export | case-* ...
  target    TEXT    NOT NULL DEFAULT '', -- what it touched: a file, a node key, a case
  detail    TEXT    NOT NULL DEFAULT '{}', -- JSON
  prev_hash TEXT    NOT NULL,            -- the previous entry's hash ('' for the first)
  hash      TEXT    NOT NULL             -- SHA-256 of this entry's fields and prev_hash
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
