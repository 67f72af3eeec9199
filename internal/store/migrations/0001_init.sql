-- 0001: the case graph. Every fact carries the source rows that asserted it.

-- sources: one row per imported file.
CREATE TABLE sources (
  id            INTEGER PRIMARY KEY,
  path          TEXT    NOT NULL,          -- as given on the command line, made absolute
  sha256        TEXT    NOT NULL UNIQUE,   -- re-importing the same bytes is a no-op
  size          INTEGER NOT NULL,
  kind          TEXT    NOT NULL,          -- contractors | payments | list
  format        TEXT    NOT NULL,          -- csv | tsv | json | jsonl | ...
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_stored   INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rejects_path  TEXT,
  imported_at   TEXT    NOT NULL           -- RFC 3339, UTC
);

-- nodes: contractors, identifiers, accounts, wallets, clients, designated parties ...
-- key is "kind:normalized-value", stable and human-readable.
CREATE TABLE nodes (
  id    INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  attrs TEXT                               -- JSON object, NULL when empty
);
CREATE INDEX nodes_kind ON nodes(kind);

-- edges: directed, one per (src, kind, dst); repeated assertions add provenance, not edges.
CREATE TABLE edges (
  id    INTEGER PRIMARY KEY,
  kind  TEXT    NOT NULL,
  src   INTEGER NOT NULL REFERENCES nodes(id),
  dst   INTEGER NOT NULL REFERENCES nodes(id),
  attrs TEXT,                              -- JSON: field, count, totals per currency, first, last ...
  UNIQUE (src, kind, dst)
);
CREATE INDEX edges_dst ON edges(dst, kind, src);

-- node_sources / edge_sources: which row of which file asserted a node or an edge.
CREATE TABLE node_sources (
  node_id   INTEGER NOT NULL REFERENCES nodes(id),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  line      INTEGER NOT NULL,
  field     TEXT    NOT NULL DEFAULT '',   -- the column the value came from
  PRIMARY KEY (node_id, source_id, line, field)
) WITHOUT ROWID;

CREATE TABLE edge_sources (
  edge_id   INTEGER NOT NULL REFERENCES edges(id),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  line      INTEGER NOT NULL,
  field     TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (edge_id, source_id, line, field)
) WITHOUT ROWID;

-- ledger: payment rows exactly as imported (amounts in minor units, never floats).
-- A ledger row is its own provenance: payer -> payee (paid / transfer) and contractor -> payee (payout_to)
-- money-flow edges are aggregates of these rows.
CREATE TABLE ledger (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sources(id),
  line          INTEGER NOT NULL,
  ext_id        TEXT,                       -- the ledger's own payment id
  date          TEXT,                       -- ISO 8601 (YYYY-MM-DD or with time)
  type          TEXT    NOT NULL,           -- payout | transfer | ...
  contractor_id INTEGER REFERENCES nodes(id),
  payer_id      INTEGER REFERENCES nodes(id),
  payee_id      INTEGER REFERENCES nodes(id),
  beneficiary   TEXT,
  amount_minor  INTEGER NOT NULL,
  currency      TEXT    NOT NULL,
  rail          TEXT,
  reference     TEXT,
  extra         TEXT                        -- JSON of unmapped columns
);
CREATE INDEX ledger_payer ON ledger(payer_id, date);
CREATE INDEX ledger_payee ON ledger(payee_id, date);
CREATE INDEX ledger_contractor ON ledger(contractor_id, date);

-- nodes_fts: full-text search over labels and identifier values.
CREATE VIRTUAL TABLE nodes_fts USING fts5(
  label, value,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);

-- Views for the sqlite3 shell.
CREATE VIEW contractors AS
SELECT n.id,
       substr(n.key, 12)                  AS contractor_id,
       n.label                            AS name,
       json_extract(n.attrs, '$.country') AS country,
       json_extract(n.attrs, '$.joined')  AS joined,
       (SELECT count(*) FROM edges e WHERE e.src = n.id) AS links,
       n.key
FROM nodes n WHERE n.kind = 'contractor';

CREATE VIEW payments AS
SELECT l.id, l.ext_id AS payment_id, l.date, l.type,
       c.key AS contractor, p.key AS payer, p.label AS payer_label,
       q.key AS payee, l.beneficiary,
       l.amount_minor, l.currency, l.rail, l.reference,
       s.path AS source, l.line
FROM ledger l
JOIN sources s ON s.id = l.source_id
LEFT JOIN nodes c ON c.id = l.contractor_id
LEFT JOIN nodes p ON p.id = l.payer_id
LEFT JOIN nodes q ON q.id = l.payee_id;

CREATE VIEW links AS
SELECT e.id, e.kind,
       a.key AS src, a.label AS src_label,
       b.key AS dst, b.label AS dst_label,
       e.attrs,
       (SELECT group_concat(s.path || ':' || es.line, ' ')
          FROM edge_sources es JOIN sources s ON s.id = es.source_id
         WHERE es.edge_id = e.id) AS asserted_by
FROM edges e JOIN nodes a ON a.id = e.src JOIN nodes b ON b.id = e.dst;

-- shared_identifiers: identifier nodes that two or more contractors point at.
CREATE VIEW shared_identifiers AS
SELECT n.key, n.kind, n.label, count(DISTINCT e.src) AS contractors
FROM edges e
JOIN nodes c ON c.id = e.src AND c.kind = 'contractor'
JOIN nodes n ON n.id = e.dst
GROUP BY e.dst HAVING count(DISTINCT e.src) > 1;
