-- 0004: risk ranking and clusters, as the last `casegraph risk` computed them, so the
-- workbench can show the top without recomputing. Each run replaces the previous one.

-- risk_run: the one stored run (what it was computed with, the hubs it ignored).
CREATE TABLE risk_run (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  computed_at TEXT    NOT NULL,               -- RFC 3339, UTC
  options     TEXT    NOT NULL,               -- JSON: max_hops, hub_cap, min_score
  contractors INTEGER NOT NULL,               -- contractors ranked
  linked      INTEGER NOT NULL,               -- of which with a path to a designated entry
  hubs        TEXT    NOT NULL                -- JSON: identifiers left out of clusters as hubs
);

-- risk_scores: one row per contractor; rank 1 is the most exposed. Rank is the rowid,
-- so a run's rows are appended in order and the top is read from the table's start.
CREATE TABLE risk_scores (
  rank        INTEGER PRIMARY KEY,
  node_id     INTEGER NOT NULL UNIQUE REFERENCES nodes(id),
  score       REAL    NOT NULL,               -- 0..1, the best path's product of weights
  hops        INTEGER NOT NULL,               -- edges on that path, 0 when none
  cluster     TEXT,                           -- clusters.id, NULL when in none
  path        TEXT,                           -- JSON [{key, kind, label, edge, dir}], NULL when none
  reason      TEXT    NOT NULL,
  computed_at TEXT    NOT NULL
);

-- clusters: contractors joined by shared strong identifiers; id is "cluster:" and the
-- smallest member's contractor id, so it is stable across runs.
CREATE TABLE clusters (
  id          TEXT    PRIMARY KEY,
  size        INTEGER NOT NULL,
  score       REAL    NOT NULL,               -- the best member's score
  link_node   INTEGER REFERENCES nodes(id),   -- that member, NULL when no member has a link
  binding     TEXT    NOT NULL,               -- JSON [{key, kind, label, members}]
  computed_at TEXT    NOT NULL
);

CREATE TABLE cluster_members (
  cluster_id TEXT    NOT NULL REFERENCES clusters(id),
  node_id    INTEGER NOT NULL REFERENCES nodes(id),
  PRIMARY KEY (cluster_id, node_id)
) WITHOUT ROWID;
CREATE INDEX cluster_members_node ON cluster_members(node_id);

-- risk_ranking: the stored ranking for the sqlite3 shell.
CREATE VIEW risk_ranking AS
SELECT r.rank, n.key, n.label, round(r.score, 3) AS score, r.hops, r.cluster, r.reason
FROM risk_scores r JOIN nodes n ON n.id = r.node_id
ORDER BY r.rank;
