// One contract month's settlement as the API and `cpi settle` show it: provisional, or the stored final record.
import type { ReadStore } from "../db/index.ts";
import { computeSettlement, contractStatus, findContract, firstSettleableMonth, freezeTime, monthDates } from "../index/index.ts";
import type { ContractBook, ContractSpec } from "../schemas/contract.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { Restatement, SettlementCoverage, SettlementDay, SettlementRecord } from "../schemas/settlement.ts";
import { settleAsOf } from "./settle.ts";

export interface SettlementView {
  indexCode: string;
  month: string;
  asOf: string | null;
  /** false while the month is not over. */
  complete: boolean;
  value: string | null;
  calendarDays: number;
  used: { fixingDate: string; value: string; status: NonNullable<SettlementDay["status"]>; revision: number }[];
  skipped: { fixingDate: string; reason: string }[];
  methodologyVersions: string[];
  /** final: the stored record, served whatever is restated later; provisional: computed now; not_settleable: no contract. */
  state: "provisional" | "final" | "not_settleable";
  /** shadow months never settle (trial period); due: the freeze has passed and the final is not stored yet. */
  stage: "shadow" | "provisional" | "due" | "final" | null;
  contract: { index: string; unit: string; multiplier: number; currency: string; rounding: ContractSpec["rounding"]; firstSettleableMonth: string; termsVersion: string } | null;
  freezeAt: string | null;
  method: SettlementRecord["method"] | null;
  basis: string | null;
  coverage: SettlementCoverage | null;
  computedDays: number | null;
  carriedDays: number | null;
  days: SettlementDay[];
  final: SettlementRecord | null;
  /** Restatements of the month's fixings published after the final's cut-off: listed, never applied. */
  restatementsAfterFreeze: Restatement[];
}

function usedAndSkipped(days: readonly SettlementDay[]): Pick<SettlementView, "used" | "skipped"> {
  const used: SettlementView["used"] = [];
  const skipped: SettlementView["skipped"] = [];
  for (const d of days) {
    if (d.counted && d.value !== null && d.status !== null && d.revision !== null) used.push({ fixingDate: d.fixingDate, value: d.value, status: d.status, revision: d.revision });
    else skipped.push({ fixingDate: d.fixingDate, reason: d.reason ?? d.kind });
  }
  return { used, skipped };
}

/** An index without a contract: the indicative mean of its final, republished and fallback days. */
async function indicativeView(store: ReadStore, def: IndexDefinition, month: string, now: Date, asOf: string | undefined): Promise<SettlementView> {
  const dates = monthDates(month);
  const s = computeSettlement(def, await store.fixingHistory(def.code, { from: dates[0], to: dates[dates.length - 1], asOf }), month);
  const base = { indexCode: def.code, month, asOf: asOf ?? null, complete: now.toISOString().slice(0, 10) > dates[dates.length - 1]!, value: s.value, calendarDays: s.calendarDays, used: s.used, skipped: s.skipped, methodologyVersions: s.methodologyVersions };
  return { ...base, state: "not_settleable", stage: null, contract: null, freezeAt: null, method: null, basis: null, coverage: null, computedDays: null, carriedDays: null, days: [], final: null, restatementsAfterFreeze: [] };
}

/**
 * The settlement of `def` for `month` as it stands at `asOf` (default now): the stored final once the freeze
 * has written it, else the provisional value so far (days counted, coverage so far). Restatements published
 * after the final's cut-off are listed beside it.
 */
export async function settlementView(store: ReadStore, book: ContractBook, def: IndexDefinition, month: string, now: Date, asOf?: string): Promise<SettlementView> {
  const spec = findContract(book, def.code);
  if (!spec) return indicativeView(store, def, month, now, asOf);
  const at = asOf ?? now.toISOString();
  const dates = monthDates(month);
  const final = await store.latestSettlement(spec.index, month, asOf);
  const provisional = final ? null : (await settleAsOf(store, book, spec, month, at)).result;
  const days = final?.days ?? provisional!.days;
  const coverage = final?.coverage ?? provisional!.coverage;
  const freezeAt = freezeTime(book, month);
  const restatedAfter = final?.cutoff ?? (at >= freezeAt ? freezeAt : null);
  const restatements = restatedAfter === null ? [] : await store.listRestatements({ indexCode: spec.index, from: dates[0], to: dates[dates.length - 1], restatedAfter });
  return {
    indexCode: def.code,
    month,
    asOf: asOf ?? null,
    complete: at.slice(0, 10) > dates[dates.length - 1]!,
    value: final ? final.value : provisional!.value,
    calendarDays: dates.length,
    ...usedAndSkipped(days),
    methodologyVersions: final?.methodologyVersions ?? provisional!.methodologyVersions,
    state: final ? "final" : "provisional",
    stage: final ? "final" : contractStatus(spec, month) === "shadow" ? "shadow" : provisional!.stage,
    contract: { index: spec.index, unit: spec.unit, multiplier: spec.multiplier, currency: spec.currency, rounding: spec.rounding, firstSettleableMonth: firstSettleableMonth(spec), termsVersion: book.version },
    freezeAt,
    method: final?.method ?? provisional!.method,
    basis: final?.basis ?? provisional!.basis,
    coverage,
    computedDays: coverage.computedDays,
    carriedDays: coverage.carriedDays,
    days,
    final,
    restatementsAfterFreeze: restatements.filter((r) => r.restatedAt <= at),
  };
}
