import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { gcp, gcpNextPage, parseGcp } from "../../../src/sources/gpu/gcp.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedPath } from "../../helpers/shared.ts";

const URL = "https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?pageSize=5000&key=K";
const capture = (bytes: Uint8Array | string) => ({
  sourceId: "gcp",
  url: URL,
  fetchedAt: "2026-11-21T04:50:00.000Z",
  contentType: "application/json",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const page = () => capture(readFileSync(fixturePath("sources/gpu/gcp_billing_skus_page.json")));
const gpu = (quotes: unknown[]) => quotes as GpuQuote[];

describe("gcp billing catalog", () => {
  const r = parseGcp(page());
  it("emits one per-GPU attach quote per service region, price = units + nanos/1e9 exactly", () => {
    expect(gpu(r.quotes).map((q) => [q.locator, q.term, q.price, q.region])).toEqual([
      ["AAAA-0001-A100 us-central1", "on_demand", "2.933908", "us-central1"],
      ["AAAA-0001-A100 us-east1", "on_demand", "2.933908", "us-east1"],
      ["AAAA-0002-H100", "spot", "2.253", "us-east4"],
      ["AAAA-0003-H100", "term_36m", "4.000005", "us-east4"],
    ]);
    expect(gpu(r.quotes)[2]).toMatchObject({
      provider: "gcp", sku: "AAAA-0002-H100", gpuName: "Nvidia H100 80GB", gpuMemoryGiB: 80, gpuCount: "1",
      priceBasis: "gpu", currency: "USD", tier: "list_price",
      gpuInfo: "attach price: GPU only, VM extra; Nvidia H100 80GB GPU attached to Spot Preemptible VMs running in Virginia",
    });
  });
  it("records every skip with its reason", () => {
    expect(r.skipped).toEqual([
      { locator: "AAAA-0004-LIC", reason: "licence fee, not a GPU price" },
      { locator: "AAAA-0005-CPU", reason: "not a GPU SKU" },
      { locator: "AAAA-0006-H200", reason: "reserved capacity (calendar mode), not an on-demand or committed rate" },
      { locator: "AAAA-0007-L4", reason: "DWS defined-duration (flex-start) VM price, a separate product" },
      { locator: "AAAA-0008-T4", reason: "no price" },
      { locator: "AAAA-0009-P4", reason: "2 price tiers, expected one" },
    ]);
  });
  it("needs a key and pages by nextPageToken", () => {
    expect(gcp.requiresKey?.env).toBe("CPI_GCP_API_KEY");
    expect(gcp.requests(null)).toEqual([]);
    expect(gcp.requests("k")[0]?.url).toBe("https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?pageSize=5000&key=k");
    expect(gcpNextPage(page())).toBe(`${URL}&pageToken=AAAAtokenPage2`);
    expect(gcpNextPage(capture('{"skus":[],"nextPageToken":""}'))).toBeNull();
  });
  it("throws on unusable captures", () => {
    expect(() => parseGcp(capture('{"error":{"code":403}}'))).toThrow(SourceParseError);
    expect(() => parseGcp(capture('{"skus":[{"skuId":'))).toThrow(/truncated/);
  });
});

describeShared("gcp billing catalog capture", () => {
  it("gcp_billing_catalog_gpu_skus_2025-06-17.json: counts and spot-checks", () => {
    const raw = readFileSync(sharedPath("gpu-apis", "gcp_billing_catalog_gpu_skus_2025-06-17.json"));
    const count = (JSON.parse(raw.toString()) as unknown[]).length;
    const r = parseGcp(capture(raw));
    // This capture has no serviceRegions: one quote per SKU, region from the description.
    expect(new Set(r.quotes.map((q) => q.locator)).size + r.skipped.length).toBe(count);
    expect(r.quotes.length).toBe(1142);
    expect(r.skipped.length).toBe(490);
    const q = gpu(r.quotes);
    expect(q.find((x) => x.sku === "039F-D0DA-4055")).toMatchObject({ price: "2.933908", term: "on_demand", region: "Americas" });
    expect(q.find((x) => x.sku === "5034-88A0-BA40")).toMatchObject({ price: "1.7632", term: "spot", region: "Virginia" });
    expect(q.find((x) => x.sku === "4004-03BA-9F82")).toMatchObject({ price: "4.299899", term: "term_36m" });
    expect(q.find((x) => x.sku === "F428-34E7-9E4E")).toMatchObject({ price: "6.798809", term: "term_12m" });
  });
});
