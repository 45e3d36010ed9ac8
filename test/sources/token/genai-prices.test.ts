import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { genaiPrices, parseGenaiPrices } from "../../../src/sources/token/genai-prices.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, fetchedAtOfName, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

describe("genai-prices JSON", () => {
  const result = parseGenaiPrices(captureFile(fixturePath("sources", "token", "genai-prices-data.json")));
  const quotes = tokenQuotes(result);

  it("quotes the standard time-of-day window, not the off-peak default", () => {
    expect(quoteFor(quotes, "deepseek-chat")).toEqual({
      kind: "token", provider: "deepseek", model: "deepseek-chat", endpointId: null, quantization: "unknown", currency: "USD",
      perTokens: 1000000, input: "0.27", output: "1.1", cachedInput: "0.07", cacheWrite: null, tier: "list_price",
      volumeTokens: null, observedAt: null, locator: "deepseek/deepseek-chat prices[1] window 00:30:00Z-16:30:00Z",
    });
  });

  it("resolves dated changes: current in force, history dated, scheduled skipped", () => {
    const o3 = quotes.filter((q) => q.model === "o3");
    expect(o3.map((q) => [q.input, q.output, q.observedAt, q.locator])).toEqual([
      ["2", "8", null, "openai/o3 prices[1] from 2025-06-10"],
      ["10", "40", "2025-06-09T00:00:00.000Z", "openai/o3 prices[0] until 2025-06-10"],
    ]);
    const luna = quotes.filter((q) => q.model === "gpt-5.6-luna");
    expect(luna.map((q) => [q.input, q.output, q.cachedInput, q.observedAt])).toEqual([
      ["0.5", "3", null, "2026-03-01T00:00:00.000Z"],
      ["0.2", "1.2", "0.02", null],
      ["1", "6", null, "2026-02-28T00:00:00.000Z"],
    ]);
    expect(quoteFor(quotes, "ai21/jamba-1-5-large")).toMatchObject({ provider: "openrouter", input: "2", output: "8" });
    expect(quotes).toHaveLength(7);
  });

  it("skips every other entry with a reason", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "off-peak time-of-day price (outside the windows UTC): kept out of the base quote": 1,
      "scheduled price change from 2026-09-01: not in force at capture": 1,
      "context tier from 272000 input tokens: kept out of the base quote": 2,
      "input-only price (embedding or similar): not a text-generation quote": 1,
      "no token price": 1,
      "deprecated model": 1,
      "model without id": 1,
      free: 2,
      "provider without id": 1,
    });
  });

  it("a later capture moves the scheduled price into force", () => {
    const later = parseGenaiPrices(captureFile(fixturePath("sources", "token", "genai-prices-data.json"), undefined, "2026-09-02T00:00:00.000Z"));
    const luna = tokenQuotes(later).filter((q) => q.model === "gpt-5.6-luna");
    expect(luna.map((q) => [q.input, q.observedAt])).toEqual([
      ["0.5", "2026-03-01T00:00:00.000Z"],
      ["0.2", "2026-07-30T00:00:00.000Z"],
      ["0.25", null],
      ["1", "2026-02-28T00:00:00.000Z"],
    ]);
  });
});

describe("genai-prices provider YAML", () => {
  it("parses one provider file", () => {
    const result = parseGenaiPrices(captureFile(fixturePath("sources", "token", "genai-prices-provider.yml")));
    expect(tokenQuotes(result).map((q) => [q.provider, q.model, q.input, q.output, q.cachedInput])).toEqual([
      ["groq", "llama-3.3-70b-versatile", "0.59", "0.79", null],
      ["groq", "openai/gpt-oss-120b", "0.15", "0.6", "0.075"],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it("throws on unusable captures", () => {
    expect(() => parseGenaiPrices(captureOf("<html></html>"))).toThrow(SourceParseError);
    expect(() => parseGenaiPrices(captureOf('{"providers": 1}'))).toThrow(SourceParseError);
    expect(() => parseGenaiPrices(captureOf("just: [unclosed"))).toThrow(SourceParseError);
    expect(genaiPrices.requests(null)[0]?.url).toMatch(/data_v2\.json$/);
  });
});

type Provider = { id?: string; models?: { id?: string; prices?: unknown }[] };

describeShared("genai-prices", () => {
  const files = sharedFiles("genai-prices", /\.(json|yml)$/);
  const spot: Record<string, [string, string, string, string][]> = {
    "genai-prices-v1-data-2025-12-11.json": [["anthropic", "claude-3-5-haiku-latest", "0.8", "4"], ["deepseek", "deepseek-chat", "0.27", "1.1"]],
    "genai-prices-v2-data-2026-08-21.json": [["openai", "o3", "2", "8"], ["anthropic", "claude-sonnet-5", "2", "10"], ["deepseek", "deepseek-chat", "0.27", "1.1"]],
    "providers-groq.yml": [["groq", "llama-3.3-70b-versatile", "0.59", "0.79"]],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(3));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const text = readFileSync(file, "utf8");
      const doc = (name.endsWith(".yml") ? [parseYaml(text)] : JSON.parse(text)) as Provider[];
      const models = doc.flatMap((p) => (p.models ?? []).map((m) => `${p.id}/${m.id}`));
      const result = parseGenaiPrices(captureFile(file, undefined, fetchedAtOfName(name.replace(/^providers-.*/, "2026-08-21"))));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      const seen = new Set([...quotes.map((q) => q.locator), ...result.skipped.map((s) => s.locator)].map((l) => l.split(" ")[0]));
      expect([...seen].sort()).toEqual([...new Set(models)].sort());
      for (const [provider, model, input, output] of spot[name] ?? []) {
        const q = quoteFor(quotes.filter((x) => x.observedAt === null), model, provider);
        expect([q.input, q.output]).toEqual([input, output]);
      }
      const norm = (r: string) => r.replace(/\d{4}-\d{2}-\d{2}/g, "D").replace(/from \d+ input/, "from N input");
      console.log(`${name}: models=${models.length} quotes=${quotes.length} skipped=${result.skipped.length}`, reasonCounts(result, norm));
    });
  }
});
