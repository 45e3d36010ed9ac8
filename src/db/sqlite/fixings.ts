// Fixings: append-only revisions, hash-chained in publication order; reads by date, range and as-of time.
import { Fixing, type FixingDraft } from "../../schemas/fixing.ts";
import { fixingHash, GENESIS_HASH } from "../../index/chain.ts";
import type { ChainedFixing, FixingQuery } from "../types.ts";
import { chainFixing, readFixing, toFixing, type ChainRow, type FixingRow, type HashedFixingRow as ReadRow } from "../rows.ts";
import { prep, type Db } from "./open.ts";

export function lastChainHash(db: Db): string {
  const row = prep(db, "SELECT hash FROM fixings ORDER BY id DESC LIMIT 1").get() as { hash: string } | undefined;
  return row?.hash ?? GENESIS_HASH;
}

export function appendFixing(db: Db, draft: FixingDraft, publish: { publishedAt: string; sign: (hash: string) => string; ifAbsent?: boolean }): Fixing {
  const run = db.transaction((): Fixing => {
    const latest = prep(db, "SELECT id, body, revision FROM fixings WHERE index_code = ? AND fixing_date = ? ORDER BY revision DESC LIMIT 1")
      .get(draft.indexCode, draft.fixingDate) as (FixingRow & { revision: number }) | undefined;
    if (latest && publish.ifAbsent) return toFixing(latest);
    const content = { ...draft, revision: (latest?.revision ?? 0) + 1, publishedAt: publish.publishedAt, prevHash: lastChainHash(db) };
    const hash = fixingHash(content);
    const signature = publish.sign(hash);
    const body = { ...content, hash, signature };
    const info = db
      .prepare(`INSERT INTO fixings (index_code, fixing_date, revision, status, value, published_at, body, prev_hash, hash, signature)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(draft.indexCode, draft.fixingDate, content.revision, draft.status, draft.value, publish.publishedAt, JSON.stringify(body), content.prevHash, hash, signature);
    return Fixing.parse({ ...body, id: Number(info.lastInsertRowid) });
  });
  return run();
}

/** Latest revision per date, restricted to what was published by `asOf` when given. */
const LATEST_PER_DATE = `
  SELECT f.id, f.body, f.hash FROM fixings f
  WHERE f.index_code = @code AND (@asOf IS NULL OR f.published_at <= @asOf)
    AND f.revision = (SELECT MAX(g.revision) FROM fixings g WHERE g.index_code = f.index_code AND g.fixing_date = f.fixing_date
                      AND (@asOf IS NULL OR g.published_at <= @asOf))`;

export function fixingHistory(db: Db, code: string, q: FixingQuery): Fixing[] {
  const clauses: string[] = [];
  const params: Record<string, unknown> = { code, asOf: q.asOf ?? null };
  if (q.from) {
    clauses.push("f.fixing_date >= @from");
    params.from = q.from;
  }
  if (q.to) {
    clauses.push("f.fixing_date <= @to");
    params.to = q.to;
  }
  if (q.afterDate) {
    clauses.push("f.fixing_date > @afterDate");
    params.afterDate = q.afterDate;
  }
  if (q.status && q.status.length > 0) {
    clauses.push(`f.status IN (${q.status.map((_, i) => `@s${i}`).join(", ")})`);
    q.status.forEach((s, i) => (params[`s${i}`] = s));
  }
  const extra = clauses.length ? ` AND ${clauses.join(" AND ")}` : "";
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const rows = prep(db, `${LATEST_PER_DATE}${extra} ORDER BY f.fixing_date${limit}`).all(params) as ReadRow[];
  return rows.map(readFixing);
}

export function latestFixing(db: Db, code: string, asOf?: string): Fixing | null {
  const row = prep(db, `${LATEST_PER_DATE} ORDER BY f.fixing_date DESC LIMIT 1`).get({ code, asOf: asOf ?? null }) as ReadRow | undefined;
  return row ? readFixing(row) : null;
}

export function latestValuedFixing(db: Db, code: string, asOf?: string): Fixing | null {
  const row = prep(db, `${LATEST_PER_DATE} AND f.value IS NOT NULL ORDER BY f.fixing_date DESC LIMIT 1`).get({ code, asOf: asOf ?? null }) as ReadRow | undefined;
  return row ? readFixing(row) : null;
}

export function getFixing(db: Db, code: string, date: string, asOf?: string): Fixing | null {
  const row = prep(db, `${LATEST_PER_DATE} AND f.fixing_date = @date`).get({ code, date, asOf: asOf ?? null }) as ReadRow | undefined;
  return row ? readFixing(row) : null;
}

export function fixingRevisions(db: Db, code: string, date: string): Fixing[] {
  const rows = prep(db, "SELECT id, body FROM fixings WHERE index_code = ? AND fixing_date = ? ORDER BY revision").all(code, date) as FixingRow[];
  return rows.map(toFixing);
}

/** Every fixing in publication order, paged, for chain verification. */
export async function* iterateFixingChain(db: Db, pageSize = 2000): AsyncIterable<ChainedFixing> {
  let afterId = 0;
  for (;;) {
    const rows = prep(db, "SELECT * FROM fixings WHERE id > ? ORDER BY id LIMIT ?").all(afterId, pageSize) as ChainRow[];
    if (rows.length === 0) return;
    for (const row of rows) yield chainFixing(row);
    afterId = rows[rows.length - 1]!.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
