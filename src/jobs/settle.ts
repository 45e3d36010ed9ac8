// The settlement freeze: at the freeze time of each business day, store the final record of every contract month due.
import type { ReadStore, Store } from "../db/index.ts";
import { contractStatus, firstSettleableMonth, freezeTime, isBusinessDay, monthDates, settleContractMonth, type ContractSettlement } from "../index/index.ts";
import type { ContractBook, ContractSpec } from "../schemas/contract.ts";
import type { SettlementDraft, SettlementRecord } from "../schemas/settlement.ts";
import { addDays } from "./fix.ts";
import type { Signer } from "./signing.ts";

export interface SettleDeps {
  store: Store;
  signer: Pick<Signer, "sign">;
  book: ContractBook;
  now: () => Date;
}

export interface FreezeOutcome {
  contract: string;
  month: string;
  record: SettlementRecord;
  /** false when the month already had its final (nothing new was written). */
  published: boolean;
}

/** "YYYY-MM" shifted by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/**
 * The month's settlement from the store as published at `cutoff`: its fixings (latest revision of each date
 * published by then) and the previous month's final stored by then, for the second fallback step.
 */
export async function settleAsOf(store: ReadStore, book: ContractBook, spec: ContractSpec, month: string, cutoff: string): Promise<{ result: ContractSettlement; previous: SettlementRecord | null }> {
  const dates = monthDates(month);
  const fixings = await store.fixingHistory(spec.index, { from: dates[0], to: dates[dates.length - 1], asOf: cutoff });
  const previous = await store.latestSettlement(spec.index, addMonths(month, -1), cutoff);
  const result = settleContractMonth({ book, spec, month, fixings, now: cutoff, previousFinal: previous?.value ?? null });
  return { result, previous };
}

/** Business days after the scheduled freeze's date up to the cut-off's date (0: frozen on time). */
export function freezeMoves(book: ContractBook, freezeAt: string, cutoff: string): number {
  let moves = 0;
  for (let d = addDays(freezeAt.slice(0, 10), 1); d <= cutoff.slice(0, 10); d = addDays(d, 1)) if (isBusinessDay(book, d)) moves++;
  return moves;
}

export function finalDraft(book: ContractBook, spec: ContractSpec, s: ContractSettlement, previous: SettlementRecord | null, cutoff: string): SettlementDraft {
  return {
    contract: spec.index,
    indexCode: spec.index,
    month: s.month,
    state: "final",
    value: s.value,
    method: s.method,
    basis: s.basis,
    coverage: s.coverage,
    days: s.days,
    methodologyVersions: s.methodologyVersions,
    termsVersion: s.termsVersion,
    unit: spec.unit,
    multiplier: spec.multiplier,
    currency: spec.currency,
    freezeAt: s.freezeAt,
    cutoff,
    freezeMoves: freezeMoves(book, s.freezeAt, cutoff),
    previousFinal: previous ? { month: previous.month, value: previous.value, hash: previous.hash } : null,
  };
}

/**
 * Contract months of `spec` whose scheduled freeze has come by `now` and which may settle (not shadow), oldest
 * first, from the first settleable month and never one frozen before `since` (the install's first live start:
 * an install does not settle months it never published).
 */
export function dueMonths(book: ContractBook, spec: ContractSpec, now: string, since: string | null): string[] {
  const out: string[] = [];
  for (let month = firstSettleableMonth(spec); month <= now.slice(0, 7); month = addMonths(month, 1)) {
    const freezeAt = freezeTime(book, month);
    if (freezeAt > now) break;
    if (since !== null && freezeAt < since) continue;
    if (contractStatus(spec, month) === "settleable") out.push(month);
  }
  return out;
}

/**
 * Store the final settlement of every contract month whose freeze has come and that has none: on a business
 * day at the freeze time, from the fixings as published now. A freeze the publisher missed (down at the time)
 * moves to this run, the next business day it runs at the freeze time (contracts.md, "Disruption events"), and
 * the record counts the moves. Idempotent: the store writes a month's final once (ifAbsent).
 */
export async function freezeSettlements(deps: SettleDeps, since: string | null = null): Promise<FreezeOutcome[]> {
  const cutoff = deps.now().toISOString();
  if (!isBusinessDay(deps.book, cutoff.slice(0, 10))) return [];
  const out: FreezeOutcome[] = [];
  for (const spec of deps.book.contracts) {
    for (const month of dueMonths(deps.book, spec, cutoff, since)) {
      const existing = await deps.store.latestSettlement(spec.index, month);
      if (existing) continue;
      const { result, previous } = await settleAsOf(deps.store, deps.book, spec, month, cutoff);
      const record = await deps.store.appendSettlement(finalDraft(deps.book, spec, result, previous, cutoff), { publishedAt: cutoff, sign: deps.signer.sign, ifAbsent: true });
      out.push({ contract: spec.index, month, record, published: record.publishedAt === cutoff });
    }
  }
  return out;
}
