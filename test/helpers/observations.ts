// Builders of valid observations and fixing drafts for tests.
import type { NewObservation } from "../../src/schemas/observation.ts";
import type { FixingDraft } from "../../src/schemas/fixing.ts";

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
