import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { openrouter, parseOpenRouterModels } from "../../../src/sources/token/openrouter.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

const fixture = fixturePath("sources", "token", "openrouter_models.json");

describe("openrouter models", () => {
  const result = parseOpenRouterModels(captureFile(fixture));
  const quotes = tokenQuotes(result);

  it("quotes the router list price per token, exactly", () => {
    expect(quotes.map((q) => q.model)).toEqual(["openai/gpt-4o-mini", "qwen/qwen3-coder-flash", "acme/exp"]);
    expect(quoteFor(quotes, "openai/gpt-4o-mini")).toEqual({
      kind: "token", provider: "openrouter", model: "openai/gpt-4o-mini", endpointId: null, quantization: "unknown",
      currency: "USD", perTokens: 1, input: "0.00000015", output: "0.0000006", cachedInput: "0.000000075",
      cacheWrite: null, tier: "list_price", volumeTokens: null, observedAt: null, locator: "[0] openai/gpt-4o-mini",
    });
    const coder = quoteFor(quotes, "qwen/qwen3-coder-flash");
    expect([coder.input, coder.output, coder.cachedInput, coder.cacheWrite]).toEqual(["0.00000003", "0.00000013", "0.000000006", "0.000000038"]);
    expect(quoteFor(quotes, "acme/exp").input).toBe("0.00000015");
  });

  it("skips every other row with a reason", () => {
    expectReasoned(result);
    expect(reasonCounts(result, (r) => r.replace(/\(min_prompt_tokens \d+\)/, "(N)"))).toEqual({
      "long-prompt tier (N): kept out of the base quote": 2,
      free: 2,
      "router: no fixed price": 1,
      "alias of openai/gpt-4o-mini: duplicate listing": 1,
      "no model id": 1,
      "no prompt/completion price": 1,
      "negative price": 1,
    });
    expect(result.skipped.find((s) => s.locator === "[1] qwen/qwen3-coder-flash overrides[0]")?.reason).toContain("32000");
  });

  it("accepts the bare array and gzip alike", () => {
    const json = JSON.parse(readFileSync(fixture, "utf8")) as { data: unknown[] };
    const bare = parseOpenRouterModels(captureOf(gzipSync(JSON.stringify(json.data))));
    expect(bare).toEqual(result);
  });

  it("throws SourceParseError on unusable captures", () => {
    expect(() => parseOpenRouterModels(captureOf("<html>rate limited</html>"))).toThrow(SourceParseError);
    expect(() => parseOpenRouterModels(captureOf('{"error":"x"}'))).toThrow(SourceParseError);
    expect(() => parseOpenRouterModels(captureOf('{"data":[{"id"'))).toThrow(SourceParseError);
  });

  it("declares the source", () => {
    expect(openrouter.requests(null)).toEqual([{ url: "https://openrouter.ai/api/v1/models" }]);
    expect(openrouter.tier).toBe("list_price");
    expect(openrouter.minQuotes).toBe(100);
  });
});

describeShared("openrouter models", () => {
  const files = sharedFiles("openrouter", /^models_.*\.json(\.gz)?$/);
  const spot: Record<string, [string, string, string][]> = {
    "models_2026-07-17.json.gz": [
      ["deepseek/deepseek-chat", "0.0000002002", "0.0000008001"],
      ["meta-llama/llama-3.3-70b-instruct", "0.00000013", "0.0000004"],
    ],
    "models_2026-08-08.json": [
      ["anthropic/claude-sonnet-4", "0.000003", "0.000015"],
      ["openai/gpt-oss-120b", "0.000000037", "0.00000017"],
      ["meta-llama/llama-3.3-70b-instruct", "0.0000001", "0.00000032"],
    ],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const result = parseOpenRouterModels(captureFile(file));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      const rowSkips = result.skipped.filter((s) => !s.locator.includes(" overrides["));
      const rows = new Set([...quotes.map((q) => q.locator), ...rowSkips.map((s) => s.locator)]);
      expect(rows.size).toBe(quotes.length + rowSkips.length);
      expect(quotes.length).toBeGreaterThanOrEqual(openrouter.minQuotes ?? 0);
      for (const [model, input, output] of spot[name] ?? []) {
        const q = quoteFor(quotes, model);
        expect([q.input, q.output]).toEqual([input, output]);
      }
      console.log(`${name}: rows=${rows.size} quotes=${quotes.length} skipped=${rowSkips.length}`, reasonCounts({ quotes: [], skipped: rowSkips }, (r) => r.replace(/^alias of .*/, "alias")));
    });
  }
});
