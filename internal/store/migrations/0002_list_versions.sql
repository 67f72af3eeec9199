-- 0002: designation-list versions and the deltas between them.

-- list_versions: one row per imported publication of a list.
CREATE TABLE list_versions (
  id          INTEGER PRIMARY KEY,
  list        TEXT    NOT NULL,                       -- ofac-sdn, ofac-cons, un, os, jp-mof, ...
  source_id   INTEGER NOT NULL REFERENCES sources(id),
  format      TEXT    NOT NULL,
  published   TEXT,                                   -- the publish date the file states, if any
  entries     INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  removed     INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  imported_at TEXT    NOT NULL
);
CREATE INDEX list_versions_list ON list_versions(list, id);

-- list_entries: what each version held, with a hash per group of fields, so the next
-- version can say which fields changed.
CREATE TABLE list_entries (
  version_id INTEGER NOT NULL REFERENCES list_versions(id),
  entry_key  TEXT    NOT NULL,
  fields     TEXT    NOT NULL,                        -- JSON {"names": "…", "addresses": "…", …}
  PRIMARY KEY (version_id, entry_key)
) WITHOUT ROWID;

-- list_changes: the delta a version brought.
CREATE TABLE list_changes (
  version_id INTEGER NOT NULL REFERENCES list_versions(id),
  entry_key  TEXT    NOT NULL,
  change     TEXT    NOT NULL,                        -- added | removed | changed
  fields     TEXT,                                    -- JSON array of the field groups that changed
  PRIMARY KEY (version_id, entry_key)
) WITHOUT ROWID;
