// Fallback waterfall when the sufficiency gate fails: carry the prior value for a limited time, else no value.
import type { Fixing } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { InputTier } from "../schemas/quote.ts";
import { parseIsoDate } from "./schedule.ts";

const DAY_MS = 86_400_000;
const CARRIED = /carried forward from the fixing of (\d{4}-\d{2}-\d{2})/;

export interface FallbackOutcome {
  value: string | null;
  inputTier: InputTier | null;
  note: string;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

/** Date of the last computed value behind `prior`: its own date, or the date its note says it carries. */
export function carriedSince(prior: Fixing): string {
  if (prior.status !== "fallback") return prior.fixingDate;
  return CARRIED.exec(prior.note ?? "")?.[1] ?? prior.fixingDate;
}

/** The gate's message: what was there and what the methodology requires. */
export function shortfallNote(def: IndexDefinition, providers: number, observations: number): string {
  const { minProviders, minObservations } = def.sufficiency;
  return (
    `insufficient data: ${providers} providers and ${observations} observations after exclusions ` +
    `(minimum ${minProviders} providers, ${minObservations} observations)`
  );
}

/** Second and third steps of the waterfall: prior value carried while young enough, else no value. */
export function fallbackOutcome(def: IndexDefinition, fixingDate: string, prior: Fixing | null, shortfall: string): FallbackOutcome {
  if (prior !== null && prior.indexCode !== def.code) throw new Error(`prior fixing is of ${prior.indexCode}, not ${def.code}`);
  if (prior !== null && prior.fixingDate >= fixingDate) throw new Error(`prior fixing ${prior.fixingDate} is not before ${fixingDate}`);
  if (prior === null || prior.value === null) return { value: null, inputTier: null, note: `${shortfall}; no value: no prior value to carry` };
  const since = carriedSince(prior);
  const age = daysBetween(since, fixingDate);
  const max = def.fallback.carryPriorMaxDays;
  if (age > max) {
    return { value: null, inputTier: null, note: `${shortfall}; no value: the last computed value (${since}) is ${age} days old, more than the ${max} days a value may be carried` };
  }
  return { value: prior.value, inputTier: "carried_forward", note: `${shortfall}; value carried forward from the fixing of ${since} (day ${age} of at most ${max})` };
}
