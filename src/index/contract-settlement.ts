// Contract settlement of one month: coverage rule, carried-day limit, published fallback, provisional vs final.
import type { ContractBook, ContractSpec } from "../schemas/contract.ts";
import type { Fixing } from "../schemas/fixing.ts";
import type { SettlementCoverage, SettlementDay, SettlementDraft } from "../schemas/settlement.ts";
import { dec, roundTo } from "../normalize/money.ts";
import { contractStatus, freezeTime } from "./contracts.ts";
import { latestRevisions, monthDates } from "./settlement.ts";
import { mean } from "./stats.ts";

/** How one calendar day of the contract month counts. */
export type DayKind = SettlementDay["kind"];
export type ContractDay = SettlementDay;
export type SettlementMethod = SettlementDraft["method"];
/** Days counted, coverage so far, the rule's threshold and whether the rest of the month can still meet it. */
export type Coverage = SettlementCoverage;

export interface ContractSettlement {
  contract: string;
  indexCode: string;
  month: string;
  /** shadow: the series is in its trial period and never settles; provisional: before the freeze; due: freeze passed. */
  stage: "shadow" | "provisional" | "due";
  freezeAt: string;
  value: string | null;
  method: SettlementMethod;
  /** Why the method was chosen, in a sentence. */
  basis: string;
  coverage: Coverage;
  days: ContractDay[];
  methodologyVersions: string[];
  termsVersion: string;
}

function classify(f: Fixing | undefined, date: string, today: string): Omit<ContractDay, "counted" | "fixingDate"> {
  const base = { value: f?.value ?? null, status: f?.status ?? null, revision: f?.revision ?? null, hash: f?.hash ?? null };
  const excluded = (reason: string) => ({ ...base, kind: "excluded" as const, reason });
  if (!f) return excluded(date > today ? "not yet fixed" : "no fixing published");
  if (f.status === "back-calculated" || f.calculation === "back-calculated") return excluded("back-calculated: reconstructed history does not settle contracts");
  if (f.status === "provisional") return excluded("provisional: not yet final");
  if (f.value === null) return excluded(`fallback without a value: ${f.note ?? "no value published"}`);
  if (f.status === "fallback") return { ...base, kind: "carried", reason: f.note };
  if (f.status === "final" || f.status === "republished") return { ...base, kind: "computed", reason: null };
  return excluded(`status ${f.status} does not settle`);
}

export interface SettleInput {
  book: ContractBook;
  spec: ContractSpec;
  month: string;
  /** The month's fixings as published at the cut-off (the freeze, or now while provisional). */
  fixings: readonly Fixing[];
  /** The current time: before the freeze the result is provisional. */
  now: string;
  /** The previous month's final settlement value, for the second fallback step. */
  previousFinal: string | null;
}

/**
 * Final settlement value = arithmetic mean of the month's computed fixings and at most `maxCarriedDays`
 * carried ones, rounded as the contract states, when computed days cover at least `minComputedShare` of the
 * calendar days. Below it the published fallback: the last computed fixing of the month, else the previous
 * month's final settlement, else no value (the cessation and determination procedure applies).
 */
export function settleContractMonth(input: SettleInput): ContractSettlement {
  const { book, spec, month } = input;
  const dates = monthDates(month);
  const today = input.now.slice(0, 10);
  const latest = latestRevisions(input.fixings.filter((f) => f.indexCode === spec.index && f.fixingDate.startsWith(`${month}-`)));
  let carriedCounted = 0;
  const days: ContractDay[] = dates.map((date) => {
    const c = classify(latest.get(date), date, today);
    if (c.kind !== "carried") return { fixingDate: date, ...c, counted: c.kind === "computed" };
    if (carriedCounted < book.terms.maxCarriedDays) {
      carriedCounted++;
      return { fixingDate: date, ...c, counted: true };
    }
    return { fixingDate: date, ...c, kind: "carried_over_limit", counted: false, reason: `more than ${book.terms.maxCarriedDays} carried days in the month: skipped` };
  });
  const computed = days.filter((d) => d.kind === "computed");
  const required = Math.ceil(book.terms.coverage.minComputedShare * dates.length - 1e-9);
  const remaining = dates.filter((d) => d > today).length;
  const coverage: Coverage = {
    calendarDays: dates.length,
    daysElapsed: dates.length - remaining,
    computedDays: computed.length,
    carriedDays: days.filter((d) => d.kind === "carried" || d.kind === "carried_over_limit").length,
    carriedCounted,
    excludedDays: days.filter((d) => d.kind === "excluded").length,
    share: roundTo(dec(computed.length).div(dates.length), 4, "half_even"),
    requiredComputedDays: required,
    met: computed.length >= required,
    attainable: computed.length + remaining >= required,
  };
  const round = (v: string) => roundTo(dec(v), spec.rounding.decimals, spec.rounding.mode);
  let value: string | null = null;
  let method: SettlementMethod = "none";
  let basis: string;
  const freezeAt = freezeTime(book, month);
  const counted = days.filter((d) => d.counted && d.value !== null);
  // Before the freeze, while the rule can still be met, the value so far is the mean so far.
  const meanSoFar = !coverage.met && input.now < freezeAt && coverage.attainable && counted.length > 0;
  if (coverage.met || meanSoFar) {
    value = roundTo(mean(counted.map((d) => dec(d.value!))), spec.rounding.decimals, spec.rounding.mode);
    method = "mean";
    basis = `mean of ${counted.length} days (${computed.length} computed, ${carriedCounted} carried) of ${dates.length}`;
    if (meanSoFar) basis += ` so far: the rule asks for ${required} computed days, ${required - computed.length} more can still come before the month ends`;
  } else {
    const lastComputed = computed[computed.length - 1];
    const shortfall = `${computed.length} computed days of ${dates.length}, the rule asks for ${required}`;
    if (lastComputed) {
      value = round(lastComputed.value!);
      method = "fallback_last_computed";
      basis = `coverage rule not met (${shortfall}): the last computed fixing of the month (${lastComputed.fixingDate})`;
    } else if (input.previousFinal !== null) {
      value = round(input.previousFinal);
      method = "fallback_previous_settlement";
      basis = `coverage rule not met (${shortfall}) and no computed fixing in the month: the previous month's final settlement`;
    } else {
      basis = `coverage rule not met (${shortfall}), no computed fixing and no previous settlement: no value; the determination procedure applies (contracts.md, cessation)`;
    }
  }
  const stage = contractStatus(spec, month) === "shadow" ? "shadow" : input.now >= freezeAt ? "due" : "provisional";
  const versions = new Set<string>();
  for (const d of days) if (d.counted) versions.add(latest.get(d.fixingDate)!.methodologyVersion);
  return { contract: spec.index, indexCode: spec.index, month, stage, freezeAt, value, method, basis, coverage, days, methodologyVersions: [...versions].sort(), termsVersion: book.version };
}
