import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LLM_PRICES_VENDORS, llmPrices, parseLlmPrices } from "../../../src/sources/token/llm-prices.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

describe("llm-prices vendor history", () => {
  const result = parseLlmPrices(captureFile(fixturePath("sources", "token", "llm-prices-openai.json")));
  const quotes = tokenQuotes(result);

  it("quotes every history entry, current ones at capture time, past ones at their dates", () => {
    expect(quoteFor(quotes, "gpt-4o-mini")).toEqual({
      kind: "token", provider: "openai", model: "gpt-4o-mini", endpointId: null, quantization: "unknown", currency: "USD",
      perTokens: 1000000, input: "0.15", output: "0.6", cachedInput: "0.075", cacheWrite: null, tier: "list_price",
      volumeTokens: null, observedAt: null, locator: "openai/gpt-4o-mini price_history[0] from ? to ?",
    });
    expect(quotes.filter((q) => q.model === "o3").map((q) => [q.input, q.output, q.cachedInput, q.observedAt])).toEqual([
      ["2", "8", "0.5", null],
      ["10", "40", "2.5", "2025-04-16T00:00:00.000Z"],
      ["12", "48", null, "2025-04-15T00:00:00.000Z"],
    ]);
    expect(quoteFor(quotes, "gpt-5.6-luna")).toMatchObject({ input: "1", output: "6", observedAt: null });
    expect(quotes).toHaveLength(5);
  });

  it("skips with reasons", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "scheduled price from 2026-09-01: not in force at capture": 1,
      "long-context tier of gpt-5.6-luna: kept out of the base quote": 1,
      free: 1,
      "no input/output price pair": 1,
      "no price_history": 1,
      "model without id": 1,
    });
  });

  it("throws on unusable captures; requests every vendor file", () => {
    expect(() => parseLlmPrices(captureOf("[]"))).toThrow(SourceParseError);
    expect(() => parseLlmPrices(captureOf('{"models": []}', "https://example.test/"))).toThrow(SourceParseError);
    expect(parseLlmPrices(captureOf('{"models": []}', "https://x.test/data/xai.json"))).toEqual({ quotes: [], skipped: [] });
    expect(llmPrices.requests(null)).toHaveLength(LLM_PRICES_VENDORS.length);
  });
});

type Vendor = { models: { price_history: unknown[] }[] };

describeShared("llm-prices", () => {
  const files = sharedFiles("llm-prices", /\.json$/);
  const spot: Record<string, [string, string, string][]> = {
    "openai.json": [["gpt-4o", "2.5", "10"], ["gpt-4o-mini", "0.15", "0.6"]],
    "anthropic.json": [["claude-sonnet-5", "2", "10"]],
    "deepseek.json": [["deepseek-chat", "0.27", "1.1"]],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const doc = JSON.parse(readFileSync(file, "utf8")) as Vendor;
      const entries = doc.models.reduce((n, m) => n + Math.max(1, m.price_history.length), 0);
      const result = parseLlmPrices(captureFile(file, undefined, "2026-08-21T00:00:00.000Z"));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      const modelSkips = result.skipped.filter((s) => !s.locator.includes(" price_history["));
      const skippedEntries = modelSkips.reduce((n, s) => {
        const m = doc.models.find((x) => s.locator.endsWith(`/${(x as { id?: string }).id}`));
        return n + Math.max(1, m?.price_history.length ?? 1);
      }, 0);
      expect(quotes.length + result.skipped.length - modelSkips.length + skippedEntries).toBe(entries);
      for (const [model, input, output] of spot[name] ?? []) {
        const q = quoteFor(quotes.filter((x) => x.observedAt === null), model);
        expect([q.input, q.output]).toEqual([input, output]);
      }
      console.log(`${name}: entries=${entries} quotes=${quotes.length} skipped=${result.skipped.length}`, reasonCounts(result, (r) => r.replace(/\d{4}-\d{2}-\d{2}/, "D").replace(/of .*:/, "of X:")));
    });
  }
});
