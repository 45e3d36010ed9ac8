// Final settlements (append-only, their own hash chain) and the restatement register read from fixing revisions.
import { GENESIS_HASH } from "../../index/chain.ts";
import type { Restatement, SettlementDraft, SettlementRecord } from "../../schemas/settlement.ts";
import type { ChainedSettlement, RestatementQuery, SettlementPublish, SettlementQuery } from "../types.ts";
import { chainSettlement, parseSealed, sealSettlement, SETTLEMENT_COLUMNS, settlementColumns, toRestatement, toSettlement, type RestatementRow, type SettlementChainRow, type SettlementRow } from "../settlement-rows.ts";
import { prep, type Db } from "./open.ts";

export function lastSettlementHash(db: Db): string {
  const row = prep(db, "SELECT hash FROM settlements ORDER BY id DESC LIMIT 1").get() as { hash: string } | undefined;
  return row?.hash ?? GENESIS_HASH;
}

export function appendSettlement(db: Db, draft: SettlementDraft, publish: SettlementPublish): SettlementRecord {
  const run = db.transaction((): SettlementRecord => {
    const latest = prep(db, "SELECT id, body, revision FROM settlements WHERE contract = ? AND month = ? ORDER BY revision DESC LIMIT 1")
      .get(draft.contract, draft.month) as (SettlementRow & { revision: number }) | undefined;
    if (latest && publish.ifAbsent) return toSettlement(latest);
    const sealed = sealSettlement(draft, (latest?.revision ?? 0) + 1, lastSettlementHash(db), publish);
    const info = prep(db, `INSERT INTO settlements (${SETTLEMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...settlementColumns(sealed));
    return parseSealed(sealed, Number(info.lastInsertRowid));
  });
  return run();
}

export function latestSettlement(db: Db, contract: string, month: string, asOf?: string): SettlementRecord | null {
  const row = prep(db, "SELECT id, body FROM settlements WHERE contract = ? AND month = ? AND (? IS NULL OR published_at <= ?) ORDER BY revision DESC LIMIT 1")
    .get(contract, month, asOf ?? null, asOf ?? null) as SettlementRow | undefined;
  return row ? toSettlement(row) : null;
}

export function listSettlements(db: Db, q: SettlementQuery): SettlementRecord[] {
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const rows = prep(db, `SELECT s.id, s.body FROM settlements s
      WHERE (@contract IS NULL OR s.contract = @contract) AND (@after IS NULL OR s.month > @after)
        AND s.revision = (SELECT MAX(t.revision) FROM settlements t WHERE t.contract = s.contract AND t.month = s.month)
      ORDER BY s.contract, s.month${limit}`).all({ contract: q.contract ?? null, after: q.afterMonth ?? null }) as SettlementRow[];
  return rows.map(toSettlement);
}

export async function* iterateSettlementChain(db: Db, pageSize = 500): AsyncIterable<ChainedSettlement> {
  let afterId = 0;
  for (;;) {
    const rows = prep(db, "SELECT * FROM settlements WHERE id > ? ORDER BY id LIMIT ?").all(afterId, pageSize) as SettlementChainRow[];
    if (rows.length === 0) return;
    for (const row of rows) yield chainSettlement(row);
    afterId = rows[rows.length - 1]!.id;
  }
}

export function listRestatements(db: Db, q: RestatementQuery): Restatement[] {
  const limit = q.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(q.limit))}` : "";
  const rows = prep(db, `SELECT n.id, n.body AS new_body, p.body AS old_body FROM fixings n
      JOIN fixings p ON p.index_code = n.index_code AND p.fixing_date = n.fixing_date AND p.revision = n.revision - 1
      WHERE n.revision > 1 AND (@code IS NULL OR n.index_code = @code) AND (@from IS NULL OR n.fixing_date >= @from)
        AND (@to IS NULL OR n.fixing_date <= @to) AND (@after IS NULL OR n.published_at > @after) AND n.id > @afterId
      ORDER BY n.id${limit}`).all({ code: q.indexCode ?? null, from: q.from ?? null, to: q.to ?? null, after: q.restatedAfter ?? null, afterId: q.afterId ?? 0 }) as RestatementRow[];
  return rows.map(toRestatement);
}
