// GPU 2.x constituents: the basis filter, the source dataset, the voice (parent company) and one window price per series.
import type { Exclusion } from "../../schemas/fixing.ts";
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import type { Observation } from "../../schemas/observation.ts";
import type { InputTier } from "../../schemas/quote.ts";
import { dec } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { providerInfo } from "../../normalize/hardware/providers.ts";
import { displayDecimal } from "../compute.ts";
import { groupBy } from "../series.ts";
import { mean } from "../stats.ts";
import { weakestTier } from "../tiers.ts";

/** One constituent series today: provider x source dataset x SKU x region, averaged over the window. */
export interface Quote {
  key: string;
  provider: string;
  voice: string;
  dataset: string;
  price: Dec;
  tier: InputTier;
  observationIds: number[];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** GPUs per priced unit as the row states it (attrs.gpuCount, a string or a number); 1 when absent. */
export function gpuCount(obs: Observation): number {
  const n = Number(obs.attrs["gpuCount"] ?? 1);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/** A bundled node: the row says so, or it prices a configuration of more than one GPU. */
export function isBundledNode(obs: Observation): boolean {
  return obs.attrs["bundled"] === true || gpuCount(obs) > 1;
}

/**
 * The source dataset: the source id, and for an aggregated file the collector that wrote the row (the host of
 * attrs.sourceUrl), because one daily-observations file holds an aggregator's rows and first-party collectors'.
 */
export function datasetOf(obs: Observation): string {
  const url = text(obs.attrs["sourceUrl"]);
  if (url === null) return obs.source;
  try {
    return `${obs.source}@${new URL(url).host}`;
  } catch {
    return `${obs.source}@${url}`;
  }
}

/** The parent company of a provider (providers.json `parent`; aws-sagemaker is aws), else the provider itself. */
export function voiceOf(provider: string): string {
  return providerInfo(provider)?.parent ?? provider;
}

/** provider | dataset | product | SKU (attrs.sku, else the raw name) | GPUs per unit | region. */
export function constituentKey(obs: Observation): string {
  const sku = text(obs.attrs["sku"]) ?? obs.rawName;
  return [obs.provider, datasetOf(obs), obs.product, sku, String(gpuCount(obs)), obs.region ?? ""].join("|");
}

/** Why a row is outside the index basis, or null when it is inside. */
export function basisExclusion(basis: Gpu2Rules["basis"], obs: Observation): string | null {
  if (basis.regions && !basis.regions.includes(obs.region ?? "")) return `basis: region ${obs.region ?? "none"} not in ${basis.regions.join(", ")}`;
  const node = isBundledNode(obs);
  if (basis.unit === "gpu" && node) return `basis: bundled node (${gpuCount(obs)} GPUs${obs.attrs["bundled"] === true ? ", bundled" : ""}); the index prices one separable GPU`;
  if (basis.unit === "node" && (!node || gpuCount(obs) < (basis.minNodeGpus ?? 2))) return `basis: not a node of at least ${basis.minNodeGpus ?? 2} GPUs`;
  return null;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Mean of each constituent's snapshots in the window, sorted by key. */
export function windowQuotes(observations: readonly Observation[]): Quote[] {
  const quotes: Quote[] = [];
  for (const [key, list] of groupBy(observations, constituentKey)) {
    quotes.push({
      key,
      provider: list[0]!.provider,
      voice: voiceOf(list[0]!.provider),
      dataset: datasetOf(list[0]!),
      // Rounded once to the published 10 places: the base a later relative divides by is exactly this price.
      price: dec(displayDecimal(mean(list.map((o) => dec(o.price))))),
      tier: weakestTier(list.map((o) => o.tier))!,
      observationIds: list.map((o) => o.id).sort((a, b) => a - b),
    });
  }
  return quotes.sort((a, b) => byText(a.key, b.key));
}

/** Split eligible rows into those on the basis and exclusions for the others. */
export function applyBasis(basis: Gpu2Rules["basis"], observations: readonly Observation[]): { kept: Observation[]; exclusions: Exclusion[] } {
  const kept: Observation[] = [];
  const exclusions: Exclusion[] = [];
  for (const obs of observations) {
    const reason = basisExclusion(basis, obs);
    if (reason) exclusions.push({ observationId: obs.id, provider: obs.provider, reason });
    else kept.push(obs);
  }
  return { kept, exclusions };
}
