// Final settlements on PostgreSQL (append-only, their own linear chain under an advisory lock) and the restatement register.
import { GENESIS_HASH } from "../../index/chain.ts";
import type { Restatement, SettlementDraft, SettlementRecord } from "../../schemas/settlement.ts";
import type { ChainedSettlement, RestatementQuery, SettlementPublish, SettlementQuery } from "../types.ts";
import { chainSettlement, parseSealed, sealSettlement, SETTLEMENT_COLUMNS, settlementColumns, toRestatement, toSettlement, type RestatementRow, type SettlementChainRow, type SettlementRow } from "../settlement-rows.ts";
import { LOCK } from "./migrations.ts";
import { inTransaction, type Pool, type Queryable } from "./pool.ts";

export async function lastSettlementHash(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ hash: string }>("SELECT hash FROM settlements ORDER BY id DESC LIMIT 1");
  return rows[0]?.hash ?? GENESIS_HASH;
}

/** Serialized like fixing appends (their own lock): two publishers of one month write it once, on one chain. */
export async function appendSettlement(pool: Pool, draft: SettlementDraft, publish: SettlementPublish): Promise<SettlementRecord> {
  return inTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [LOCK.settlementChain]);
    const prev = await tx.query<SettlementRow & { revision: number }>("SELECT id, body, revision FROM settlements WHERE contract = $1 AND month = $2 ORDER BY revision DESC LIMIT 1", [draft.contract, draft.month]);
    const latest = prev.rows[0];
    if (latest && publish.ifAbsent) return toSettlement(latest);
    const sealed = sealSettlement(draft, (latest?.revision ?? 0) + 1, await lastSettlementHash(tx), publish);
    const { rows } = await tx.query<{ id: number }>(`INSERT INTO settlements (${SETTLEMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, settlementColumns(sealed));
    return parseSealed(sealed, Number(rows[0]!.id));
  });
}

export async function latestSettlement(db: Queryable, contract: string, month: string, asOf?: string): Promise<SettlementRecord | null> {
  const { rows } = await db.query<SettlementRow>(
    "SELECT id, body FROM settlements WHERE contract = $1 AND month = $2 AND ($3::text IS NULL OR published_at <= $3::text) ORDER BY revision DESC LIMIT 1",
    [contract, month, asOf ?? null],
  );
  return rows[0] ? toSettlement(rows[0]) : null;
}

export async function listSettlements(db: Queryable, q: SettlementQuery): Promise<SettlementRecord[]> {
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const { rows } = await db.query<SettlementRow>(
    `SELECT id, body FROM (
        SELECT DISTINCT ON (contract, month) id, body, contract, month FROM settlements
        WHERE ($1::text IS NULL OR contract = $1::text) AND ($2::text IS NULL OR month > $2::text)
        ORDER BY contract, month, revision DESC) latest
      ORDER BY contract, month${limit}`,
    [q.contract ?? null, q.afterMonth ?? null],
  );
  return rows.map(toSettlement);
}

export async function* iterateSettlementChain(db: Queryable, pageSize = 500): AsyncIterable<ChainedSettlement> {
  let afterId = 0;
  for (;;) {
    const { rows } = await db.query<SettlementChainRow>("SELECT * FROM settlements WHERE id > $1 ORDER BY id LIMIT $2", [afterId, pageSize]);
    if (rows.length === 0) return;
    for (const row of rows) yield chainSettlement(row);
    afterId = Number(rows[rows.length - 1]!.id);
  }
}

export async function listRestatements(db: Queryable, q: RestatementQuery): Promise<Restatement[]> {
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const { rows } = await db.query<RestatementRow>(
    `SELECT n.id, n.body AS new_body, p.body AS old_body FROM fixings n
      JOIN fixings p ON p.index_code = n.index_code AND p.fixing_date = n.fixing_date AND p.revision = n.revision - 1
      WHERE n.revision > 1 AND ($1::text IS NULL OR n.index_code = $1::text) AND ($2::text IS NULL OR n.fixing_date >= $2::text)
        AND ($3::text IS NULL OR n.fixing_date <= $3::text) AND ($4::text IS NULL OR n.published_at > $4::text) AND n.id > $5
      ORDER BY n.id${limit}`,
    [q.indexCode ?? null, q.from ?? null, q.to ?? null, q.restatedAfter ?? null, q.afterId ?? 0],
  );
  return rows.map(toRestatement);
}
