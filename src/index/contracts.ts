// Contract book: loading and checking methodology/contracts.json, the freeze calendar and the trial (shadow) rule.
import { z } from "zod";
import { ContractBook, type ContractSpec } from "../schemas/contract.ts";
import type { Methodology } from "./methodology.ts";
import { MethodologyError } from "./methodology.ts";

/** Validate contract data (any JSON value) against the methodology it refers to; throws with every problem. */
export function parseContractBook(input: unknown, methodology: Methodology): ContractBook {
  const parsed = ContractBook.safeParse(input);
  if (!parsed.success) throw new MethodologyError(`invalid methodology/contracts.json:\n${z.prettifyError(parsed.error)}`);
  const book = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of book.contracts) {
    if (seen.has(c.index)) problems.push(`${c.index}: listed twice`);
    seen.add(c.index);
    const def = methodology.indices.find((d) => d.code === c.index);
    if (!def) {
      problems.push(`${c.index}: no such index in methodology ${methodology.version}`);
      continue;
    }
    if (def.currency !== c.currency) problems.push(`${c.index}: contract currency ${c.currency}, index currency ${def.currency}`);
    if (c.rounding.decimals > def.rounding.decimals) problems.push(`${c.index}: settles to more decimals than the index publishes`);
    const minTrial = c.region === "china" ? book.terms.chinaTrialMonths : book.terms.defaultTrialMonths;
    if (c.trial.months < minTrial) problems.push(`${c.index}: trial of ${c.trial.months} months, the terms ask for at least ${minTrial}`);
    if (c.successor !== null && !methodology.indices.some((d) => d.code === c.successor)) problems.push(`${c.index}: successor ${c.successor} is not an index`);
  }
  if (problems.length > 0) throw new MethodologyError(`inconsistent methodology/contracts.json:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return book;
}

export function findContract(book: ContractBook, code: string): ContractSpec | null {
  return book.contracts.find((c) => c.index === code) ?? null;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** First day of the month after "YYYY-MM" as epoch ms (UTC). */
function nextMonthStart(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Date.UTC(y, m, 1);
}

export function isBusinessDay(book: ContractBook, date: string): boolean {
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return book.calendar.businessWeekdays.includes(weekday) && !book.calendar.holidays.includes(date);
}

/** The settlement freeze of contract month "YYYY-MM": `time` UTC on the Nth business day after the month ends. */
export function freezeTime(book: ContractBook, month: string): string {
  let ms = nextMonthStart(month);
  let counted = 0;
  for (;;) {
    if (isBusinessDay(book, isoDay(ms))) counted++;
    if (counted === book.terms.freeze.businessDaysAfterMonthEnd) break;
    ms += DAY_MS;
  }
  return `${isoDay(ms)}T${book.terms.freeze.time}:00.000Z`;
}

/** The first month that may settle: the first month beginning on or after the trial's end. */
export function firstSettleableMonth(spec: ContractSpec): string {
  const [y, m, d] = spec.trial.start.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + spec.trial.months, d));
  const startsOnFirst = end.getUTCDate() === 1;
  const first = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + (startsOnFirst ? 0 : 1), 1));
  return first.toISOString().slice(0, 7);
}

/** "shadow" while the trial runs: visible, never settles. */
export function contractStatus(spec: ContractSpec, month: string): "settleable" | "shadow" {
  return month >= firstSettleableMonth(spec) ? "settleable" : "shadow";
}

/** The months listed on `date`: the current month and the next listedMonths - 1. */
export function listedMonths(spec: ContractSpec, date: string): string[] {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return Array.from({ length: spec.listedMonths }, (_, i) => new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7));
}
