// Window averaging: one price per provider x SKU series, then one voice per provider.
import type { Observation } from "../schemas/observation.ts";
import type { InputTier } from "../schemas/quote.ts";
import { dec } from "../normalize/money.ts";
import type { Dec } from "../normalize/money.ts";
import { mean, median } from "./stats.ts";
import { weakestTier } from "./tiers.ts";

/** One provider's SKU, time-averaged over the window. */
export interface SeriesPoint {
  provider: string;
  series: string;
  price: Dec;
  volume: Dec | null;
  tier: InputTier;
  observationIds: number[];
}

/** One provider's single voice: the median of its series. */
export interface ProviderPoint {
  provider: string;
  price: Dec;
  volume: Dec | null;
  tier: InputTier;
  observationIds: number[];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** provider | SKU (attrs.sku, else attrs.endpointId, else rawName) | region | quantization. */
export function seriesKey(obs: Observation): string {
  const sku = text(obs.attrs["sku"]) ?? text(obs.attrs["endpointId"]) ?? obs.rawName;
  return [obs.provider, sku, obs.region ?? "", obs.quantization ?? ""].join("|");
}

/** Group by a key, keeping first-seen order of keys. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Mean of each series' snapshots in the window (each snapshot counts once), sorted by series key. */
export function averageSeries(observations: readonly Observation[]): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const [series, obs] of groupBy(observations, seriesKey)) {
    const volumes = obs.map((o) => o.volume).filter((v): v is string => v !== null);
    points.push({
      provider: obs[0]!.provider,
      series,
      price: mean(obs.map((o) => dec(o.price))),
      volume: volumes.length > 0 ? mean(volumes.map((v) => dec(v))) : null,
      tier: weakestTier(obs.map((o) => o.tier))!,
      observationIds: obs.map((o) => o.id).sort((a, b) => a - b),
    });
  }
  return points.sort((a, b) => byText(a.series, b.series));
}

/**
 * Median of each provider's series, so a provider listing many SKUs still has one voice. Volume is the
 * largest series volume: sources publish volume per provider and attach it to every SKU, so a sum would
 * count it several times.
 */
export function collapseProviders(series: readonly SeriesPoint[]): ProviderPoint[] {
  const points: ProviderPoint[] = [];
  for (const [provider, list] of groupBy(series, (s) => s.provider)) {
    const volumes = list.map((s) => s.volume).filter((v): v is Dec => v !== null);
    points.push({
      provider,
      price: median(list.map((s) => s.price)),
      volume: volumes.length > 0 ? volumes.reduce((a, b) => (b.greaterThan(a) ? b : a)) : null,
      tier: weakestTier(list.map((s) => s.tier))!,
      observationIds: list.flatMap((s) => s.observationIds).sort((a, b) => a - b),
    });
  }
  return points.sort((a, b) => a.price.comparedTo(b.price) || byText(a.provider, b.provider));
}
