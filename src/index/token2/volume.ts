// Traded volume as weight only: one volume per provider (sum over its endpoints) and the partial-volume rule.
import type { IndexDefinition } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import { dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { groupBy } from "../series.ts";
import { mean, sum } from "../stats.ts";

export const EFFECTIVE_METRICS = ["input_effective", "output_effective"] as const;

/** A row that carries traded volume for weights: an effective-price metric, or a 1.x-era volume row under a list metric. */
export function isVolumeRow(obs: Observation): boolean {
  if (obs.volume === null || !dec(obs.volume).greaterThan(0)) return false;
  return (EFFECTIVE_METRICS as readonly string[]).includes(obs.metric) || (obs.source === "openrouter-volume" && obs.tier === "transaction");
}

function endpointOf(obs: Observation): string {
  const id = obs.attrs["endpointId"];
  return typeof id === "string" && id !== "" ? id : `${obs.rawName}|${obs.quantization ?? ""}`;
}

/**
 * Provider volume = sum over its endpoints of each endpoint's mean volume over the window's snapshots. The input
 * and output rows of one endpoint snapshot carry the same count: one snapshot (observedAt) counts once.
 */
export function providerVolumes(rows: readonly Observation[]): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const [provider, list] of groupBy(rows, (o) => o.provider)) {
    const endpoints = [...groupBy(list, endpointOf).values()].map((obs) => {
      const snapshots = [...groupBy(obs, (o) => o.observedAt).values()].map((snap) => dec(snap[0]!.volume!));
      return mean(snapshots);
    });
    out.set(provider, sum(endpoints));
  }
  return out;
}

export interface VolumePlan {
  /** Uncapped weights, one per provider, in the order given. */
  weights: Dec[];
  /** Whether each provider's weight is an imputed (floor) volume. */
  imputed: boolean[];
  basis: "volume" | "partial_volume" | "equal";
  coverage: Dec;
  note: string | null;
}

/**
 * Partial-volume rule (2.x). coverage = providers with volume / providers. All covered: volume weights.
 * coverage >= minCoverage: providers without volume weigh the smallest observed provider volume (the floor:
 * an unseen provider is not assumed larger than any seen one). Below: equal weights, with a note.
 */
export function planVolumeWeights(rules: NonNullable<IndexDefinition["token2"]>["volume"], providers: readonly string[], volumes: ReadonlyMap<string, Dec>): VolumePlan {
  const seen = providers.map((p) => volumes.get(p) ?? null);
  const covered = seen.filter((v): v is Dec => v !== null);
  const coverage = providers.length === 0 ? dec(0) : dec(covered.length).div(providers.length);
  const equal = (note: string | null): VolumePlan => ({ weights: providers.map(() => dec(1)), imputed: providers.map(() => false), basis: "equal", coverage, note });
  if (covered.length === 0) return equal(providers.length > 0 ? "no traded volume for any provider: equal weights" : null);
  if (covered.length === providers.length) return { weights: covered, imputed: providers.map(() => false), basis: "volume", coverage, note: null };
  const missing = providers.filter((_, i) => seen[i] === null);
  if (coverage.lessThan(rules.minCoverage)) {
    return equal(`volume coverage ${covered.length}/${providers.length} below ${rules.minCoverage}: equal weights (no volume for ${missing.join(", ")})`);
  }
  const floor = covered.reduce((a, b) => (b.lessThan(a) ? b : a));
  return {
    weights: seen.map((v) => v ?? floor),
    imputed: seen.map((v) => v === null),
    basis: "partial_volume",
    coverage,
    note: `partial volume ${covered.length}/${providers.length}: floor weight (smallest observed provider volume) for ${missing.join(", ")}`,
  };
}

/**
 * Models whose traded volume the definitions use: every model of a volume-weighted token index and every
 * constituent (all reconstitutions) of a basket priced by volume-weighted medians, sorted. The volume source is collected for exactly these.
 */
export function volumeModels(indices: readonly IndexDefinition[]): string[] {
  const models = new Set<string>();
  for (const def of indices) {
    if (def.product.kind !== "token") continue;
    if (def.estimator.kind !== "volume_weighted_median") continue;
    const basket = def.token2?.basket;
    if (basket) for (const r of basket.reconstitutions) for (const c of r.constituents) models.add(c.model);
    else for (const m of def.product.models) models.add(m);
  }
  return [...models].sort();
}
