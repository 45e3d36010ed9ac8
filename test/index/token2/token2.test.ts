// Token 2.0 calculation: volume as weight only, partial-volume rule, weighted quantiles, roll and basket linking.
import { describe, expect, it } from "vitest";
import type { IndexDefinition } from "../../../src/schemas/methodology.ts";
import type { Observation } from "../../../src/schemas/observation.ts";
import { dec } from "../../../src/normalize/money.ts";
import { computeToken2, linkedValue, weightedQuantile, cnExchangeDay } from "../../../src/index/token2/index.ts";
import { computeFixing } from "../../../src/index/compute.ts";

const base: IndexDefinition = {
  code: "TOK-GPTOSS120B-IN-USD", name: "t", family: "token", document: "token.md", unit: "USD/1M tokens", currency: "USD",
  product: { kind: "token", models: ["openai/gpt-oss-120b"], metric: "input" },
  fixing: { time: "16:00", timezone: "UTC", windowHours: 24, stalenessHours: 12 },
  eligibleTiers: ["transaction", "executable_quote", "list_price", "historical_import"],
  sufficiency: { minProviders: 4, minObservations: 4 }, concentrationCap: 0.25, outliers: { rule: "none" },
  estimator: { kind: "volume_weighted_median" }, rounding: { decimals: 6, mode: "half_even" }, fallback: { carryPriorMaxDays: 5 },
  token2: { volume: { minCoverage: 0.5, floor: "min_observed" }, quantizationNote: "all", rolls: [] },
};
const ctx = { fixingDate: "2026-08-08", methodologyVersion: "2.0.0", status: "final" as const, prior: null };
let nextId = 1;
function obs(provider: string, price: string, extra: Partial<Observation> = {}): Observation {
  return {
    id: nextId++, captureId: 1, source: "openrouter-endpoints", provider, kind: "token", product: "openai/gpt-oss-120b", rawName: "openai/gpt-oss-120b",
    metric: "input", quantization: "fp4", term: null, region: null, providerTier: "inference_api", unit: "USD/1M tokens", currency: "USD",
    price, observedAt: "2026-08-08T15:00:00.000Z", tier: "executable_quote", volume: null, attrs: { endpointId: `${provider}-1` }, ...extra,
  };
}
const vol = (provider: string, volume: string, endpoint = `${provider}-1`, metric: "input_effective" | "output_effective" = "input_effective") =>
  obs(provider, "0.01", { source: "openrouter-volume", metric, tier: "transaction", volume, attrs: { endpointId: endpoint } });
const list = [obs("a", "0.10"), obs("b", "0.12"), obs("c", "0.15"), obs("d", "0.20"), obs("e", "0.25")];

describe("token 2.0 per-model fixing", () => {
  it("a live volume capture never changes a list-price fixing's prices, only the weights", () => {
    const without = computeToken2(base, list, ctx);
    const withVol = computeToken2(base, [...list, vol("a", "100"), vol("b", "100"), vol("c", "100"), vol("d", "100"), vol("e", "100")], ctx);
    expect(withVol.inputs.map((i) => i.price)).toEqual(without.inputs.map((i) => i.price));
    expect(withVol.value).toBe(without.value);
    expect(withVol.observationCount).toBe(5);
    expect(withVol.diagnostics?.weightBasis).toBe("volume");
  });

  it("sums a provider's volume over its endpoints (and counts one snapshot once across input/output rows)", () => {
    const rows = [vol("a", "10", "a-1"), vol("a", "10", "a-1", "output_effective"), vol("a", "30", "a-2"), vol("b", "40"), vol("c", "10"), vol("d", "10"), vol("e", "10")];
    const f = computeToken2({ ...base, concentrationCap: 1 }, [...list, ...rows], ctx);
    expect(f.volume).toBe("110");
    expect(f.inputs.find((i) => i.provider === "a")!.weight).toBe(f.inputs.find((i) => i.provider === "b")!.weight);
  });

  it("worked example of the partial rule: 3 of 5 providers with volume, the other two weigh the floor", () => {
    // volumes a 50, b 10, c 20; d and e have none: coverage 3/5 = 0.6 >= 0.5, floor = 10.
    // weights a 50, b 10, c 20, d 10, e 10 (total 100), cap 1: cumulative 50% at a = 0.10 exactly half -> (0.10 + 0.12) / 2.
    const f = computeToken2({ ...base, concentrationCap: 1 }, [...list, vol("a", "50"), vol("b", "10"), vol("c", "20")], ctx);
    expect(f.value).toBe("0.110000");
    expect(f.diagnostics).toEqual({ volumeCoverageShare: "0.6", imputedShare: "0.2", fallbackShare: "0", weightBasis: "partial_volume", qualityFlag: "partial_volume" });
    expect(f.note).toContain("floor weight");
    const low = computeToken2({ ...base, concentrationCap: 1 }, [...list, vol("a", "50"), vol("b", "10")], ctx);
    expect(low.diagnostics?.weightBasis).toBe("equal");
    expect(low.value).toBe("0.150000");
  });

  it("1.x pools volume rows into the list series; 2.x does not", () => {
    const legacy = obs("z", "0.01", { source: "openrouter-volume", tier: "transaction", volume: "999" });
    const v1 = computeFixing(base, [...list, legacy], ctx);
    const v2 = computeToken2(base, [...list, legacy], ctx);
    expect(v1.providerCount).toBe(6);
    expect(v2.providerCount).toBe(5);
    expect(v2.exclusions.some((e) => e.reason.includes("weight only"))).toBe(true);
  });

  it("admits only the definition's quantizations", () => {
    const def = { ...base, product: { ...base.product, quantizations: ["fp4"] } } as IndexDefinition;
    const f = computeToken2(def, [...list, obs("q", "9", { quantization: "bf16" })], ctx);
    expect(f.providerCount).toBe(5);
  });
});

describe("weighted quantiles", () => {
  it("Q(0.5) is the weighted median, equal weights give the ordinary median", () => {
    const p = ["1", "2", "3", "4"].map(dec);
    expect(weightedQuantile(p, p.map(() => dec(1)), "0.5").toFixed()).toBe("2.5");
    expect(weightedQuantile(p, ["1", "1", "1", "5"].map(dec), "0.5").toFixed()).toBe("4");
    expect(weightedQuantile(p, ["1", "1", "1", "5"].map(dec), "0.25").toFixed()).toBe("2.5");
  });
});

describe("model roll (worked example)", () => {
  it("links the successor so the roll date does not move the level", () => {
    const def: IndexDefinition = {
      ...base, concentrationCap: 1, product: { kind: "token", models: ["old/m", "new/m"], metric: "input" },
      token2: { ...base.token2!, rolls: [{ from: "old/m", to: "new/m", announced: "2026-07-01", effective: "2026-08-08" }] },
    };
    const olds = ["0.20", "0.20", "0.22", "0.24"].map((p, i) => obs(`p${i}`, p, { product: "old/m" }));
    const news = ["0.10", "0.10", "0.11", "0.12"].map((p, i) => obs(`p${i}`, p, { product: "new/m" }));
    // P_old = 0.21, P_new = 0.105: k = 2; value = 0.105 x 2 = 0.21, the predecessor's level.
    const onRoll = computeToken2(def, [...olds, ...news], ctx);
    expect(onRoll.value).toBe("0.210000");
    expect(onRoll.roll?.linkFactor).toBe("2");
    const before = computeToken2(def, olds.map((o) => ({ ...o, observedAt: "2026-08-07T15:00:00.000Z" })), { ...ctx, fixingDate: "2026-08-07" });
    expect(before.value).toBe("0.210000");
    const published = { ...def, token2: { ...def.token2!, rolls: [{ ...def.token2!.rolls[0]!, linkFactor: "2" }] } };
    const after = computeToken2(published, news.map((o) => ({ ...o, price: dec(o.price).times("0.9").toFixed(), observedAt: "2026-08-09T15:00:00.000Z" })), { ...ctx, fixingDate: "2026-08-09" });
    expect(after.value).toBe("0.189000");
  });
});

describe("basket reconstitution (worked example)", () => {
  it("the new linkValue equals the old basket's value on the reconstitution date: no jump", () => {
    const old = { announced: "2026-06-01", effective: "2026-07-01", linkValue: "1", provenance: "t", constituents: [
      { model: "x", weight: "0.6", basePrice: "1", tokenizer: "o200k" }, { model: "y", weight: "0.4", basePrice: "2", tokenizer: "o200k" }] };
    // prices on the date: x 0.8, y 2.5 -> unlinked 0.6 x 0.8 + 0.4 x 2.5 = 1.48; base cost 1.4; value = 1 x 1.48 / 1.4.
    const prices = new Map([["x", dec("0.8")], ["y", dec("2.5")], ["z", dec("4")]]);
    const v = linkedValue(old, prices).value;
    const next = { ...old, effective: "2026-08-01", linkValue: v.toFixed(), constituents: [
      { model: "y", weight: "0.5", basePrice: "2.5", tokenizer: "o200k" }, { model: "z", weight: "0.5", basePrice: "4", tokenizer: "o200k" }] };
    expect(linkedValue(next, prices).value.toFixed(12)).toBe(v.toFixed(12));
    expect(v.toFixed(6)).toBe("1.057143");
    // afterwards only the new constituents move it: z +10% -> value x (0.5 x 2.5 + 0.5 x 4.4) / 3.25
    const later = linkedValue(next, new Map([["y", dec("2.5")], ["z", dec("4.4")]])).value;
    expect(later.div(v).toFixed(6)).toBe(dec("3.45").div("3.25").toFixed(6));
  });

  it("cn-exchange calendar closes weekends and holidays", () => {
    expect(cnExchangeDay("2026-08-21").open).toBe(true);
    expect(cnExchangeDay("2026-08-22").open).toBe(false);
    expect(cnExchangeDay("2026-10-05").open).toBe(false);
  });
});
