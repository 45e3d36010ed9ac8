// Fixings on PostgreSQL: append-only revisions, one linear hash chain (appends serialized by an advisory lock).
import { createHash } from "node:crypto";
import { Fixing, type FixingDraft } from "../../schemas/fixing.ts";
import { fixingHash, GENESIS_HASH } from "../../index/chain.ts";
import type { ChainedFixing, FixingQuery, Store } from "../types.ts";
import { chainFixing, readFixing, toFixing, type ChainRow, type FixingRow, type HashedFixingRow } from "../rows.ts";
import { LOCK } from "./migrations.ts";
import { inTransaction, type Pool, type Queryable } from "./pool.ts";

export async function lastChainHash(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ hash: string }>("SELECT hash FROM fixings ORDER BY id DESC LIMIT 1");
  return rows[0]?.hash ?? GENESIS_HASH;
}

type PublishOptions = Parameters<Store["appendFixing"]>[1];

/**
 * Appends under a transaction-scoped advisory lock of this schema: every appender, in any process on any
 * machine, reads the chain head only after the previous append committed (READ COMMITTED takes a new
 * snapshot per statement, and the lock is taken first), so two appends can never share a prev_hash.
 */
export async function appendFixing(pool: Pool, draft: FixingDraft, publish: PublishOptions): Promise<Fixing> {
  return inTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [LOCK.chain]);
    const prev = await tx.query<{ r: number; id: number | null; body: string | null }>(
      `SELECT f.revision AS r, f.id, f.body FROM fixings f WHERE f.index_code = $1 AND f.fixing_date = $2 ORDER BY f.revision DESC LIMIT 1`,
      [draft.indexCode, draft.fixingDate],
    );
    const latest = prev.rows[0];
    if (latest && publish.ifAbsent) return toFixing({ id: latest.id!, body: latest.body! });
    const content = { ...draft, revision: (latest?.r ?? 0) + 1, publishedAt: publish.publishedAt, prevHash: await lastChainHash(tx) };
    const hash = fixingHash(content);
    const signature = publish.sign(hash);
    const body = { ...content, hash, signature };
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO fixings (index_code, fixing_date, revision, status, value, published_at, body, prev_hash, hash, signature)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [draft.indexCode, draft.fixingDate, content.revision, draft.status, draft.value, publish.publishedAt, JSON.stringify(body), content.prevHash, hash, signature],
    );
    return Fixing.parse({ ...body, id: rows[0]!.id });
  });
}

interface Latest {
  code: string;
  asOf: string | null;
  dates?: { from?: string; to?: string; after?: string; exact?: string };
  status?: string[];
  valued?: boolean;
  order: "ASC" | "DESC";
  limit?: number;
}

/**
 * Latest revision per date (restricted to what was published by `asOf`), then the status and value filters on it.
 * Written as an anti-join ("no later revision of that date visible at asOf") rather than DISTINCT ON: the
 * planner walks the (index_code, fixing_date, revision) index in the requested order and stops at the limit,
 * so the latest fixing reads one or two index entries instead of sorting the whole series.
 */
async function latestPerDate(db: Queryable, q: Latest): Promise<Fixing[]> {
  const params: unknown[] = [q.code, q.asOf];
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.dates?.from) add((p) => `f.fixing_date >= ${p}`, q.dates.from);
  if (q.dates?.to) add((p) => `f.fixing_date <= ${p}`, q.dates.to);
  if (q.dates?.after) add((p) => `f.fixing_date > ${p}`, q.dates.after);
  if (q.dates?.exact) add((p) => `f.fixing_date = ${p}`, q.dates.exact);
  if (q.status && q.status.length > 0) add((p) => `f.status = ANY(${p}::text[])`, q.status);
  if (q.valued) where.push("f.value IS NOT NULL");
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const sql = `SELECT f.id, f.body, f.hash FROM fixings f
    WHERE f.index_code = $1 AND ($2::text IS NULL OR f.published_at <= $2::text)${where.map((c) => ` AND ${c}`).join("")}
      AND NOT EXISTS (SELECT 1 FROM fixings g WHERE g.index_code = f.index_code AND g.fixing_date = f.fixing_date
        AND g.revision > f.revision AND ($2::text IS NULL OR g.published_at <= $2::text))
    ORDER BY f.fixing_date ${q.order}, f.revision ${q.order}${limit}`;
  // Named: each pooled connection parses a shape once (a handful of shapes), then only binds and executes.
  const { rows } = await db.query<HashedFixingRow>({ name: `latest_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`, text: sql, values: params });
  return rows.map(readFixing);
}

export async function fixingHistory(db: Queryable, code: string, q: FixingQuery): Promise<Fixing[]> {
  return latestPerDate(db, { code, asOf: q.asOf ?? null, dates: { from: q.from, to: q.to, after: q.afterDate }, status: q.status, order: "ASC", limit: q.limit });
}

export async function latestFixing(db: Queryable, code: string, asOf?: string): Promise<Fixing | null> {
  return (await latestPerDate(db, { code, asOf: asOf ?? null, order: "DESC", limit: 1 }))[0] ?? null;
}

export async function latestValuedFixing(db: Queryable, code: string, asOf?: string): Promise<Fixing | null> {
  return (await latestPerDate(db, { code, asOf: asOf ?? null, valued: true, order: "DESC", limit: 1 }))[0] ?? null;
}

export async function getFixing(db: Queryable, code: string, date: string, asOf?: string): Promise<Fixing | null> {
  return (await latestPerDate(db, { code, asOf: asOf ?? null, dates: { exact: date }, order: "ASC" }))[0] ?? null;
}

export async function fixingRevisions(db: Queryable, code: string, date: string): Promise<Fixing[]> {
  const { rows } = await db.query<FixingRow>("SELECT id, body FROM fixings WHERE index_code = $1 AND fixing_date = $2 ORDER BY revision", [code, date]);
  return rows.map(toFixing);
}

/** Every fixing in publication order, paged, for chain verification. */
export async function* iterateFixingChain(db: Queryable, pageSize = 2000): AsyncIterable<ChainedFixing> {
  let afterId = 0;
  for (;;) {
    const { rows } = await db.query<ChainRow>("SELECT * FROM fixings WHERE id > $1 ORDER BY id LIMIT $2", [afterId, pageSize]);
    if (rows.length === 0) return;
    for (const row of rows) yield chainFixing(row);
    afterId = rows[rows.length - 1]!.id;
  }
}
