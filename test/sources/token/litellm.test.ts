import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { litellm, parseLiteLlm } from "../../../src/sources/token/litellm.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

describe("litellm price map", () => {
  const result = parseLiteLlm(captureFile(fixturePath("sources", "token", "litellm_model_prices.json")));
  const quotes = tokenQuotes(result);

  it("turns float per-token prices into their shortest exact decimals", () => {
    expect(quoteFor(quotes, "gpt-4o-mini")).toEqual({
      kind: "token", provider: "openai", model: "gpt-4o-mini", endpointId: null, quantization: "unknown", currency: "USD",
      perTokens: 1, input: "0.00000015", output: "0.0000006", cachedInput: "0.000000075", cacheWrite: null,
      tier: "list_price", volumeTokens: null, observedAt: null, locator: "gpt-4o-mini",
    });
    expect(quoteFor(quotes, "claude-3-5-sonnet-20241022")).toMatchObject({ input: "0.000003", output: "0.000015", cachedInput: "0.0000003", cacheWrite: "0.00000375" });
    expect(quoteFor(quotes, "gemini-1.5-pro")).toMatchObject({ provider: "vertex_ai-language-models", input: "0.00000125", output: "0.000005" });
    expect(quoteFor(quotes, "deepseek/deepseek-chat").cachedInput).toBe("0.00000007");
    expect(quotes).toHaveLength(4);
  });

  it("skips junk, other modes and variants with reasons", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "documentation row (sample_spec)": 1,
      "batches variant: kept out of the base quote": 1,
      "above_128k_tokens variant: kept out of the base quote": 1,
      "mode embedding: not a chat/completion model": 1,
      "implausible: zero price": 1,
      "implausible: above 1000 USD per 1M tokens": 1,
      "no per-token price": 1,
      "no mode": 1,
      "no litellm_provider": 1,
      "entry is not an object": 1,
      "metadata (last_updated)": 1,
    });
    expect(result.skipped.map((s) => s.locator)).toContain("gpt-4o-mini#batches");
  });

  it("throws on unusable captures", () => {
    expect(() => parseLiteLlm(captureOf("[1,2]"))).toThrow(SourceParseError);
    expect(() => parseLiteLlm(captureOf("404: Not Found"))).toThrow(SourceParseError);
    expect(litellm.requests(null)[0]?.url).toMatch(/model_prices_and_context_window\.json$/);
  });
});

describeShared("litellm price map", () => {
  const files = sharedFiles("litellm", /^model_prices_.*\.json$/);
  const spot: Record<string, [string, string, string][]> = {
    "model_prices_2024-07-25.json": [["gpt-4o", "0.000005", "0.000015"], ["groq/llama3-70b-8192", "0.00000059", "0.00000079"]],
    "model_prices_2025-06-07.json": [["gpt-4o", "0.0000025", "0.00001"], ["claude-3-5-sonnet-20240620", "0.000003", "0.000015"]],
    "model_prices_2026-07-24.json": [["gpt-4o", "0.0000025", "0.00001"], ["deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct", "0.00000003", "0.00000005"]],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(6));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const entries = Object.keys(JSON.parse(readFileSync(file, "utf8")) as object).length;
      const result = parseLiteLlm(captureFile(file));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      const rowSkips = result.skipped.filter((s) => !s.locator.includes("#"));
      expect(quotes.length + rowSkips.length).toBe(entries);
      expect(quotes.length).toBeGreaterThanOrEqual(litellm.minQuotes ?? 0);
      for (const q of quotes) expect(Number(q.input ?? 0) * 1e6).toBeLessThanOrEqual(1000);
      for (const [model, input, output] of spot[name] ?? []) {
        const q = quoteFor(quotes, model);
        expect([q.input, q.output]).toEqual([input, output]);
      }
      const reasons = reasonCounts({ quotes: [], skipped: rowSkips }, (r) => r.replace(/^mode .*/, "mode other"));
      console.log(`${name}: entries=${entries} quotes=${quotes.length} skipped=${rowSkips.length} variants=${result.skipped.length - rowSkips.length}`, reasons);
    });
  }
});
