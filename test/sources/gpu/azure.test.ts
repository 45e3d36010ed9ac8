import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { azure, azureNextPage, parseAzure } from "../../../src/sources/gpu/azure.ts";
import { azureGpuSize, azureSizeKey } from "../../../src/sources/gpu/azure-sizes.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedPath } from "../../helpers/shared.ts";

const capture = (bytes: Uint8Array | string) => ({
  sourceId: "azure",
  url: azure.requests(null)[0]!.url,
  fetchedAt: "2026-11-21T03:40:00.000Z",
  contentType: "application/json",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const file = (name: string) => capture(readFileSync(fixturePath("sources/gpu", name)));
const gpu = (quotes: unknown[]) => quotes as GpuQuote[];

describe("azure sizes", () => {
  it("normalizes both spellings of a size and knows its GPU count", () => {
    expect(azureSizeKey("Standard_ND96isr_H100_v5")).toBe(azureSizeKey("ND96isrH100v5 Spot"));
    expect(azureGpuSize("Standard_ND96isr_H100_v5")?.gpus).toBe("8");
    expect(azureGpuSize("Standard_ND96amsr_A100_v4")?.gpus).toBe("8");
    expect(azureGpuSize("Standard_NC24ads_A100_v4")?.gpus).toBe("1");
    expect(azureGpuSize("Standard_NC40ads_H100_v5")?.gpus).toBe("1");
    expect(azureGpuSize("Standard_NC80adis_H100_v5")?.gpus).toBe("2");
    expect(azureGpuSize("Standard_ND96is_MI300X_v5")?.gpus).toBe("8");
    expect(azureGpuSize("Standard_NC4as_T4_v3")?.gpus).toBe("1");
    expect(azureGpuSize("Standard_NV6ads_A10_v5")).toBeNull();
  });
});

describe("azure retail API page", () => {
  const r = parseAzure(file("azure_retail_page.json"));
  it("emits hourly consumption, spot and converted reservation quotes", () => {
    expect(gpu(r.quotes).map((q) => [q.locator, q.sku, q.term, q.price, q.gpuCount, q.region])).toEqual([
      ["Items[0]", "Standard_ND96isr_H100_v5", "on_demand", "98.32", "8", "eastus"],
      ["Items[1]", "Standard_ND96isr_H100_v5 Spot", "spot", "40.271872", "8", "eastus"],
      ["Items[2]", "Standard_ND96isr_H100_v5 Low Priority", "spot", "19.664", "8", "eastus"],
      ["Items[3]", "Standard_ND96isr_H100_v5", "term_12m", "62.92477168949771689497716894977168949772", "8", "eastus"],
      ["Items[4]", "Standard_ND96isr_H100_v5", "term_36m", "43.16248097412480974124809741248097412481", "8", "eastus"],
      ["Items[8]", "Standard_NC24ads_A100_v4", "on_demand", "3.673", "1", "westeurope"],
    ]);
    expect(gpu(r.quotes)[0]).toMatchObject({
      provider: "azure", gpuName: "H100 SXM", gpuMemoryGiB: 80, priceBasis: "instance", currency: "USD", tier: "list_price",
      gpuInfo: "Virtual Machines NDsr H100 v5 Series; ND96isr H100 v5",
    });
    expect(gpu(r.quotes)[3]?.gpuInfo).toContain("reservation 1 Year total 551221 / 8760 h");
  });
  it("records every skip with its reason", () => {
    expect(r.skipped).toEqual([
      { locator: "Items[5]", reason: "reservation total, not hourly" },
      { locator: "Items[6]", reason: "dev/test price" },
      { locator: "Items[7]", reason: "Windows (licence included in the price)" },
      { locator: "Items[9]", reason: "not a GPU SKU" },
      { locator: "Items[10]", reason: "unknown GPU count for SKU" },
      { locator: "Items[11]", reason: 'unsupported currency "GBP"' },
      { locator: "Items[12]", reason: "no price" },
    ]);
  });
  it("follows NextPageLink and stops at the last page", () => {
    expect(azureNextPage(file("azure_retail_page.json"))).toMatch(/\$skip=100$/);
    expect(azureNextPage(capture('{"Items":[],"NextPageLink":null}'))).toBeNull();
    expect(azure.requests(null)[0]!.url).toContain(encodeURIComponent("contains(armSkuName, 'Standard_N')"));
  });
});

describe("azure reshaped format", () => {
  it("never takes a reservation total as hourly, and skips Windows, hosts and duplicates", () => {
    const r = parseAzure(file("azure_retail_reshaped.json"));
    expect(gpu(r.quotes).map((q) => [q.locator, q.term, q.price, q.gpuCount])).toEqual([
      ["[0]", "on_demand", "98.32", "8"],
      ["[2]", "spot", "40.271872", "8"],
      ["[3]", "spot", "0.735", "1"],
      ["[7]", "on_demand", "27.197", "8"],
    ]);
    expect(r.skipped.map((s) => [s.locator, s.reason.split(" (")[0]])).toEqual([
      ["[1]", "reservation total, not hourly"],
      ["[4]", "duplicate of [3]"],
      ["[5]", "Windows"],
      ["[6]", "dedicated host, not a VM price"],
    ]);
  });
  it("throws on other shapes", () => {
    expect(() => parseAzure(capture('{"value":[]}'))).toThrow(SourceParseError);
    expect(() => parseAzure(capture('{"Items":[{"retailPrice":1'))).toThrow(/truncated/);
    expect(() => parseAzure(capture("<html><body>502</body></html>"))).toThrow(/HTML/);
  });
});

describeShared("azure reshaped capture", () => {
  it("azure_retail_reshaped_2025-06-21.json: counts, trap and spot-checks", () => {
    const raw = readFileSync(sharedPath("gpu-apis", "azure_retail_reshaped_2025-06-21.json"));
    const rows = (JSON.parse(raw.toString()) as unknown[]).length;
    const r = parseAzure(capture(raw));
    expect(r.quotes.length + r.skipped.length).toBe(rows);
    expect(r.quotes.length).toBe(445);
    const q = gpu(r.quotes);
    expect(q.some((x) => Number(x.price) > 1000)).toBe(false);
    expect(q.find((x) => x.sku === "ND96isrH100v5" && x.region === "eastus" && x.term === "on_demand")?.price).toBe("98.32");
    expect(q.find((x) => x.sku === "Standard_NC24ads_A100_v4 Spot" && x.region === "eastus")).toBeDefined();
    expect(q.filter((x) => x.sku === "NC40adsH100v5" && x.term === "on_demand").map((x) => x.price)).toContain("6.98");
    expect(r.skipped.filter((s) => s.reason.startsWith("reservation total")).length).toBe(359);
  });
});
