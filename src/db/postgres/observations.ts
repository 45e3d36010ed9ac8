// Normalized observations on PostgreSQL: batched inserts, filtered reads (paged and streamed), prior prices.
import type { NewObservation, Observation } from "../../schemas/observation.ts";
import type { ObservationFilter, UnmappedName } from "../types.ts";
import { observationWhere, type SqlDialect } from "../observation-filter.ts";
import { OBSERVATION_EXPORT_COLUMNS, toObservation, type ObservationRecord, type ObservationRow } from "../rows.ts";
import { inTransaction, type Pool, type Queryable } from "./pool.ts";
import { setMeta } from "./runs.ts";

const COLUMNS = ["capture_id", "quote_id", "source", "provider", "kind", "product", "raw_name", "metric", "quantization", "term", "region",
  "provider_tier", "unit", "currency", "price", "observed_at", "tier", "volume", "attrs"] as const;
const TYPES = ["bigint", "bigint", ...COLUMNS.slice(2).map(() => "text")];
const INSERT_SQL = `INSERT INTO observations (${COLUMNS.join(", ")})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;
/** Rows per statement: one round trip carries this many (arrays, so the statement text stays one). */
const BATCH = 5000;

/** Insert rows, in batches of column arrays; the caller provides the transaction. */
export async function insertObservationRows(db: Queryable, rows: (NewObservation & { quoteId?: number | null })[]): Promise<number> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const columns: unknown[][] = COLUMNS.map(() => new Array<unknown>(chunk.length));
    for (const [j, o] of chunk.entries()) {
      const values = [o.captureId, o.quoteId ?? null, o.source, o.provider, o.kind, o.product, o.rawName, o.metric, o.quantization, o.term,
        o.region, o.providerTier, o.unit, o.currency, o.price, o.observedAt, o.tier, o.volume, JSON.stringify(o.attrs)];
      for (const [c, v] of values.entries()) columns[c]![j] = v;
    }
    await db.query(INSERT_SQL, columns);
  }
  return rows.length;
}

export async function insertObservations(pool: Pool, rows: NewObservation[], progress?: { key: string; value: string }): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const n = await insertObservationRows(tx, rows);
    if (progress) await setMeta(tx, progress.key, progress.value);
    return n;
  });
}

const POSTGRES: SqlDialect = {
  placeholder: (n) => `$${n}`,
  productIn: (products, next) => `product = ANY(${next(products)}::text[])`,
};

function whereClause(f: ObservationFilter): { sql: string; params: unknown[] } {
  return observationWhere(f, POSTGRES);
}

export async function queryObservations(db: Queryable, f: ObservationFilter): Promise<Observation[]> {
  const { sql, params } = whereClause(f);
  const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : "";
  const { rows } = await db.query<ObservationRow>(`SELECT * FROM observations ${sql} ORDER BY id${limit}`, params);
  return rows.map(toObservation);
}

/** Streams in id-ordered pages so memory stays flat. */
export async function* iterateObservations(db: Queryable, f: ObservationFilter, pageSize = 5000): AsyncIterable<Observation> {
  let afterId = f.afterId ?? 0;
  let remaining = f.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const page = await queryObservations(db, { ...f, afterId, limit: Math.min(pageSize, remaining) });
    for (const o of page) yield o;
    if (page.length === 0) return;
    remaining -= page.length;
    afterId = page[page.length - 1]!.id;
  }
}

/** Export pages: the stored values of OBSERVATION_EXPORT_COLUMNS, id-ordered (rows as arrays, no objects built). */
export async function* iterateObservationRecords(db: Queryable, f: ObservationFilter, pageSize = 5000): AsyncIterable<readonly ObservationRecord[]> {
  let afterId = f.afterId ?? 0;
  let remaining = f.limit ?? Number.POSITIVE_INFINITY;
  const columns = OBSERVATION_EXPORT_COLUMNS.join(", ");
  while (remaining > 0) {
    const { sql, params } = whereClause({ ...f, afterId });
    const limit = Math.min(pageSize, remaining);
    const { rows } = await db.query<(string | number | null)[]>({ text: `SELECT ${columns} FROM observations ${sql} ORDER BY id LIMIT ${limit}`, values: params, rowMode: "array" });
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    afterId = Number(rows[rows.length - 1]![0]);
  }
}

export async function getObservations(db: Queryable, ids: number[]): Promise<Observation[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ObservationRow>("SELECT * FROM observations WHERE id = ANY($1::bigint[]) ORDER BY id", [ids]);
  return rows.map(toObservation);
}

export async function countObservations(db: Queryable, f: ObservationFilter = {}): Promise<number> {
  const { sql, params } = whereClause(f);
  const { rows } = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM observations ${sql}`, params);
  return rows[0]!.n;
}

export async function previousPrice(db: Queryable, k: { source: string; provider: string; rawName: string; metric: string; term: string | null; region: string | null; before: string }): Promise<string | null> {
  const { rows } = await db.query<{ price: string }>(
    `SELECT price FROM observations WHERE source = $1 AND provider = $2 AND raw_name = $3 AND metric = $4
      AND term IS NOT DISTINCT FROM $5 AND region IS NOT DISTINCT FROM $6 AND observed_at < $7 ORDER BY observed_at DESC, id DESC LIMIT 1`,
    [k.source, k.provider, k.rawName, k.metric, k.term, k.region, k.before],
  );
  return rows[0]?.price ?? null;
}

export async function unmapped(db: Queryable): Promise<UnmappedName[]> {
  const { rows } = await db.query<{ source: string; kind: string; raw_name: string; n: number; last_seen: string; reason: string | null }>(
    `SELECT source, kind, raw_name, COUNT(*) AS n, MAX(observed_at) AS last_seen, MAX(attrs::jsonb ->> 'unmappedReason') AS reason
      FROM observations WHERE product = 'unclassified' GROUP BY source, kind, raw_name ORDER BY n DESC, source, raw_name`,
  );
  return rows.map((r) => ({ source: r.source, kind: r.kind, rawName: r.raw_name, count: r.n, lastSeen: r.last_seen, reason: r.reason }));
}

export async function observationTimes(db: Queryable, f: ObservationFilter): Promise<string[]> {
  const { sql, params } = whereClause(f);
  const { rows } = await db.query<{ observed_at: string }>(`SELECT DISTINCT observed_at FROM observations ${sql} ORDER BY observed_at`, params);
  return rows.map((r) => r.observed_at);
}

export async function maxObservationId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ m: number }>("SELECT COALESCE(MAX(id), 0) AS m FROM observations");
  return rows[0]!.m;
}
