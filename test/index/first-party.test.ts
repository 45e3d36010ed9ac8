import { describe, expect, it } from "vitest";
import { computeFixing, exclusionReason, findIndex, isCandidate, loadMethodology, MethodologyError, parseMethodology } from "../../src/index/index.ts";
import data from "../../methodology/indices.json" with { type: "json" };
import { observation } from "./build.ts";

const m = loadMethodology();
// The CNY basket (2.0, several models) is tested in test/index/token2.
const LIST = m.indices.filter((d) => d.code.endsWith("-LIST") && !d.token2?.basket);
const gpt4o = findIndex(m, "TOK-GPT4O-BLEND-USD-LIST");
const at = "2026-08-08T12:00:00.000Z";

describe("first-party list-price series: definitions", () => {
  it("one model, first_party scope, a single list price; USD series blend 3:1", () => {
    expect(LIST.map((d) => d.code)).toContain("TOK-GPT4O-BLEND-USD-LIST");
    for (const def of LIST) {
      expect(def.code, def.code).toMatch(def.currency === "USD" ? /^TOK-[A-Z0-9]+-BLEND-USD-LIST$/ : /^TOK-[A-Z0-9]+-(BLEND|IN|OUT)-CNY-LIST$/);
      expect(def.product).toMatchObject({ kind: "token", providerTiers: ["first_party"] });
      if (def.product.kind === "token") expect(def.product.models).toHaveLength(1);
      expect(def).toMatchObject({
        unit: `${def.currency}/1M tokens`,
        eligibleTiers: ["list_price", "historical_import"],
        sufficiency: { minProviders: 1, minObservations: 1 },
        concentrationCap: 1,
        estimator: { kind: "median" },
      });
    }
  });

  it("only -LIST series carry a token provider-tier scope", () => {
    for (const def of m.indices) {
      if (def.product.kind !== "token") continue;
      expect(def.product.providerTiers !== undefined, def.code).toBe(def.code.endsWith("-LIST"));
    }
  });

  it("rejects an unknown provider tier in a token product", () => {
    const bad = JSON.parse(JSON.stringify(data)) as { indices: { code: string; product: Record<string, unknown> }[] };
    bad.indices.find((d) => d.code === gpt4o.code)!.product["providerTiers"] = ["vendor"];
    expect(() => parseMethodology(bad)).toThrow(MethodologyError);
  });
});

describe("first-party list-price series: eligibility", () => {
  const own = observation(gpt4o, { id: 1, provider: "openai", price: "4.375", observedAt: at });
  const cloud = observation(gpt4o, { id: 2, provider: "azure", providerTier: "hyperscaler", price: "4.8125", observedAt: at });
  const router = observation(gpt4o, { id: 3, provider: "openrouter", providerTier: "inference_api", price: "4.375", observedAt: at });

  it("admits the model maker's rows and nobody else's", () => {
    expect(own.providerTier).toBe("first_party");
    expect(isCandidate(gpt4o, own)).toBe(true);
    expect(isCandidate(gpt4o, cloud)).toBe(false);
    expect(isCandidate(gpt4o, router)).toBe(false);
    expect(exclusionReason(gpt4o, cloud, "final")).toBe("provider tier not in scope: hyperscaler");
    expect(exclusionReason(gpt4o, own, "final")).toBeNull();
  });

  it("an index without providerTiers still takes every tier", () => {
    const open = findIndex(m, "TOK-GPTOSS120B-BLEND-USD");
    for (const tier of ["first_party", "hyperscaler", "inference_api"] as const) {
      expect(isCandidate(open, observation(open, { id: 1, provider: "p", providerTier: tier, price: "0.2", observedAt: at }))).toBe(true);
    }
  });

  it("a single list price fixes, the cloud's resale is neither counted nor listed", () => {
    const f = computeFixing(gpt4o, [own, cloud, router], { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null });
    expect(f).toMatchObject({ status: "final", value: "4.375000", providerCount: 1, observationCount: 1, exclusions: [], inputTier: "list_price" });
    expect(f.inputs).toEqual([{ observationIds: [1], provider: "openai", price: "4.375", weight: "1" }]);
  });

  it("a list price from the 03:23 UTC run (the 14:23 run missed) is not stale at 16:00: staleness is 24 h", () => {
    const early = observation(gpt4o, { id: 4, provider: "openai", price: "4.375", observedAt: "2026-08-08T03:23:00.000Z" });
    const f = computeFixing(gpt4o, [early], { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null });
    expect(f).toMatchObject({ status: "final", value: "4.375000" });
  });
});
