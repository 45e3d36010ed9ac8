// Which observations may enter a fixing, and why each other candidate was excluded.
import type { Observation } from "../schemas/observation.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { Exclusion } from "../schemas/fixing.ts";
import type { FixingStatus } from "../schemas/fixing.ts";
import { decOrNull } from "../normalize/money.ts";
import type { FixingSchedule } from "./schedule.ts";
import { groupBy, seriesKey } from "./series.ts";

const HOUR_MS = 3_600_000;

/** Whether `obs` describes the measured thing at all (product, term or metric, tier scope, currency). */
export function isCandidate(def: IndexDefinition, obs: Observation): boolean {
  if (obs.kind !== def.product.kind || obs.currency !== def.currency) return false;
  const product = def.product;
  if (product.kind === "gpu") {
    return (
      obs.metric === "gpu_hour" &&
      product.classIds.includes(obs.product) &&
      obs.term === product.term &&
      (product.providerTiers === undefined || product.providerTiers.includes(obs.providerTier))
    );
  }
  return (
    product.models.includes(obs.product) &&
    obs.metric === product.metric &&
    (product.providerTiers === undefined || product.providerTiers.includes(obs.providerTier))
  );
}

function quarantineReason(obs: Observation): string | null {
  const flag = obs.attrs["quarantined"];
  if (!flag) return null;
  const why = obs.attrs["quarantineReason"];
  return `quarantined${typeof why === "string" && why !== "" ? `: ${why}` : typeof flag === "string" ? `: ${flag}` : ""}`;
}

/**
 * Whether `obs` was observed inside the window (both ends included). Observations outside it are not
 * inputs of this fixing and are not listed: the record must not depend on how much history was passed.
 */
export function inWindow(obs: Observation, schedule: FixingSchedule): boolean {
  const at = Date.parse(obs.observedAt);
  return at >= Date.parse(schedule.windowStart) && at <= Date.parse(schedule.windowEnd);
}

/** The first rule a candidate breaks, or null when it is eligible (staleness is checked per series later). */
export function exclusionReason(def: IndexDefinition, obs: Observation, status: FixingStatus): string | null {
  const quarantined = quarantineReason(obs);
  if (quarantined) return quarantined;
  if (!def.eligibleTiers.includes(obs.tier)) return `tier not eligible: ${obs.tier}`;
  if (obs.tier === "historical_import" && status !== "back-calculated") return "tier not eligible: historical_import is used in back-calculation only";
  if (obs.tier === "carried_forward") return "tier not eligible: carried_forward values are never inputs";
  const product = def.product;
  // Callers normally drop out-of-scope tiers as non-candidates; a direct caller still gets a reason.
  if (product.providerTiers && !product.providerTiers.includes(obs.providerTier)) return `provider tier not in scope: ${obs.providerTier}`;
  const variant = obs.attrs["variant"];
  if (product.kind === "token" && typeof variant === "string" && variant !== "" && variant !== "standard") {
    return `variant not eligible: ${variant} (indices measure standard real-time serving)`;
  }
  if (product.kind === "token" && product.quantizations && !product.quantizations.includes(obs.quantization ?? "unknown")) {
    return `quantization not eligible: ${obs.quantization ?? "unknown"}`;
  }
  if (obs.unit !== def.unit) return `unit mismatch: ${obs.unit}, index is ${def.unit}`;
  const price = decOrNull(obs.price);
  if (price === null || !price.greaterThan(0)) return `non-positive price: ${obs.price}`;
  return null;
}

export interface Eligibility {
  eligible: Observation[];
  exclusions: Exclusion[];
}

/**
 * Candidates that pass every rule. A series (provider x SKU) whose latest eligible snapshot is older than
 * stalenessHours before the fixing is excluded whole: the provider no longer shows that price.
 */
export function selectEligible(def: IndexDefinition, observations: readonly Observation[], schedule: FixingSchedule, status: FixingStatus): Eligibility {
  const exclusions: Exclusion[] = [];
  const passed: Observation[] = [];
  for (const obs of observations) {
    if (!isCandidate(def, obs) || !inWindow(obs, schedule)) continue;
    const reason = exclusionReason(def, obs, status);
    if (reason) exclusions.push({ observationId: obs.id, provider: obs.provider, reason });
    else passed.push(obs);
  }
  // Imported history holds one snapshot a day: in back-calculation the whole window counts as fresh.
  const stalenessHours = status === "back-calculated" ? Math.max(def.fixing.stalenessHours, def.fixing.windowHours) : def.fixing.stalenessHours;
  const staleBefore = Date.parse(schedule.fixingTime) - Math.round(stalenessHours * HOUR_MS);
  const eligible: Observation[] = [];
  for (const list of groupBy(passed, seriesKey).values()) {
    const last = list.reduce((a, b) => (Date.parse(b.observedAt) > Date.parse(a.observedAt) ? b : a));
    if (Date.parse(last.observedAt) >= staleBefore) {
      eligible.push(...list);
      continue;
    }
    const reason = `stale: series last observed ${last.observedAt}, more than ${stalenessHours}h before the fixing`;
    for (const obs of list) exclusions.push({ observationId: obs.id, provider: obs.provider, reason });
  }
  eligible.sort((a, b) => a.id - b.id);
  return { eligible, exclusions };
}
