import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { curatedOffers, parseCuratedOffers } from "../../../src/sources/gpu/curated-offers.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedPath } from "../../helpers/shared.ts";

const capture = (bytes: Uint8Array | string, url = "./curated_offers_2026-05-24.json") => ({
  sourceId: "curated-offers",
  url,
  fetchedAt: "2026-11-21T05:05:00.000Z",
  contentType: "application/json",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const gpu = (quotes: unknown[]) => quotes as GpuQuote[];

describe("curated offers", () => {
  const r = parseCuratedOffers(capture(readFileSync(fixturePath("sources/gpu/curated_offers.json")), "./curated_offers.json"));
  it("emits one per-GPU quote per offer with the offer's provider", () => {
    expect(gpu(r.quotes).map((q) => [q.provider, q.sku, q.term, q.price])).toEqual([
      ["acme", "acme-h100-sxm-on-demand", "on_demand", "2.49"],
      ["acme", "acme-rtx-4090-spot", "spot", "0.19"],
    ]);
    expect(gpu(r.quotes)[0]).toMatchObject({
      gpuName: "H100", gpuMemoryGiB: 80, gpuCount: "1", priceBasis: "gpu", tier: "list_price", vcpus: 26, memoryGiB: 225,
      observedAt: "2026-05-24T00:00:00.000Z",
      gpuInfo: "NVIDIA SXM; tier on-demand; 8x node, priced per GPU; Sold in 8x nodes; https://acme.example/pricing",
    });
    expect(r.skipped).toEqual([
      { locator: "[2] nobody-a100", reason: "no provider" },
      { locator: "[3] acme-l4-contact-sales", reason: "no price" },
    ]);
    expect(curatedOffers.requests(null)).toEqual([]);
    expect(() => parseCuratedOffers(capture('{"offers":[]}'))).toThrow(SourceParseError);
  });
});

describeShared("curated offers capture", () => {
  it("curated_offers_2026-05-24.json: 310 offers of 21 providers", () => {
    const r = parseCuratedOffers(capture(readFileSync(sharedPath("gpu-apis", "curated_offers_2026-05-24.json"))));
    expect(r.quotes.length + r.skipped.length).toBe(310);
    expect(r.quotes.length).toBe(310);
    expect(new Set(r.quotes.map((q) => q.kind === "gpu" && q.provider)).size).toBe(21);
    const q = gpu(r.quotes);
    expect(q.find((x) => x.sku === "akash-rtx-4060-ti-marketplace")).toMatchObject({ provider: "akash", price: "0.04", term: "spot" });
    expect(q.find((x) => x.sku === "vultr-l40s-bare-metal-on-demand")).toMatchObject({ price: "0.848", term: "on_demand" });
  });
});
