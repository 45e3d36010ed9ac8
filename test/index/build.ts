// Test builders: full Observations from the few fields a test cares about, matching an index definition.
import type { Fixing } from "../../src/schemas/fixing.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";
import type { Observation } from "../../src/schemas/observation.ts";

export interface MiniObservation {
  id: number;
  provider: string;
  price: string;
  observedAt: string;
  sku?: string;
  region?: string | null;
  tier?: Observation["tier"];
  volume?: string | null;
  quantization?: string | null;
  providerTier?: Observation["providerTier"];
  quarantined?: boolean | string;
  variant?: string;
  product?: string;
}

/** An Observation of the product `def` measures, with the given fields. */
export function observation(def: IndexDefinition, mini: MiniObservation): Observation {
  const gpu = def.product.kind === "gpu" ? def.product : null;
  const token = def.product.kind === "token" ? def.product : null;
  const product = mini.product ?? (gpu ? gpu.classIds[0]! : token!.models[0]!);
  const attrs: Record<string, unknown> = {};
  if (mini.sku !== undefined) attrs["sku"] = mini.sku;
  if (mini.quarantined !== undefined) attrs["quarantined"] = mini.quarantined;
  if (mini.variant !== undefined) attrs["variant"] = mini.variant;
  return {
    id: mini.id,
    captureId: 1,
    source: "test",
    provider: mini.provider,
    kind: def.product.kind,
    product,
    rawName: mini.sku ?? product,
    metric: token ? token.metric : "gpu_hour",
    quantization: mini.quantization ?? (token ? "fp8" : null),
    term: gpu ? gpu.term : null,
    region: mini.region ?? null,
    providerTier: mini.providerTier ?? (gpu ? gpu.providerTiers?.[0] ?? "neocloud" : token!.providerTiers?.[0] ?? "inference_api"),
    unit: def.unit,
    currency: def.currency,
    price: mini.price,
    observedAt: mini.observedAt,
    tier: mini.tier ?? "list_price",
    volume: mini.volume ?? null,
    attrs,
  };
}

/** A published fixing with the given date, value and status (other fields filled plausibly). */
export function priorFixing(def: IndexDefinition, fields: { fixingDate: string; value: string | null; status?: Fixing["status"]; note?: string | null }): Fixing {
  return {
    indexCode: def.code,
    fixingDate: fields.fixingDate,
    fixingTime: `${fields.fixingDate}T16:00:00.000Z`,
    status: fields.status ?? "final",
    methodologyVersion: "1.0.0",
    value: fields.value,
    unit: def.unit,
    currency: def.currency,
    observationCount: 3,
    providerCount: 3,
    volume: null,
    distribution: null,
    inputTier: "list_price",
    estimator: "median",
    exclusions: [],
    inputs: [],
    inputsDigest: "0".repeat(64),
    note: fields.note ?? null,
    id: 1,
    revision: 1,
    publishedAt: `${fields.fixingDate}T16:05:00.000Z`,
    prevHash: "",
    hash: "h",
    signature: "s",
  };
}
