// Writes generated observations straight into a cpi database (schema from the project's migrations).
import Database from "better-sqlite3";
import { openStore } from "../../src/db/index.ts";
import { generateObservations, observationValues, totalRows, type ObservationShape } from "./observations.ts";

const INSERT = `INSERT INTO observations (capture_id, source, provider, kind, product, raw_name, metric, quantization, term, region,
  provider_tier, unit, currency, price, observed_at, tier, volume, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Create (migrate) the database at `path` with the project's own store, then close it. */
export async function createSchema(path: string): Promise<void> {
  const store = openStore(path);
  await store.close();
}

/**
 * Fill `path` with the observations of `shape` (data generation, not a measured path): prepared
 * statement, one transaction per batch, synchronous off. Returns the row count.
 */
export async function fillObservations(path: string, shape: ObservationShape, opts: { batch?: number; progress?: (done: number, total: number) => void } = {}): Promise<number> {
  await createSchema(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const stmt = db.prepare(INSERT);
  const batch = opts.batch ?? 50_000;
  const total = totalRows(shape);
  let buffer: (string | number | null)[][] = [];
  let done = 0;
  const flush = db.transaction((rows: (string | number | null)[][]) => {
    for (const r of rows) stmt.run(r);
  });
  for (const o of generateObservations(shape)) {
    buffer.push(observationValues(o));
    if (buffer.length === batch) {
      flush(buffer);
      done += buffer.length;
      buffer = [];
      opts.progress?.(done, total);
    }
  }
  flush(buffer);
  done += buffer.length;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return done;
}
