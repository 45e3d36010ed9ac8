// The figures of the annual methodology review (governance/oversight.md): per series, how it published over a period.
import type { ReadStore } from "../db/index.ts";
import type { Fixing } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";

export interface SeriesReview {
  index: string;
  /** Calendar days of the period with a publication (latest revision). */
  published: number;
  computed: number;
  carried: number;
  noValue: number;
  backCalculated: number;
  /** Dates whose latest revision is a correction (revision > 1). */
  corrected: number;
  /** Provider counts of the computed days: smallest, median, and the series' gate. */
  providersMin: number | null;
  providersMedian: number | null;
  minProviders: number;
  /** Computed days by input tier (the weakest tier each value rested on). */
  tiers: Record<string, number>;
}

const live = (f: Fixing) => f.status !== "back-calculated" && f.calculation !== "back-calculated";

export function reviewSeries(def: IndexDefinition, fixings: readonly Fixing[]): SeriesReview {
  const computed = fixings.filter((f) => live(f) && (f.status === "final" || f.status === "republished") && f.value !== null);
  const providers = computed.map((f) => f.providerCount).sort((a, b) => a - b);
  const tiers: Record<string, number> = {};
  for (const f of computed) tiers[f.inputTier ?? "none"] = (tiers[f.inputTier ?? "none"] ?? 0) + 1;
  return {
    index: def.code,
    published: fixings.length,
    computed: computed.length,
    carried: fixings.filter((f) => live(f) && f.status === "fallback" && f.value !== null).length,
    noValue: fixings.filter((f) => live(f) && f.value === null).length,
    backCalculated: fixings.filter((f) => !live(f)).length,
    corrected: fixings.filter((f) => f.revision > 1).length,
    providersMin: providers[0] ?? null,
    providersMedian: providers.length ? providers[Math.floor((providers.length - 1) / 2)]! : null,
    minProviders: def.sufficiency.minProviders,
    tiers,
  };
}

export async function reviewPeriod(store: ReadStore, defs: readonly IndexDefinition[], from: string, to: string): Promise<SeriesReview[]> {
  const out: SeriesReview[] = [];
  for (const def of defs) out.push(reviewSeries(def, await store.fixingHistory(def.code, { from, to })));
  return out;
}

/** The review as a Markdown table, to be filed with the review record. */
export function reviewMarkdown(rows: readonly SeriesReview[], from: string, to: string): string {
  const head = "| index | published | computed | carried | no value | back-calculated | corrected | providers min / median (gate) | tiers of computed days |";
  const lines = rows.map((r) =>
    [r.index, r.published, r.computed, r.carried, r.noValue, r.backCalculated, r.corrected, r.providersMin === null ? "–" : `${r.providersMin} / ${r.providersMedian} (${r.minProviders})`, Object.entries(r.tiers).map(([t, n]) => `${t} ${n}`).join(", ") || "–"].join(" | "),
  );
  return [`Publication of every series, ${from} to ${to} (latest revision per date).`, "", head, "|---|---|---|---|---|---|---|---|---|", ...lines.map((l) => `| ${l} |`)].join("\n");
}
