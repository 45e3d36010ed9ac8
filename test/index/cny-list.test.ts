import { describe, expect, it } from "vitest";
import { computeFixing, findIndex, fixingSchedule, isCandidate, loadMethodology } from "../../src/index/index.ts";
import { canonicalProvider } from "../../src/normalize/hardware/index.ts";
import { canonicalModel } from "../../src/normalize/models/index.ts";
import { observation } from "./build.ts";
import { LIVE_2026, methodologyVersion } from "../helpers/methodology.ts";

// The 1.x first-party list rules (2.0 changes how gpt-4o follows its versions: test/index/token2).
const m = methodologyVersion(LIVE_2026);
// The CNY basket (2.0, several models) is tested in test/index/token2.
const CNY = m.indices.filter((d) => d.currency === "CNY" && !d.token2?.basket);
const METRIC: Record<string, string> = { BLEND: "blended_3_1", IN: "input", OUT: "output" };

describe("CNY first-party list-price series: definitions", () => {
  it("four models x blend, input, output; CNY per 1M tokens at 16:00 Asia/Shanghai", () => {
    expect(m.version).toBe("1.2.0");
    expect(CNY.map((d) => d.code.split("-")[1]).filter((x, i, a) => a.indexOf(x) === i)).toEqual(["QWEN37PLUS", "SEED21PRO", "GLM52", "KIMIK26"]);
    expect(CNY).toHaveLength(12);
    for (const def of CNY) {
      const [, , component] = def.code.split("-");
      expect(def.code).toMatch(/^TOK-[A-Z0-9]+-(BLEND|IN|OUT)-CNY-LIST$/);
      expect(def).toMatchObject({
        unit: "CNY/1M tokens",
        family: "token",
        document: "token.md",
        fixing: { time: "16:00", timezone: "Asia/Shanghai", windowHours: 24, stalenessHours: 24 },
        eligibleTiers: ["list_price", "historical_import"],
        sufficiency: { minProviders: 1, minObservations: 1 },
        concentrationCap: 1,
        outliers: { rule: "none" },
        estimator: { kind: "median" },
        rounding: { decimals: 6, mode: "half_even" },
        product: { kind: "token", metric: METRIC[component!], providerTiers: ["first_party"] },
      });
    }
  });

  it("fixes at 08:00 UTC over the 24 h before", () => {
    const s = fixingSchedule(findIndex(m, "TOK-GLM52-BLEND-CNY-LIST"), "2026-08-21");
    expect([s.windowStart, s.fixingTime]).toEqual(["2026-08-20T08:00:00.000Z", "2026-08-21T08:00:00.000Z"]);
  });

  it("the China lists' names and vendors map to the series' models as first party; a reseller does not", () => {
    const cases: [string, string, string][] = [
      ["dashscope", "qwen3.7-plus", "qwen/qwen3.7-plus"],
      ["volcengine", "doubao-seed-2.1-pro", "bytedance-seed/seed-2.1-pro"],
      ["zhipu", "glm-5.2", "z-ai/glm-5.2"],
      ["moonshot", "kimi-k2.6", "moonshotai/kimi-k2.6"],
    ];
    for (const [vendor, raw, id] of cases) {
      const provider = canonicalProvider(vendor, "token");
      expect(provider.tier, vendor).toBe("first_party");
      expect(canonicalModel(raw, { provider: provider.id, source: "import:china-cny" })?.id, raw).toBe(id);
      expect(CNY.some((d) => d.product.kind === "token" && d.product.models.includes(id)), id).toBe(true);
    }
    expect(canonicalProvider("siliconflow", "token").tier).toBe("inference_api");
  });
});

describe("CNY series: eligibility", () => {
  const cny = findIndex(m, "TOK-GLM52-BLEND-CNY-LIST");
  const usdList = findIndex(m, "TOK-GLM52-BLEND-USD");
  const at = "2026-08-21T04:00:00.000Z";

  it("a USD price is never a candidate of a CNY series, nor a CNY price of a USD one", () => {
    const usd = { ...observation(cny, { id: 1, provider: "zhipu", price: "1.8", observedAt: at }), currency: "USD" as const, unit: "USD/1M tokens" as const };
    const yuan = observation(cny, { id: 2, provider: "zhipu", price: "13", observedAt: at });
    expect(isCandidate(cny, usd)).toBe(false);
    expect(isCandidate(cny, yuan)).toBe(true);
    expect(isCandidate(usdList, yuan)).toBe(false);
    const f = computeFixing(cny, [usd, yuan], { fixingDate: "2026-08-21", methodologyVersion: m.version, status: "final", prior: null });
    expect(f).toMatchObject({ value: "13.000000", unit: "CNY/1M tokens", currency: "CNY", observationCount: 1, exclusions: [] });
  });

  it("a list stamped after 16:00 Beijing belongs to the next day's fixing", () => {
    const late = observation(cny, { id: 3, provider: "zhipu", price: "13", observedAt: "2026-08-21T12:00:00.000Z" });
    const f = computeFixing(cny, [late], { fixingDate: "2026-08-21", methodologyVersion: m.version, status: "back-calculated", prior: null });
    expect(f.value).toBeNull();
    const next = computeFixing(cny, [late], { fixingDate: "2026-08-22", methodologyVersion: m.version, status: "back-calculated", prior: null });
    expect(next.value).toBe("13.000000");
  });
});
