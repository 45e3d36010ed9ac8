import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { parseVastai, vastai } from "../../../src/sources/gpu/vastai.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { fixturePath } from "../../helpers/shared.ts";

const capture = (bytes: Uint8Array | string, url = "https://console.vast.ai/api/v0/bundles/") => ({
  sourceId: "vastai",
  url,
  fetchedAt: "2026-11-21T05:05:00.000Z",
  contentType: "application/json",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const gpu = (quotes: unknown[]) => quotes as GpuQuote[];

describe("vastai bundles", () => {
  const r = parseVastai(capture(readFileSync(fixturePath("sources/gpu/vastai_bundles.json"))));
  it("keeps one executable quote per verified reliable offer, plus its minimum bid as spot", () => {
    expect(gpu(r.quotes).map((q) => [q.sku, q.term, q.price, q.gpuCount, q.region])).toEqual([
      ["1x RTX 4090", "on_demand", "0.3411111", "1", "Texas, US"],
      ["1x RTX 4090", "spot", "0.1722", "1", "Texas, US"],
      ["8x H100 SXM", "on_demand", "17.8666667", "8", "Colorado, US"],
    ]);
    expect(gpu(r.quotes)[2]).toMatchObject({
      provider: "vastai", gpuName: "H100 SXM", gpuMemoryGiB: 81559 / 1024, priceBasis: "instance", tier: "executable_quote",
      offers: 1, vcpus: 16, locator: "offers[1] id 2 machine 10002",
    });
  });
  it("records every skip with its reason", () => {
    expect(r.skipped.map((s) => [s.locator.split(" ")[0], s.reason])).toEqual([
      ["offers[2]", "reliability 0.912 below 0.95"],
      ["offers[3]", "host not verified (unverified)"],
      ["offers[4]", "not rentable (already rented)"],
      ["offers[5]", "no price"],
      ["offers[6]", "no GPU count or name"],
    ]);
  });
  it("throws on other shapes", () => {
    expect(() => parseVastai(capture("[]"))).toThrow(SourceParseError);
    expect(() => parseVastai(capture("<!doctype html><title>Cloudflare</title>"))).toThrow(/HTML/);
    expect(vastai.tier).toBe("executable_quote");
  });
});
