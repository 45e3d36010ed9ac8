// Normalized observations: inserts, filtered reads (paged and streamed), unmapped names, prior prices.
import type { NewObservation, Observation } from "../../schemas/observation.ts";
import type { ObservationFilter, UnmappedName } from "../types.ts";
import { observationWhere, type SqlDialect } from "../observation-filter.ts";
import { OBSERVATION_EXPORT_COLUMNS, toObservation, type ObservationRecord, type ObservationRow } from "../rows.ts";
import { openSqlite, prep, type Db } from "./open.ts";

export { toObservation };
import { setMeta } from "./runs.ts";

const INSERT_SQL = `INSERT INTO observations (capture_id, quote_id, source, provider, kind, product, raw_name, metric, quantization,
  term, region, provider_tier, unit, currency, price, observed_at, tier, volume, attrs)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Insert rows; the caller provides the transaction. */
export function insertObservationRows(db: Db, rows: NewObservation[], quoteId: number | null): number {
  const stmt = prep(db, INSERT_SQL);
  for (const o of rows) {
    stmt.run(o.captureId, quoteId, o.source, o.provider, o.kind, o.product, o.rawName, o.metric, o.quantization, o.term, o.region,
      o.providerTier, o.unit, o.currency, o.price, o.observedAt, o.tier, o.volume, JSON.stringify(o.attrs));
  }
  return rows.length;
}

export function insertObservations(db: Db, rows: NewObservation[], progress?: { key: string; value: string }): number {
  return db.transaction(() => {
    const n = insertObservationRows(db, rows, null);
    if (progress) setMeta(db, progress.key, progress.value);
    return n;
  })();
}

const SQLITE: SqlDialect = {
  placeholder: () => "?",
  productIn: (products, next) => `product IN (${products.map((p) => next(p)).join(", ")})`,
};

function whereClause(f: ObservationFilter): { sql: string; params: unknown[] } {
  return observationWhere(f, SQLITE);
}

export function queryObservations(db: Db, f: ObservationFilter): Observation[] {
  const { sql, params } = whereClause(f);
  const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : "";
  // A whole time window (a fixing's candidates) is found through (product, metric, observed_at) and then
  // sorted; "+id" keeps the planner from walking (product, id) over every row of the product instead.
  // Pages (a limit) walk (product, id) in order and stop early.
  const order = f.limit === undefined && (f.from !== undefined || f.to !== undefined) ? "+id" : "id";
  const rows = prep(db, `SELECT * FROM observations ${sql} ORDER BY ${order}${limit}`).all(...params) as ObservationRow[];
  return rows.map(toObservation);
}

/** Streams in id-ordered pages so memory stays flat and the event loop is yielded between pages. */
export async function* iterateObservations(db: Db, f: ObservationFilter, pageSize = 5000): AsyncIterable<Observation> {
  let afterId = f.afterId ?? 0;
  let remaining = f.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const page = queryObservations(db, { ...f, afterId, limit: Math.min(pageSize, remaining) });
    for (const o of page) yield o;
    if (page.length === 0) return;
    remaining -= page.length;
    afterId = page[page.length - 1]!.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Export pages: the stored values of OBSERVATION_EXPORT_COLUMNS, id-ordered. A file database is read by ONE
 * statement on a private read-only connection (one snapshot, one plan, no re-sort per page; the shared
 * connection stays free for other requests); an in-memory database falls back to id-keyed pages.
 */
export async function* iterateObservationRecords(db: Db, f: ObservationFilter, pageSize = 5000): AsyncIterable<readonly ObservationRecord[]> {
  const columns = OBSERVATION_EXPORT_COLUMNS.join(", ");
  if (db.memory) {
    let afterId = f.afterId ?? 0;
    let remaining = f.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const { sql, params } = whereClause({ ...f, afterId });
      const page = prep(db, `SELECT ${columns} FROM observations ${sql} ORDER BY id LIMIT ${Math.min(pageSize, remaining)}`).raw().all(...params) as ObservationRecord[];
      if (page.length === 0) return;
      yield page;
      remaining -= page.length;
      afterId = page[page.length - 1]![0] as number;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const reader = openSqlite(db.name, { readonly: true });
  try {
    const { sql, params } = whereClause(f);
    const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : "";
    const rows = reader.prepare(`SELECT ${columns} FROM observations ${sql} ORDER BY id${limit}`).raw().iterate(...params) as IterableIterator<ObservationRecord>;
    let page: ObservationRecord[] = [];
    for (const row of rows) {
      page.push(row);
      if (page.length === pageSize) {
        yield page;
        page = [];
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (page.length) yield page;
  } finally {
    reader.close();
  }
}

export function getObservations(db: Db, ids: number[]): Observation[] {
  if (ids.length === 0) return [];
  const out: Observation[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = prep(db, `SELECT * FROM observations WHERE id IN (${chunk.map(() => "?").join(",")}) ORDER BY id`).all(...chunk) as ObservationRow[];
    out.push(...rows.map(toObservation));
  }
  return out.sort((a, b) => a.id - b.id);
}

export function countObservations(db: Db, f: ObservationFilter = {}): number {
  const { sql, params } = whereClause(f);
  return (prep(db, `SELECT COUNT(*) AS n FROM observations ${sql}`).get(...params) as { n: number }).n;
}

export function previousPrice(db: Db, k: { source: string; provider: string; rawName: string; metric: string; term: string | null; region: string | null; before: string }): string | null {
  const row = db
    .prepare(`SELECT price FROM observations WHERE source = ? AND provider = ? AND raw_name = ? AND metric = ?
      AND term IS ? AND region IS ? AND observed_at < ? ORDER BY observed_at DESC, id DESC LIMIT 1`)
    .get(k.source, k.provider, k.rawName, k.metric, k.term, k.region, k.before) as { price: string } | undefined;
  return row?.price ?? null;
}

export function unmapped(db: Db): UnmappedName[] {
  const rows = db
    .prepare(`SELECT source, kind, raw_name, COUNT(*) AS n, MAX(observed_at) AS last_seen, MAX(json_extract(attrs, '$.unmappedReason')) AS reason
      FROM observations WHERE product = 'unclassified' GROUP BY source, kind, raw_name ORDER BY n DESC, source, raw_name`)
    .all() as { source: string; kind: string; raw_name: string; n: number; last_seen: string; reason: string | null }[];
  return rows.map((r) => ({ source: r.source, kind: r.kind, rawName: r.raw_name, count: r.n, lastSeen: r.last_seen, reason: r.reason }));
}

export function observationTimes(db: Db, f: ObservationFilter): string[] {
  const { sql, params } = whereClause(f);
  const rows = prep(db, `SELECT DISTINCT observed_at FROM observations ${sql} ORDER BY observed_at`).pluck().all(...params) as string[];
  return rows;
}

export function maxObservationId(db: Db): number {
  return (prep(db, "SELECT COALESCE(MAX(id), 0) AS m FROM observations").get() as { m: number }).m;
}
