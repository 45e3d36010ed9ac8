// canonicalProvider: one id per provider however a source spells it, with its tier.
import { describe, expect, it } from "vitest";
import { canonicalProvider } from "../../src/normalize/hardware/index.ts";

const CASES: [string, string, string][] = [
  ["vast.ai", "vastai", "marketplace"], ["vast", "vastai", "marketplace"], ["vastai", "vastai", "marketplace"], ["vast-ai", "vastai", "marketplace"],
  ["aws", "aws", "hyperscaler"], ["amazon", "aws", "hyperscaler"], ["AWS EC2", "aws", "hyperscaler"],
  ["Microsoft Azure", "azure", "hyperscaler"], ["azure", "azure", "hyperscaler"],
  ["gcp", "gcp", "hyperscaler"], ["google", "gcp", "hyperscaler"], ["GCP", "gcp", "hyperscaler"],
  ["OCI", "oracle", "hyperscaler"], ["oracle", "oracle", "hyperscaler"],
  ["lambda", "lambda", "neocloud"], ["lambda labs", "lambda", "neocloud"], ["lambdalabs", "lambda", "neocloud"],
  ["massed compute", "massedcompute", "neocloud"], ["massedcompute", "massedcompute", "neocloud"],
  ["coreweave", "coreweave", "neocloud"], ["nebius", "nebius", "neocloud"], ["crusoecloud", "crusoe", "neocloud"],
  ["together", "together", "neocloud"], ["datacrunch", "verda", "neocloud"], ["thunder", "thundercompute", "neocloud"],
  ["RunPod", "runpod", "neocloud"], ["runpod community", "runpod", "marketplace"],
  ["primeintellect", "primeintellect", "marketplace"], ["Prime Intellect", "primeintellect", "marketplace"],
  ["tensordock", "tensordock", "marketplace"], ["jarvis-labs", "jarvislabs", "neocloud"],
];

describe("canonicalProvider", () => {
  it.each(CASES)("%s -> %s (%s)", (raw, id, tier) => {
    expect(canonicalProvider(raw)).toEqual({ id, tier });
  });

  it("is idempotent on canonical ids", () => {
    for (const [, id, tier] of CASES.filter(([raw]) => raw !== "runpod community")) expect(canonicalProvider(id)).toEqual({ id, tier });
  });

  it("slugifies unknown providers with tier unknown", () => {
    expect(canonicalProvider("DC Roan (EU)")).toEqual({ id: "dc-roan-eu", tier: "unknown" });
  });

  it("gives token tiers when asked", () => {
    expect(canonicalProvider("together", "token")).toEqual({ id: "together", tier: "inference_api" });
    expect(canonicalProvider("OpenAI", "token")).toEqual({ id: "openai", tier: "first_party" });
    expect(canonicalProvider("aws", "token")).toEqual({ id: "aws", tier: "hyperscaler" });
  });
});
