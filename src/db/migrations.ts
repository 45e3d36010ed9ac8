// Versioned schema migrations; each runs once, in order, inside a transaction.
import type BetterSqlite3 from "better-sqlite3";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "core tables",
    sql: `
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        url TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        http_status INTEGER NOT NULL,
        content_type TEXT,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        size INTEGER NOT NULL,
        parse_error TEXT,
        parsed_at TEXT
      );
      CREATE INDEX captures_source ON captures(source_id, fetched_at);
      CREATE INDEX captures_sha ON captures(sha256);
      CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        capture_id INTEGER NOT NULL REFERENCES captures(id),
        kind TEXT NOT NULL,
        provider TEXT NOT NULL,
        locator TEXT NOT NULL,
        body TEXT NOT NULL,
        quarantine_reason TEXT
      );
      CREATE INDEX quotes_capture ON quotes(capture_id);
      CREATE INDEX quotes_quarantine ON quotes(quarantine_reason) WHERE quarantine_reason IS NOT NULL;
      CREATE TABLE parse_skips (
        capture_id INTEGER NOT NULL REFERENCES captures(id),
        locator TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX parse_skips_capture ON parse_skips(capture_id);
      CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        capture_id INTEGER REFERENCES captures(id),
        quote_id INTEGER REFERENCES quotes(id),
        source TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        product TEXT NOT NULL,
        raw_name TEXT NOT NULL,
        metric TEXT NOT NULL,
        quantization TEXT,
        term TEXT,
        region TEXT,
        provider_tier TEXT NOT NULL,
        unit TEXT NOT NULL,
        currency TEXT NOT NULL,
        price TEXT NOT NULL,
        observed_at TEXT NOT NULL,
        tier TEXT NOT NULL,
        volume TEXT,
        attrs TEXT NOT NULL
      );
      CREATE INDEX observations_product ON observations(product, metric, observed_at);
      CREATE INDEX observations_time ON observations(observed_at);
      CREATE INDEX observations_capture ON observations(capture_id);
      CREATE TABLE fixings (
        id INTEGER PRIMARY KEY,
        index_code TEXT NOT NULL,
        fixing_date TEXT NOT NULL,
        revision INTEGER NOT NULL,
        status TEXT NOT NULL,
        value TEXT,
        published_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        signature TEXT NOT NULL,
        UNIQUE (index_code, fixing_date, revision)
      );
      CREATE INDEX fixings_series ON fixings(index_code, fixing_date, revision);
      CREATE TRIGGER fixings_no_update BEFORE UPDATE ON fixings
        BEGIN SELECT RAISE(ABORT, 'fixings are append-only: publish a new revision'); END;
      CREATE TRIGGER fixings_no_delete BEFORE DELETE ON fixings
        BEGIN SELECT RAISE(ABORT, 'fixings are append-only: publish a new revision'); END;
      CREATE TABLE source_runs (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        captures INTEGER NOT NULL DEFAULT 0,
        quotes INTEGER NOT NULL DEFAULT 0,
        observations INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        quarantined INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX source_runs_source ON source_runs(source_id, started_at);
      CREATE TABLE http_cache (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        capture_id INTEGER REFERENCES captures(id),
        updated_at TEXT NOT NULL
      );
      CREATE TABLE anomalies (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: "index for the previous-quote sanity check",
    sql: `CREATE INDEX observations_previous ON observations(source, provider, raw_name, metric, observed_at);`,
  },
  {
    version: 3,
    name: "index for observation pages of one product in id order",
    sql: `CREATE INDEX observations_product_id ON observations(product, id);`,
  },
  {
    version: 4,
    name: "final settlements (append-only, own hash chain) and the restatement register's index",
    sql: `
      CREATE TABLE settlements (
        id INTEGER PRIMARY KEY,
        contract TEXT NOT NULL,
        month TEXT NOT NULL,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL,
        value TEXT,
        published_at TEXT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        signature TEXT NOT NULL,
        UNIQUE (contract, month, revision)
      );
      CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements
        BEGIN SELECT RAISE(ABORT, 'settlements are append-only: a final settlement never changes'); END;
      CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements
        BEGIN SELECT RAISE(ABORT, 'settlements are append-only: a final settlement never changes'); END;
      CREATE INDEX fixings_restated ON fixings(id) WHERE revision > 1;`,
  },
];

/** Apply every migration newer than the database's version; returns the versions applied. */
export function migrate(db: BetterSqlite3.Database): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number };
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= row.v) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
