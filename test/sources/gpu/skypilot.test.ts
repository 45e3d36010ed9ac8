import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { parseSkypilot, skypilot, skypilotCloud } from "../../../src/sources/gpu/skypilot.ts";
import { memoryPerGpuGiB, parseGpuInfo, pythonReprToJson } from "../../../src/sources/gpu/skypilot-gpuinfo.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedFiles } from "../../helpers/shared.ts";

const AWS_URL = "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/aws/vms.csv";
const capture = (url: string, bytes: Uint8Array | string) => ({
  sourceId: "skypilot",
  url,
  fetchedAt: "2026-11-21T12:00:00.000Z",
  contentType: "text/csv",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const fromFile = (path: string, url = path) => parseSkypilot(capture(url, readFileSync(path)));
const gpuQuotes = (r: ReturnType<typeof parseSkypilot>) => r.quotes as GpuQuote[];
const rowsOf = (path: string) => readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l !== "").length - 1;

describe("skypilot provider", () => {
  it("comes from the catalog URL, else from the file name", () => {
    expect(skypilotCloud(AWS_URL)).toBe("aws");
    expect(skypilotCloud("./v6_vast.csv")).toBe("vast");
    expect(skypilotCloud("/x/v5_lambda_us-east-1.csv")).toBe("lambda");
    expect(skypilotCloud("v0_gcp_2022-01-08.csv")).toBe("gcp");
    expect(skypilotCloud("/tmp/runpod/vms.csv")).toBe("runpod");
    expect(skypilotCloud("/tmp/prices.csv")).toBeNull();
    expect(() => parseSkypilot(capture("/tmp/prices.csv", "InstanceType\n"))).toThrow(SourceParseError);
  });
  it("requests one vms.csv per v8 cloud", () => {
    const urls = skypilot.requests(null).map((r) => r.url);
    expect(urls).toContain(AWS_URL);
    expect(urls.every((u) => /catalogs\/v8\/[a-z]+\/vms\.csv$/.test(u))).toBe(true);
  });
});

describe("skypilot parse (own fixtures)", () => {
  const aws = fromFile(fixturePath("sources/gpu/skypilot_aws_vms.csv"), AWS_URL);

  it("emits on-demand and spot quotes per instance with exact prices", () => {
    const p5 = gpuQuotes(aws).filter((q) => q.sku === "p5.48xlarge");
    expect(p5.map((q) => [q.term, q.price])).toEqual([["on_demand", "55.04"], ["spot", "23.1071"]]);
    expect(p5[0]).toMatchObject({
      provider: "aws", gpuName: "H100", gpuCount: "8", priceBasis: "instance", currency: "USD",
      region: "us-east-1", vcpus: 192, memoryGiB: 2048, tier: "list_price", locator: "row 2", gpuMemoryGiB: 80,
    });
  });
  it("reads JSON GpuInfo, keeps fractional counts, and gives no per-GPU memory for a slice", () => {
    const g5 = gpuQuotes(aws).filter((q) => q.sku === "g5.xlarge");
    expect(g5).toHaveLength(1);
    expect(g5[0]).toMatchObject({ term: "on_demand", gpuMemoryGiB: 24, price: "1.006" });
    const g4ad = gpuQuotes(aws).find((q) => q.sku === "g4ad.xlarge");
    expect(g4ad).toMatchObject({ gpuCount: "0.5", gpuMemoryGiB: null, gpuName: "RadeonProV520" });
  });
  it("records every skip with its reason", () => {
    expect(aws.skipped).toEqual([
      { locator: "row 1", reason: "no accelerator" },
      { locator: "row 3", reason: "duplicate of row 2 (same offer; only the availability zone, if any, differs)" },
      { locator: "row 5", reason: "no price" },
      { locator: "row 7", reason: 'unusable price: Price "n/a", SpotPrice "9.8"' },
      { locator: "row 8", reason: "malformed row: 9 cells, header has 10" },
    ]);
  });
  it("parses CRLF files with another column order; a TOTAL memory for several GPUs stays null", () => {
    const vast = fromFile(fixturePath("sources/gpu/v6_vast_crlf.csv"));
    const q = gpuQuotes(vast);
    expect(vast.skipped).toEqual([]);
    expect(q.map((x) => [x.sku, x.term, x.price, x.gpuMemoryGiB])).toEqual([
      ["4x-H100_SXM-32-65536", "on_demand", "9.07", null],
      ["4x-H100_SXM-32-65536", "spot", "8", null],
      ["1x-H100_SXM-32-65536", "on_demand", "2.13", 81559 / 1024],
      ["1x-H100_SXM-32-65536", "spot", "1.87", 81559 / 1024],
      ["1x-RTX_4090-32-65536", "on_demand", "0.4", 24564 / 1024],
    ]);
    expect(q[0]).toMatchObject({ provider: "vast", region: "Florida, US, NA", gpuCount: "4" });
  });
  it("marks v0 GCP attach rows (no InstanceType) as GPU-only prices", () => {
    const gcp = fromFile(fixturePath("sources/gpu/v0_gcp_attach.csv"));
    const q = gpuQuotes(gcp);
    expect(q).toHaveLength(5);
    expect(q[2]).toMatchObject({
      provider: "gcp", sku: "", gpuName: "A100", gpuCount: "8", price: "23.512", priceBasis: "instance",
      gpuInfo: "attach price: GPU only, VM extra; A100", vcpus: null, memoryGiB: null,
    });
    expect(q[4]).toMatchObject({ gpuName: "tpu-v2-32", term: "on_demand", price: "24" });
    expect(gcp.skipped.map((s) => s.locator)).toEqual(["row 2"]);
  });
  it("throws on HTML, missing columns and truncated quoting", () => {
    expect(() => parseSkypilot(capture(AWS_URL, "<!DOCTYPE html><html>rate limited</html>"))).toThrow(/HTML/);
    expect(() => parseSkypilot(capture(AWS_URL, "InstanceType,Price\nx,1\n"))).toThrow(/missing required columns/);
    const truncated = 'InstanceType,AcceleratorName,AcceleratorCount,Price,Region,GpuInfo\np5,H100,8,55,us,"{\'Gpus';
    expect(() => parseSkypilot(capture(AWS_URL, truncated))).toThrow(SourceParseError);
  });
});

describe("GpuInfo", () => {
  it("converts Python repr to JSON", () => {
    expect(JSON.parse(pythonReprToJson("{'a': None, 'b': True, 'c': \"it's\"}")!)).toEqual({ a: null, b: true, c: "it's" });
    expect(parseGpuInfo("RTX_A6000")).toBeNull();
    expect(parseGpuInfo("{'Gpus': [")).toBeNull();
  });
  it("states memory per GPU only when unambiguous", () => {
    const info = (count: number, size: number, total: number) =>
      parseGpuInfo(`{'Gpus': [{'Name': 'X', 'Count': ${count}, 'MemoryInfo': {'SizeInMiB': ${size}}}], 'TotalGpuMemoryInMiB': ${total}}`);
    expect(memoryPerGpuGiB(info(1, 81920, 81920), 1)).toBe(80);
    expect(memoryPerGpuGiB(info(2, 81920, 163840), 2)).toBe(80);
    expect(memoryPerGpuGiB(info(4, 326236, 326236), 4)).toBeNull(); // vast: a total
    expect(memoryPerGpuGiB(info(8, 16384, 16384), 8)).toBeNull(); // lambda: per GPU, but total wrong
    expect(memoryPerGpuGiB(null, 1)).toBeNull();
  });
});

describeShared("skypilot catalogs", () => {
  const files = sharedFiles("skypilot", /\.csv$/);
  it("finds the real files", () => expect(files.length).toBeGreaterThanOrEqual(9));
  for (const file of files) {
    it(`${basename(file)}: every row is a quote or a reasoned skip`, () => {
      const result = fromFile(file);
      const quoted = new Set(result.quotes.map((q) => q.locator));
      const skipped = new Set(result.skipped.map((s) => s.locator));
      expect([...quoted].filter((l) => skipped.has(l))).toEqual([]);
      expect(quoted.size + skipped.size).toBe(rowsOf(file));
      expect(result.quotes.length).toBeGreaterThan(0);
      expect(result.quotes.every((q) => q.kind === "gpu" && q.provider === /^v\d+_([a-z]+)/.exec(basename(file))?.[1])).toBe(true);
    });
  }
  const pick = (name: string) => gpuQuotes(fromFile(files.find((f) => basename(f) === name)!));
  it("spot-checks real prices", () => {
    const lambda = pick("v8_lambda_us-east-1.csv");
    expect(lambda.find((q) => q.sku === "gpu_8x_h100_sxm5")).toMatchObject({ price: "31.92", gpuCount: "8", term: "on_demand" });
    expect(lambda.find((q) => q.sku === "gpu_1x_gh200")).toMatchObject({ price: "2.29", gpuMemoryGiB: 96 });
    const vast = pick("v6_vast.csv");
    expect(vast.filter((q) => q.sku === "8x-H100_SXM-32-65536").map((q) => q.price)).toEqual(["19.2", "18.13"]);
    const runpod = pick("v5_runpod.csv");
    expect(runpod.find((q) => q.sku === "1x_RTXA6000_SECURE" && q.term === "spot")).toMatchObject({ price: "0.49", region: "US" });
    const gcp = pick("v0_gcp_2022-01-08.csv");
    expect(gcp.find((q) => q.gpuName === "T4" && q.region === "us-west4" && q.term === "spot")).toMatchObject({ price: "0.069841" });
    const fluid = pick("v6_fluidstack.csv");
    expect(fluid.find((q) => q.sku === "H100_NVLINK_80GB::8")).toMatchObject({ price: "23.92", gpuMemoryGiB: 80 });
  });
});
