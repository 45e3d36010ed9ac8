import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chinaCny, makeChinaCny, parseChinaCny } from "../../../src/sources/token/china-cny.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles, sharedPath } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

const fx = (name: string) => fixturePath("sources", "token", name);

describe("china CNY price lists", () => {
  const zhipu = parseChinaCny(captureFile(fx("china-cny-providers_zhipu.json")));
  const quotes = tokenQuotes(zhipu);

  it("quotes the base tier in CNY per 1M: shortest input, open-ended output", () => {
    expect(quoteFor(quotes, "glm-4.7")).toEqual({
      kind: "token", provider: "zhipu", model: "glm-4.7", endpointId: null, quantization: "unknown", currency: "CNY",
      perTokens: 1000000, input: "3", output: "14", cachedInput: "0.6", cacheWrite: null, tier: "list_price",
      volumeTokens: null, observedAt: null, locator: "zhipu/glm-4.7 pricingTiers[1]",
    });
    expect(quoteFor(quotes, "glm-4.6")).toMatchObject({ input: "2", output: "8", cachedInput: "0.5", locator: "zhipu/glm-4.6" });
    expect(quotes).toHaveLength(2);
  });

  it("skips other tiers, services and junk with reasons", () => {
    expectReasoned(zhipu);
    expect(reasonCounts(zhipu)).toEqual({
      "input_length_k_tokens: [0, 32); output_length_k_tokens: [0, 0.2) tier: kept out of the base quote": 1,
      "input_length_k_tokens: [32, 200) tier: kept out of the base quote": 1,
      "service image_gen: not a text-token model": 1,
      free: 1,
      "deprecated model": 1,
      "no input/output token price pair": 1,
    });
  });

  it("orders maxInputTokens tiers (Doubao <=32K is the base)", () => {
    const result = parseChinaCny(captureFile(fx("china-cny-providers_volcengine.json")));
    expect(tokenQuotes(result).map((q) => [q.model, q.input, q.output, q.cachedInput, q.cacheWrite])).toEqual([
      ["doubao-seed-2.0-lite", "0.6", "3.6", "0.12", null],
      ["MiniMax-M2.7", "2.1", "8.4", "0.42", "2.625"],
    ]);
    expect(reasonCounts(result)).toEqual({
      "input up to 128000 tokens tier: kept out of the base quote": 1,
      "input up to 256000 tokens tier: kept out of the base quote": 1,
      "priority pricing: kept out of the base quote": 1,
    });
  });

  it("refuses the traps: deepseek USD x 7.2, the FX config, the USD catalogue", () => {
    const ds = parseChinaCny(captureFile(fx("china-cny-providers_deepseek.json")));
    expect(ds.quotes).toEqual([]);
    expect(ds.skipped[0]?.reason).toMatch(/^not a CNY list/);
    const cfg = parseChinaCny(captureFile(fx("china-cny-pricing.json"), "file:pricing.json"));
    expect(cfg).toEqual({ quotes: [], skipped: [{ locator: "file:pricing.json", reason: "pricing configuration (markupRatio, usdToCny), not a price list" }] });
    expect(() => parseChinaCny(captureFile(fx("china-llm-metadata-all.json")))).toThrow(/never a CNY list/);
    expect(() => parseChinaCny(captureOf("[]"))).toThrow(SourceParseError);
  });

  it("makes no requests until URLs are configured", () => {
    expect(chinaCny.requests(null)).toEqual([]);
    expect(makeChinaCny(["https://x.test/providers_zhipu.json"]).requests(null)).toEqual([{ url: "https://x.test/providers_zhipu.json" }]);
  });
});

describeShared("china CNY price lists", () => {
  const files = sharedFiles("china/cny_price_lists_2026-08-21", /\.json$/);
  const spot: Record<string, [string, string, string][]> = {
    "providers_dashscope.json": [["qwen3.7-plus", "2", "8"]],
    "providers_volcengine.json": [["doubao-seed-2.0-pro", "3.2", "16"]],
    "providers_zhipu.json": [["glm-5.1", "6", "24"], ["glm-4.7", "3", "14"]],
    "providers_moonshot.json": [["kimi-k2.6", "6.5", "27"]],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { models?: unknown[] };
      const result = parseChinaCny(captureFile(file, `file:${name}`));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      const modelSkips = result.skipped.filter((s) => !s.locator.includes("#"));
      expect(quotes.length + modelSkips.length).toBe(doc.models?.length ?? 1);
      for (const q of quotes) expect(q.currency).toBe("CNY");
      if (name === "providers_deepseek.json") expect(quotes).toEqual([]);
      for (const [model, input, output] of spot[name] ?? []) {
        const q = quoteFor(quotes, model);
        expect([q.input, q.output]).toEqual([input, output]);
      }
      console.log(`${name}: models=${doc.models?.length ?? 0} quotes=${quotes.length} skipped=${result.skipped.length}`, reasonCounts(result, (r) => r.replace(/^(service|input).*?(:| tier)/, "$1 X$2")));
    });
  }
  it("rejects the USD catalogue all.json", () => {
    expect(() => parseChinaCny(captureFile(sharedPath("china", "llm_metadata_2026-08-22", "all.json")))).toThrow(SourceParseError);
  });
});
