// What a manifest records of the store's chains: fixing chain summary, settlement chain summary, audit log digest.
import type { ReadStore } from "../db/index.ts";
import { canonicalJson, GENESIS_HASH, sha256Hex } from "../index/chain.ts";
import type { Fixing } from "../schemas/fixing.ts";

/** One settlement record as the manifest sees it. */
export interface SettlementLink {
  hash: string;
  contract: string;
  month: string;
  revision: number;
}

/** The settlement record chain, in chain order (the store's, or a test's). */
export type SettlementChain = () => AsyncIterable<SettlementLink>;

export function settlementChainOf(store: Pick<ReadStore, "iterateSettlementChain">): SettlementChain {
  return async function* () {
    for await (const r of store.iterateSettlementChain()) yield { hash: r.hash, contract: r.contract, month: r.month, revision: r.revision };
  };
}

export interface FixingChainSummary {
  count: number;
  head: string;
  perIndex: Map<string, { count: number; latest: Pick<Fixing, "fixingDate" | "revision" | "hash"> }>;
}

export const emptyFixingSummary = (): FixingChainSummary => ({ count: 0, head: GENESIS_HASH, perIndex: new Map() });

export function addFixing(summary: FixingChainSummary, f: Pick<Fixing, "indexCode" | "fixingDate" | "revision" | "hash">): void {
  summary.count++;
  summary.head = f.hash;
  const count = (summary.perIndex.get(f.indexCode)?.count ?? 0) + 1;
  summary.perIndex.set(f.indexCode, { count, latest: { fixingDate: f.fixingDate, revision: f.revision, hash: f.hash } });
}

export interface SettlementChainSummary {
  count: number;
  head: string;
  /** Per contract, its newest record in the chain. */
  latest: Map<string, Omit<SettlementLink, "contract">>;
}

/** The first `limit` records of the settlement chain (all of them by default), and how many there are in all. */
export async function summarizeSettlements(chain: SettlementChain, limit = Infinity): Promise<SettlementChainSummary & { total: number }> {
  const s: SettlementChainSummary & { total: number } = { count: 0, head: GENESIS_HASH, latest: new Map(), total: 0 };
  for await (const r of chain()) {
    s.total++;
    if (s.count >= limit) continue;
    s.count++;
    s.head = r.hash;
    s.latest.set(r.contract, { hash: r.hash, month: r.month, revision: r.revision });
  }
  return s;
}

/** Rolling digest of the audit log in id order: h(n) = sha256(h(n-1) + canonical JSON of entry n), h(0) = genesis. */
export async function auditDigests(store: ReadStore): Promise<string[]> {
  const entries = (await store.listAudit(1_000_000_000)).sort((a, b) => a.id - b.id);
  const digests: string[] = [];
  let head = GENESIS_HASH;
  for (const e of entries) digests.push((head = sha256Hex(head + canonicalJson(e))));
  return digests;
}

export const sortedEntries = <V>(map: Map<string, V>): [string, V][] => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
