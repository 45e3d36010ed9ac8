import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GpuQuote } from "../../../src/schemas/quote.ts";
import { aws, filterAwsPriceListStream, parseAws, splitCsvLine } from "../../../src/sources/gpu/aws.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { fixturePath } from "../../helpers/shared.ts";

const FIXTURE = fixturePath("sources/gpu/aws_ec2_us-east-1_index.csv");
const URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.csv";
const capture = (bytes: Uint8Array | string) => ({
  sourceId: "aws",
  url: URL,
  fetchedAt: "2026-11-21T04:10:00.000Z",
  contentType: "text/csv",
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function collect(iter: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const line of iter) text += line;
  return text;
}

describe("aws price list parse", () => {
  const r = parseAws(capture(readFileSync(FIXTURE)));
  it("keeps Linux shared on-demand and standard No Upfront reserved GPU rows", () => {
    const q = r.quotes as GpuQuote[];
    expect(q.map((x) => [x.sku, x.term, x.price, x.gpuCount])).toEqual([
      ["p5.48xlarge", "on_demand", "55.04", "8"],
      ["p5.48xlarge", "term_12m", "35.776", "8"],
      ["g6.xlarge", "on_demand", "0.8048", "1"],
    ]);
    expect(q[0]).toMatchObject({
      provider: "aws", gpuName: "", priceBasis: "instance", currency: "USD", region: "us-east-1", vcpus: 192, memoryGiB: 2048,
      gpuInfo: "GPU instance; GPU Memory: 640 GB per instance", tier: "list_price",
      locator: "row 1 AAAAP5LINUX00001.JRTCKXETXF.6YS6EN2CT7",
    });
  });
  it("records every skip with its reason", () => {
    expect(r.skipped.map((s) => [s.locator.split(" ").slice(0, 2).join(" "), s.reason])).toEqual([
      ["row 2", "no GPU"],
      ["row 3", 'operating system "Windows"'],
      ["row 4", 'tenancy "Dedicated"'],
      ["row 5", 'pre-installed software "SQL Web"'],
      ["row 6", 'capacity status "UnusedCapacityReservation"'],
      ["row 8", "reserved 3yr standard All Upfront: only standard No Upfront hourly rates are used"],
      ["row 9", "reserved 3yr standard All Upfront: only standard No Upfront hourly rates are used"],
      ["row 11", "AWS Trainium/Inferentia accelerator, not a GPU"],
      ["row 12", 'currency "EUR"'],
      ["row 13", "duplicate of row 10 (same instance type, region and term)"],
    ]);
    expect(r.quotes.length + r.skipped.length).toBe(13);
  });
  it("throws when the capture is not a price list", () => {
    expect(() => parseAws(capture("<html><body>Access Denied</body></html>"))).toThrow(SourceParseError);
    expect(() => parseAws(capture('"FormatVersion","v1.0"\n"SKU","TermType"\n"X","OnDemand"\n'))).toThrow(/missing required columns/);
    expect(() => parseAws(capture('"FormatVersion","v1.0"\n'))).toThrow(/header/);
  });
  it("requests one price list per region", () => {
    expect(aws.requests(null)[0]?.url).toBe(URL);
  });
});

describe("aws stream filter", () => {
  it("keeps the preamble, the header and the GPU-family rows, whatever the chunk size", async () => {
    const bytes = readFileSync(FIXTURE);
    const lines = bytes.toString().split("\n").filter((l) => l !== "");
    const expected = lines.filter((l) => !l.includes('"m5.large"')).join("\n") + "\n";
    for (const size of [1, 7, 64, 100_000]) {
      expect(await collect(filterAwsPriceListStream(chunks(bytes, size)))).toBe(expected);
    }
  });
  it("handles CRLF input and a last line without newline, and the filtered capture parses the same", async () => {
    const crlf = readFileSync(FIXTURE, "utf8").replace(/\n/g, "\r\n").replace(/\r\n$/, "");
    const filtered = await collect(filterAwsPriceListStream(chunks(new TextEncoder().encode(crlf), 333)));
    expect(filtered.includes("\r")).toBe(false);
    const direct = parseAws(capture(readFileSync(FIXTURE)));
    const viaFilter = parseAws(capture(filtered));
    expect(viaFilter.quotes.map((q) => q.kind === "gpu" && q.price)).toEqual(direct.quotes.map((q) => q.kind === "gpu" && q.price));
    expect(viaFilter.skipped.length).toBe(direct.skipped.length - 1);
  });
  it("splits quoted CSV lines", () => {
    expect(splitCsvLine('"a","b,c","d""e",,"f"')).toEqual(["a", "b,c", 'd"e', "", "f"]);
    expect(splitCsvLine("")).toEqual([""]);
    expect(splitCsvLine("a,")).toEqual(["a", ""]);
  });
});
