// Builders of valid observations and fixing drafts for tests.
import type { NewObservation } from "../../src/schemas/observation.ts";
import type { FixingDraft } from "../../src/schemas/fixing.ts";
import type { SettlementDraft } from "../../src/schemas/settlement.ts";

export function gpuObservation(over: Partial<NewObservation> = {}): NewObservation {
  return {
    captureId: null,
    source: "test",
    provider: "lambda",
    kind: "gpu",
    product: "h100-sxm-80gb",
    rawName: "gpu_8x_h100_sxm5",
    metric: "gpu_hour",
    quantization: null,
    term: "on_demand",
    region: "us-east-1",
    providerTier: "neocloud",
    unit: "USD/GPU-hour",
    currency: "USD",
    price: "2.99",
    observedAt: "2026-05-01T12:00:00.000Z",
    tier: "list_price",
    volume: null,
    attrs: {},
    ...over,
  };
}

export function fixingDraft(over: Partial<FixingDraft> = {}): FixingDraft {
  return {
    indexCode: "GPU-H100SXM-OD",
    fixingDate: "2026-05-01",
    fixingTime: "2026-05-01T16:00:00.000Z",
    status: "final",
    methodologyVersion: "1.0.0",
    value: "2.9900",
    unit: "USD/GPU-hour",
    currency: "USD",
    observationCount: 1,
    providerCount: 1,
    volume: null,
    distribution: null,
    inputTier: "list_price",
    estimator: "median",
    exclusions: [],
    inputs: [],
    inputsDigest: "0".repeat(64),
    note: null,
    ...over,
  };
}

/** A final settlement draft of GPU-H100SXM-OD 2026-12 (the shape the freeze job stores). */
export function settlementDraft(over: Partial<SettlementDraft> = {}): SettlementDraft {
  return {
    contract: "GPU-H100SXM-OD",
    indexCode: "GPU-H100SXM-OD",
    month: "2026-12",
    state: "final",
    value: "2.4000",
    method: "mean",
    basis: "mean of 31 days (31 computed, 0 carried) of 31",
    coverage: { calendarDays: 31, daysElapsed: 31, computedDays: 31, carriedDays: 0, carriedCounted: 0, excludedDays: 0, share: "1.0000", requiredComputedDays: 25, met: true, attainable: true },
    days: [{ fixingDate: "2026-12-01", kind: "computed", counted: true, value: "2.4000", status: "final", revision: 1, hash: "h", reason: null }],
    methodologyVersions: ["1.0.0"],
    termsVersion: "1.0.0",
    unit: "GPU-hour",
    multiplier: 1000,
    currency: "USD",
    freezeAt: "2027-01-05T16:00:00.000Z",
    cutoff: "2027-01-05T16:00:00.000Z",
    freezeMoves: 0,
    previousFinal: null,
    ...over,
  };
}
