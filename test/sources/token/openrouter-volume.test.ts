import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { STATS_PERMASLUGS, openrouterVolume, parseOpenRouterVolume, statsUrl } from "../../../src/sources/token/openrouter-volume.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, reasonCounts, tokenQuotes } from "./capture.ts";

const fx = (name: string) => fixturePath("sources", "token", name);

describe("openrouter volume: model stats JSON lines", () => {
  const result = parseOpenRouterVolume(captureFile(fx("openrouter_model_stats.jsonl")));
  const quotes = tokenQuotes(result);

  it("quotes traded volume per provider endpoint at the effective price per 1M", () => {
    expect(quotes).toEqual([
      {
        kind: "token", provider: "deepinfra", model: "openai/gpt-oss-120b", endpointId: "e-1", quantization: "fp4",
        currency: "USD", perTokens: 1000000, input: "0.03683833210761343", output: "0.17", cachedInput: null, cacheWrite: null,
        tier: "transaction", volumeTokens: "6849658955", priceBasis: "effective", observedAt: null, locator: "line 2 openai/gpt-oss-120b providerSummaries[0] e-1",
      },
      expect.objectContaining({ provider: "groq", endpointId: "e-2", input: "0.00000015", output: "0.6", volumeTokens: "5863817391" }),
    ]);
  });

  it("skips with reasons", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "no traded volume (no provider summaries)": 1,
      "no traded volume (totalTokens 0 or missing)": 1,
      free: 2,
      "variant batch: kept out of the base quote": 1,
      "line is not JSON": 1,
    });
  });

  it("reads gzip by its magic bytes", () => {
    const gz = gzipSync(readFileSync(fx("openrouter_model_stats.jsonl")));
    expect(parseOpenRouterVolume(captureOf(gz))).toEqual(result);
  });
});

describe("openrouter volume: single API response and CSV", () => {
  it("names the model from the request URL", () => {
    const url = statsUrl("qwen/qwen3-32b-04-28");
    const result = parseOpenRouterVolume(captureFile(fx("openrouter_effective_pricing_single.json"), url));
    expect(tokenQuotes(result).map((q) => [q.model, q.provider, q.volumeTokens])).toEqual([
      ["qwen/qwen3-32b", "deepinfra", "6849658955"],
      ["qwen/qwen3-32b", "groq", "5863817391"],
    ]);
    expect(reasonCounts(result)).toEqual({ "no traded volume (totalTokens 0 or missing)": 1 });
  });

  it("parses the flattened CSV with scraped_at as observedAt", () => {
    const result = parseOpenRouterVolume(captureFile(fx("openrouter_effective_pricing.csv")));
    const quotes = tokenQuotes(result);
    expect(quotes.map((q) => [q.provider, q.input, q.output, q.volumeTokens, q.observedAt])).toEqual([
      ["deepinfra", "0.09977627955520726", "0.3169940104954454", "467443542", "2026-08-08T15:31:24.000Z"],
      ["groq", "0.59", "0.79", "421479342", "2026-08-08T15:31:24.000Z"],
    ]);
    expect(reasonCounts(result)).toEqual({
      "no traded volume (no provider summaries)": 1, free: 1, "no traded volume (totalTokens 0 or missing)": 1,
    });
  });

  it("rejects unusable captures and declares the source", () => {
    expect(() => parseOpenRouterVolume(captureOf("<html></html>"))).toThrow(SourceParseError);
    expect(() => parseOpenRouterVolume(captureOf("{broken\n{also broken\n"))).toThrow(SourceParseError);
    // The models come from the definitions (the scope), never from a list in the source.
    expect(openrouterVolume.requests(null)).toEqual([]);
    const urls = openrouterVolume.requests(null, { tokenVolumeModels: ["z-ai/glm-5.2", "openai/gpt-oss-120b", "z-ai/glm-5.2"] }).map((r) => r.url);
    expect(urls).toEqual([statsUrl(STATS_PERMASLUGS["z-ai/glm-5.2"]!), statsUrl("openai/gpt-oss-120b")]);
    expect(openrouterVolume.tier).toBe("transaction");
  });
});

describeShared("openrouter volume", () => {
  const files = sharedFiles("openrouter", /^(model_stats_.*\.jsonl(\.gz)?|effective_pricing_.*\.csv)$/);
  const spot: [string, string, string, string][] = [
    ["openai/gpt-oss-120b", "coreweave", "0.029864039202409372", "7435188310"],
    ["deepseek/deepseek-v3.2", "baidu", "0.07444236632388071", "12905810074"],
  ];
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const raw = readFileSync(file);
      let rows: number;
      if (name.endsWith(".csv")) rows = (parseCsv(raw, { columns: true }) as unknown[]).length;
      else {
        const lines = gunzipSync(raw).toString("utf8").split("\n").filter((l) => l.trim() !== "");
        rows = lines.reduce((n, l) => {
          const rec = JSON.parse(l) as { effective_pricing?: { providerSummaries?: unknown[] } };
          return n + Math.max(1, rec.effective_pricing?.providerSummaries?.length ?? 0);
        }, 0);
      }
      const result = parseOpenRouterVolume(captureFile(file));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      expect(quotes.length + result.skipped.length).toBe(rows);
      for (const [model, provider, input, tokens] of spot) {
        const q = quotes.find((x) => x.model === model && x.provider === provider);
        expect([q?.input, q?.volumeTokens]).toEqual([input, tokens]);
      }
      const volume = quotes.reduce((n, q) => n + Number(q.volumeTokens), 0);
      console.log(`${name}: rows=${rows} quotes=${quotes.length} skipped=${result.skipped.length} volume=${volume.toExponential(3)}`, reasonCounts(result));
    });
  }
});
