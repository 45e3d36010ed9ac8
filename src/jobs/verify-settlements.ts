// `cpi verify`, settlements: the settlement chain, signatures, and each final recomputed from the fixings at its cut-off.
import type { ReadStore } from "../db/index.ts";
import { canonicalJson, GENESIS_HASH, settlementHash } from "../index/chain.ts";
import { findContract } from "../index/index.ts";
import type { ContractBook } from "../schemas/contract.ts";
import type { SettlementDraft, SettlementRecord } from "../schemas/settlement.ts";
import { finalDraft, settleAsOf } from "./settle.ts";
import { splitSignature, verifySignature } from "./signing.ts";

export interface SettlementVerifyReport {
  settlementsChecked: number;
  settlementsRecomputed: number;
}

const label = (s: SettlementRecord) => `settlement #${s.id} (${s.contract} ${s.month} rev ${s.revision})`;

/** The draft part of a stored record (what the freeze job computed). */
function draftOf(s: SettlementRecord): SettlementDraft {
  const { id: _id, revision: _r, publishedAt: _p, prevHash: _h, hash: _x, signature: _s, ...draft } = s;
  return draft;
}

/** The first field where the recomputation differs from the record, or null. */
function differs(published: SettlementDraft, again: SettlementDraft): string | null {
  for (const key of Object.keys({ ...published, ...again }) as (keyof SettlementDraft)[]) {
    const a = canonicalJson(published[key] ?? null);
    const b = canonicalJson(again[key] ?? null);
    if (a !== b) return `recomputed ${key} differs: published ${a.slice(0, 200)}, recomputed ${b.slice(0, 200)}`;
  }
  return null;
}

/**
 * Walk the settlement chain in publication order: prev_hash links, content hashes, signatures and the indexed
 * columns. With the contract book of the record's terms version, recompute each final from the fixings as
 * published at its cut-off (and the previous final stored by then); a record under other terms is chain-checked only.
 */
export async function verifySettlements(store: ReadStore, book: ContractBook | undefined, publicKeys: Map<string, string>, problem: (row: string, text: string) => void): Promise<SettlementVerifyReport> {
  const report: SettlementVerifyReport = { settlementsChecked: 0, settlementsRecomputed: 0 };
  let prevHash = GENESIS_HASH;
  for await (const s of store.iterateSettlementChain()) {
    report.settlementsChecked++;
    const { id: _id, hash, signature, columnMismatch, ...content } = s;
    if (columnMismatch) problem(label(s), `stored columns disagree with the published record: ${columnMismatch.join(", ")} (the row was altered)`);
    if (s.prevHash !== prevHash) problem(label(s), `settlement chain broken: prev_hash ${s.prevHash.slice(0, 12)}… but the previous record hashes to ${prevHash.slice(0, 12)}…`);
    if (settlementHash(content) !== hash) problem(label(s), "content does not match its hash (the record was altered)");
    const key = publicKeys.get(splitSignature(signature).keyId);
    if (!key) problem(label(s), `signed by unknown key ${splitSignature(signature).keyId}`);
    else if (!verifySignature(key, hash, signature)) problem(label(s), "signature does not verify");
    prevHash = hash;
    if (!book || book.version !== s.termsVersion) continue;
    const spec = findContract(book, s.contract);
    if (!spec) {
      problem(label(s), `no contract on ${s.contract} in contracts ${book.version}`);
      continue;
    }
    const { result, previous } = await settleAsOf(store, book, spec, s.month, s.cutoff);
    report.settlementsRecomputed++;
    const mismatch = differs(draftOf(s), finalDraft(book, spec, result, previous, s.cutoff));
    if (mismatch) problem(label(s), mismatch);
  }
  return report;
}
