// What the index board shows per index: changes over 1, 7 and 30 days, a sparkline, a plain methodology summary.
import { dec, plain, roundTo } from "../normalize/money.ts";
import type { Fixing } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { FixingSummary } from "./views.ts";

export const CHANGE_HORIZONS = { d1: 1, d7: 7, d30: 30 } as const;

export interface ChangeView {
  since: string;
  base: string;
  change: string;
  percent: string;
}

/** Date `days` before `date` (both YYYY-MM-DD, UTC calendar). */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Change of `latest` against the last valued fixing on or before latest date - h days (h = 1, 7, 30).
 * `history` is ascending by date, one revision per date. Exact difference; percent to 2 decimals.
 */
export function changes(latest: Fixing | null, history: readonly Fixing[]): Record<keyof typeof CHANGE_HORIZONS, ChangeView | null> {
  const out = { d1: null, d7: null, d30: null } as Record<keyof typeof CHANGE_HORIZONS, ChangeView | null>;
  if (!latest || latest.value === null) return out;
  for (const [key, days] of Object.entries(CHANGE_HORIZONS) as [keyof typeof CHANGE_HORIZONS, number][]) {
    const cutoff = daysBefore(latest.fixingDate, days);
    const base = [...history].reverse().find((f) => f.fixingDate <= cutoff && f.value !== null);
    if (!base || base.value === null || dec(base.value).isZero()) continue;
    const diff = dec(latest.value).minus(dec(base.value));
    out[key] = { since: base.fixingDate, base: base.value, change: plain(diff), percent: roundTo(diff.div(dec(base.value)).times(100), 2, "half_even") };
  }
  return out;
}

/** A fixing without its (possibly long) input list, for lists and history pages. */
export function fixingSummary(f: Fixing): FixingSummary {
  const { inputs, id: _id, ...rest } = f;
  return { ...rest, inputCount: inputs.length };
}

const TERMS: Record<string, string> = { on_demand: "on-demand", spot: "spot / interruptible" };

/** The methodology of one index in plain sentences (the index page shows them; the document has the detail). */
export function methodologySummary(def: IndexDefinition): string[] {
  const p = def.product;
  const what =
    p.kind === "gpu"
      ? `Measures ${p.classIds.join(", ")} GPU-hours, ${TERMS[p.term] ?? p.term.replace("term_", "").replace("m", "-month term")}, in ${def.unit}` +
        (p.providerTiers ? `, from ${p.providerTiers.join(", ")} providers only.` : ", from every provider tier.")
      : `Measures the ${p.metric === "blended_3_1" ? "3:1 input:output blended" : p.metric} price of ${p.models.join(", ")} in ${def.unit}` +
        (p.quantizations ? `, quantizations ${p.quantizations.join(", ")}` : ", every quantization (recorded per input)") +
        (p.providerTiers ? `; ${p.providerTiers.join(", ").replace("first_party", "first-party list price")} only.` : ".");
  const est = def.estimator;
  const estimator =
    est.kind === "median" ? "the median of provider prices" : est.kind === "trimmed_mean" ? `a mean trimmed ${est.trim * 100}% per tail` : "the volume-weighted median of provider prices";
  return [
    what,
    `Fixed daily at ${def.fixing.time} ${def.fixing.timezone} from the snapshots of the previous ${def.fixing.windowHours} hours, each provider's series averaged over the window; series older than ${def.fixing.stalenessHours} hours are stale.`,
    `Eligible inputs: ${def.eligibleTiers.join(", ")}.`,
    `Needs at least ${def.sufficiency.minProviders} providers and ${def.sufficiency.minObservations} observations; no provider carries more than ${Math.round(def.concentrationCap * 100)}% of the weight.`,
    def.outliers.rule === "mad" ? `Providers more than ${def.outliers.threshold} scaled MADs from the median are excluded as outliers.` : "No outlier rule.",
    `The value is ${estimator}, rounded to ${def.rounding.decimals} decimals (${def.rounding.mode.replace("_", "-")}).`,
    def.fallback.carryPriorMaxDays > 0
      ? `Below the sufficiency gate the prior value is carried for up to ${def.fallback.carryPriorMaxDays} days (status fallback), then no value is published.`
      : "Below the sufficiency gate no value is published.",
  ];
}
