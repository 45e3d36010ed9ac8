import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  INDEX_ENDPOINT_MODELS,
  makeOpenRouterEndpoints,
  openrouterEndpoints,
  parseOpenRouterEndpoints,
} from "../../../src/sources/token/openrouter-endpoints.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, reasonCounts, tokenQuotes } from "./capture.ts";

describe("openrouter endpoints JSON", () => {
  const result = parseOpenRouterEndpoints(captureFile(fixturePath("sources", "token", "openrouter_endpoints_gpt-oss-120b.json")));
  const quotes = tokenQuotes(result);

  it("makes one executable quote per endpoint, keyed by tag", () => {
    expect(quotes).toEqual([
      {
        kind: "token", provider: "deepinfra", model: "openai/gpt-oss-120b", endpointId: "deepinfra/fp4", quantization: "fp4",
        currency: "USD", perTokens: 1, input: "0.00000005", output: "0.00000045", cachedInput: null, cacheWrite: null,
        tier: "executable_quote", volumeTokens: null, observedAt: null, locator: "endpoints[0] deepinfra/fp4",
      },
      expect.objectContaining({ provider: "deepinfra", endpointId: "deepinfra/turbo", quantization: "fp8", cachedInput: "0.00000005" }),
    ]);
  });

  it("skips with reasons", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({ "status -2: endpoint not serving": 1, free: 1, "no endpoint id or provider": 1 });
  });
});

describe("openrouter endpoints CSV", () => {
  const result = parseOpenRouterEndpoints(captureFile(fixturePath("sources", "token", "openrouter_endpoints.csv")));
  const quotes = tokenQuotes(result);

  it("quotes every serving endpoint, two SKUs of one provider kept apart", () => {
    expect(quotes.map((q) => [q.provider, q.quantization, q.input, q.output])).toEqual([
      ["groq", "fp16", "0.00000059", "0.00000079"],
      ["deepinfra", "fp8", "0.00000013", "0.00000039"],
      ["deepinfra", "bf16", "0.00000023", "0.0000004"],
      ["anthropic", "unknown", "0.000003", "0.000015"],
    ]);
    const sonnet = quotes[3];
    expect(sonnet).toMatchObject({
      model: "anthropic/claude-sonnet-5", endpointId: "00000000-0000-4000-8000-000000000008",
      cachedInput: "0.0000003", cacheWrite: "0.00000375", observedAt: "2026-08-08T15:31:24.000Z", locator: "row 10 00000000-0000-4000-8000-000000000008",
    });
  });

  it("skips with reasons, the alias duplicate included", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      free: 1, disabled: 1, "status -5: endpoint not serving": 1, "variant batch: kept out of the base quote": 1,
      "duplicate endpoint_id (also listed under anthropic/claude-sonnet-5)": 1, "router: no fixed price": 1,
    });
    expect(quotes.length + result.skipped.length).toBe(10);
  });

  it("rejects what is neither format", () => {
    expect(() => parseOpenRouterEndpoints(captureOf("a,b\n1,2\n"))).toThrow(SourceParseError);
    expect(() => parseOpenRouterEndpoints(captureOf('{"data":[]}'))).toThrow(SourceParseError);
    expect(() => parseOpenRouterEndpoints(captureOf("<!doctype html>"))).toThrow(SourceParseError);
  });

  it("requests the endpoints of the configured index models", () => {
    expect(openrouterEndpoints.requests(null).length).toBe(INDEX_ENDPOINT_MODELS.length);
    expect(makeOpenRouterEndpoints(["openai/gpt-oss-20b"]).requests(null)).toEqual([
      { url: "https://openrouter.ai/api/v1/models/openai/gpt-oss-20b/endpoints" },
    ]);
  });
});

describeShared("openrouter endpoints CSV", () => {
  const files = sharedFiles("openrouter", /^endpoints_.*\.csv$/);
  const spot: Record<string, [string, string, string, string][]> = {
    "endpoints_2026-07-17.csv": [
      ["85835306-dba3-4334-87bc-ab9ffa5c9c62", "deepinfra", "0.000000037", "0.00000017"],
      ["38ee5d29-5f91-486e-8485-eaf2408ee328", "deepinfra", "0.00000015", "0.0000006"],
    ],
    "endpoints_2026-08-08.csv": [
      ["8f74ff86-f435-4f1b-aea0-f7869c7eaa51", "novita", "0.000000135", "0.0000004"],
      ["7427a4ca-e462-4d5f-94e0-41666c4a6593", "cloudflare", "0.000000293", "0.000002253"],
      ["0d4cc43e-1b8b-4694-b2d5-57ea43dc0909", "groq", "0.00000059", "0.00000079"],
    ],
  };
  it("finds the captures", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    const name = file.split("/").pop() ?? file;
    it(`parses ${name}`, () => {
      const rows = (parseCsv(readFileSync(file), { columns: true }) as unknown[]).length;
      const result = parseOpenRouterEndpoints(captureFile(file));
      const quotes = tokenQuotes(result);
      expectReasoned(result);
      expect(quotes.length + result.skipped.length).toBe(rows);
      expect(new Set(quotes.map((q) => q.endpointId)).size).toBe(quotes.length);
      for (const [id, provider, input, output] of spot[name] ?? []) {
        const q = quotes.find((x) => x.endpointId === id);
        expect([q?.provider, q?.input, q?.output]).toEqual([provider, input, output]);
      }
      console.log(`${name}: rows=${rows} quotes=${quotes.length} skipped=${result.skipped.length}`, reasonCounts(result, (r) => r.replace(/\(also listed under .*\)/, "")));
    });
  }
});
