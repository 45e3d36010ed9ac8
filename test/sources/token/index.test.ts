import { validate } from "node-cron";
import { describe, expect, it } from "vitest";
import { tokenSources } from "../../../src/sources/token/index.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { captureOf } from "./capture.ts";

describe("token source registry", () => {
  it("lists every token source once", () => {
    expect(tokenSources.map((s) => s.id)).toEqual([
      "openrouter", "openrouter-endpoints", "openrouter-volume", "litellm", "genai-prices",
      "deepinfra", "huggingface", "china-cny", "llm-prices",
    ]);
  });

  for (const source of tokenSources) {
    it(`${source.id}: declares a valid schedule, https requests, a drift guard`, () => {
      expect(source.kind).toBe("token");
      expect(validate(source.schedule)).toBe(true);
      expect(source.homepage).toMatch(/^https:\/\//);
      for (const r of source.requests(null)) expect(r.url).toMatch(/^https:\/\//);
      expect(source.minQuotes ?? 0).toBeGreaterThanOrEqual(1);
    });

    it(`${source.id}: rejects an HTML error page as a whole`, () => {
      expect(() => source.parse(captureOf("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"))).toThrow(SourceParseError);
    });
  }
});
