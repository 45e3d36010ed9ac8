// Row shapes of settlements and restatements shared by every SQL backend, and their mapping to records.
import { settlementHash, GENESIS_HASH } from "../index/chain.ts";
import type { Fixing } from "../schemas/fixing.ts";
import { SettlementRecord, type Restatement, type SettlementDraft } from "../schemas/settlement.ts";
import type { ChainedSettlement } from "./types.ts";

export interface SettlementRow {
  id: number;
  body: string;
}

export interface SettlementChainRow extends SettlementRow {
  contract: string;
  month: string;
  revision: number;
  state: string;
  value: string | null;
  published_at: string;
  prev_hash: string;
  hash: string;
  signature: string;
}

export function toSettlement(row: SettlementRow): SettlementRecord {
  return { ...(JSON.parse(row.body) as Omit<SettlementRecord, "id">), id: Number(row.id) };
}

/** The body as published, plus the indexed columns that disagree with it (a column or body edited alone). */
export function chainSettlement(row: SettlementChainRow): ChainedSettlement {
  const body = toSettlement(row);
  const columns: [string, unknown, unknown][] = [
    ["contract", row.contract, body.contract], ["month", row.month, body.month], ["revision", Number(row.revision), body.revision],
    ["state", row.state, body.state], ["value", row.value, body.value], ["published_at", row.published_at, body.publishedAt],
    ["prev_hash", row.prev_hash, body.prevHash], ["hash", row.hash, body.hash], ["signature", row.signature, body.signature],
  ];
  const mismatch = columns.filter(([, column, inBody]) => column !== inBody).map(([name]) => name);
  return mismatch.length > 0 ? { ...body, columnMismatch: mismatch } : body;
}

/** The record to insert after `prevHash` as `revision`: hashed, then signed. */
export function sealSettlement(draft: SettlementDraft, revision: number, prevHash: string | undefined, publish: { publishedAt: string; sign: (hash: string) => string }): Omit<SettlementRecord, "id"> {
  const content = { ...draft, revision, publishedAt: publish.publishedAt, prevHash: prevHash ?? GENESIS_HASH };
  const hash = settlementHash(content);
  return { ...content, hash, signature: publish.sign(hash) };
}

/** Column values of a sealed record, in the INSERT's order. */
export function settlementColumns(r: Omit<SettlementRecord, "id">): unknown[] {
  return [r.contract, r.month, r.revision, r.state, r.value, r.publishedAt, JSON.stringify(r), r.prevHash, r.hash, r.signature];
}

export const SETTLEMENT_COLUMNS = "contract, month, revision, state, value, published_at, body, prev_hash, hash, signature";

export function parseSealed(sealed: Omit<SettlementRecord, "id">, id: number): SettlementRecord {
  return SettlementRecord.parse({ ...sealed, id });
}

export interface RestatementRow {
  id: number;
  new_body: string;
  old_body: string;
}

/** A restating revision beside the revision it replaced. */
export function toRestatement(row: RestatementRow): Restatement {
  const next = JSON.parse(row.new_body) as Fixing;
  const old = JSON.parse(row.old_body) as Fixing;
  return {
    id: Number(row.id),
    indexCode: next.indexCode,
    fixingDate: next.fixingDate,
    revision: next.revision,
    oldValue: old.value,
    newValue: next.value,
    oldStatus: old.status,
    newStatus: next.status,
    reason: next.note,
    publishedAt: old.publishedAt,
    restatedAt: next.publishedAt,
    methodologyVersion: next.methodologyVersion,
    hash: next.hash,
  };
}
