import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { parseRunpod, runpod } from "../../../src/sources/gpu/runpod.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";

const capture = (bytes: Uint8Array | string) => ({
  sourceId: "runpod",
  url: "https://api.runpod.io/graphql?query=...",
  fetchedAt: "2026-11-21T04:25:00.000Z",
  contentType: "application/json",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const gpu = (quotes: unknown[]) => quotes as GpuQuote[];

describe("runpod gpuTypes", () => {
  const r = parseRunpod(capture(readFileSync(fixturePath("sources/gpu/runpod_gpuTypes.json"))));
  it("emits one per-GPU quote per offered cloud and term", () => {
    expect(gpu(r.quotes).map((q) => [q.sku, q.term, q.price])).toEqual([
      ["NVIDIA H100 80GB HBM3:secure", "on_demand", "2.69"],
      ["NVIDIA H100 80GB HBM3:secure", "spot", "1.75"],
      ["NVIDIA H100 80GB HBM3:secure", "term_3m", "2.287"],
      ["NVIDIA H100 80GB HBM3:secure", "term_6m", "2.153"],
      ["NVIDIA H100 80GB HBM3:community", "on_demand", "2.39"],
      ["AMD Instinct MI300X OAM:secure", "on_demand", "2.49"],
      ["NVIDIA GeForce RTX 4090:community", "on_demand", "0.34"],
      ["NVIDIA GeForce RTX 4090:community", "spot", "0.2"],
    ]);
    expect(gpu(r.quotes)[0]).toMatchObject({
      provider: "runpod", gpuName: "NVIDIA H100 80GB HBM3", gpuInfo: "H100 SXM", gpuMemoryGiB: 80, gpuCount: "1",
      priceBasis: "gpu", currency: "USD", region: "", tier: "list_price", locator: "[0] securePrice",
    });
  });
  it("skips a GPU type only when it yields no quote at all", () => {
    expect(r.skipped).toEqual([{ locator: "[3]", reason: "no price: unknown is not offered in any cloud" }]);
  });
  it("needs a key; the GraphQL query rides in the GET URL", () => {
    expect(runpod.requests(null)).toEqual([]);
    const url = new URL(runpod.requests("k")[0]!.url);
    expect(url.searchParams.get("api_key")).toBe("k");
    expect(url.searchParams.get("query")).toContain("gpuTypes");
  });
  it("throws on GraphQL errors and other shapes", () => {
    expect(() => parseRunpod(capture('{"errors":[{"message":"Unauthorized"}]}'))).toThrow(/GraphQL errors/);
    expect(() => parseRunpod(capture('{"data":{}}'))).toThrow(SourceParseError);
    expect(() => parseRunpod(capture("[{"))).toThrow(/truncated/);
  });
});

describeShared("runpod gpuTypes captures", () => {
  const files = sharedFiles("gpu-apis", /^runpod_gpuTypes_.*\.json$/);
  it("finds the real files", () => expect(files.length).toBe(2));
  for (const file of files) {
    it(`${file.split("/").pop()}: every GPU type is quoted or skipped`, () => {
      const raw = readFileSync(file);
      const types = (JSON.parse(raw.toString()) as unknown[]).length;
      const r = parseRunpod(capture(raw));
      const quotedTypes = new Set(r.quotes.map((q) => q.locator.split(" ")[0]));
      expect(quotedTypes.size + r.skipped.length).toBe(types);
      expect(r.quotes.length).toBe(149);
      const q = gpu(r.quotes);
      expect(q.find((x) => x.sku === "NVIDIA A100 80GB PCIe:secure" && x.term === "on_demand")?.price).toBe("1.64");
      expect(q.find((x) => x.sku === "NVIDIA A100-SXM4-80GB:community" && x.term === "spot")?.price).toBe("0.79");
      expect(q.some((x) => x.sku === "AMD Instinct MI300X OAM:community")).toBe(false);
    });
  }
});
