-- 0003: name screening. name_match edges (subject -> designated entry) live in edges;
-- these tables keep the blocking keys of list names for interactive screening and a
-- record of each screening run.

-- name_keys: blocking keys of every list name node (see internal/screen Keys), so one
-- ad hoc name is screened with an indexed lookup instead of loading every list name.
CREATE TABLE name_keys (
  key     TEXT    NOT NULL,
  name_id INTEGER NOT NULL REFERENCES nodes(id),
  nkeys   INTEGER NOT NULL,                 -- how many keys the name has
  PRIMARY KEY (key, name_id)
) WITHOUT ROWID;

-- screen_state: what name_keys was built from (count and max id of name nodes).
CREATE TABLE screen_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  names      INTEGER NOT NULL,
  max_name   INTEGER NOT NULL,
  keys_built TEXT    NOT NULL
);

-- screen_runs: one row per screening of the whole database.
CREATE TABLE screen_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT    NOT NULL,
  seconds     REAL    NOT NULL,
  threshold   REAL    NOT NULL,
  subjects    INTEGER NOT NULL,              -- names screened
  targets     INTEGER NOT NULL,              -- list names indexed
  name_hits   INTEGER NOT NULL,              -- name_match edges written
  id_hits     INTEGER NOT NULL               -- identifiers shared with designated entries
);

CREATE VIEW name_matches AS
SELECT e.id, a.key AS subject, a.label AS subject_label, b.key AS entry, b.label AS entry_label,
       json_extract(e.attrs, '$.score') AS score,
       json_extract(e.attrs, '$.strength') AS strength,
       json_extract(e.attrs, '$.matched') AS matched,
       json_extract(e.attrs, '$.explanation') AS explanation
FROM edges e JOIN nodes a ON a.id = e.src JOIN nodes b ON b.id = e.dst
WHERE e.kind = 'name_match';

-- payee_names: each distinct name a ledger writes on a payee (the beneficiary name),
-- with the first row that wrote it. Screening reads these instead of grouping the
-- whole ledger; the TUI shows them as "names used on this account".
CREATE TABLE payee_names (
  payee_id  INTEGER NOT NULL REFERENCES nodes(id),
  name      TEXT    NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  line      INTEGER NOT NULL,
  PRIMARY KEY (payee_id, name)
) WITHOUT ROWID;

INSERT OR IGNORE INTO payee_names(payee_id, name, source_id, line)
SELECT payee_id, beneficiary, source_id, line FROM (
  SELECT payee_id, beneficiary, source_id, line, min(id)
  FROM ledger WHERE payee_id IS NOT NULL AND coalesce(beneficiary, '') <> ''
  GROUP BY payee_id, beneficiary);
