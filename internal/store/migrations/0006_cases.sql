-- 0006: cases. An investigation: a name, a status, pinned entities, tags on entities,
-- notes on the case or an entity. Every change is also an audit entry (target
-- "case:<name>"), which is the case's timeline.
CREATE TABLE cases (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'escalated', 'closed')),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  -- the newest list version the analyst has seen in this case: later versions that
  -- touch its entities flag it for review
  seen_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE case_pins (
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  node_id   INTEGER NOT NULL REFERENCES nodes(id),
  pinned_at TEXT    NOT NULL,
  PRIMARY KEY (case_id, node_id)
) WITHOUT ROWID;

CREATE TABLE case_tags (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  node_id INTEGER NOT NULL REFERENCES nodes(id),
  tag     TEXT    NOT NULL,
  at      TEXT    NOT NULL,
  PRIMARY KEY (case_id, node_id, tag)
) WITHOUT ROWID;

CREATE TABLE case_notes (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  node_id INTEGER REFERENCES nodes(id),   -- NULL: a note on the case itself
  text    TEXT    NOT NULL,
  os_user TEXT    NOT NULL,
  at      TEXT    NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, id);
