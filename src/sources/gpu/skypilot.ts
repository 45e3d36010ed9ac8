// SkyPilot catalog vms.csv (one per cloud): per-instance on-demand and spot list prices, mapped by header name.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { ATTACH_PRICE_NOTE } from "./attach-price.ts";
import { captureText } from "../capture-decoder.ts";
import { csvTable } from "../csv.ts";
import { numOrNull } from "../record-fields.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { memoryPerGpuGiB, parseGpuInfo } from "./skypilot-gpuinfo.ts";

const CATALOG_BASE = "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8";

/**
 * Cloud folders under catalogs/v8 that hold a vms.csv, as listed in
 * https://github.com/skypilot-org/skypilot-catalog/tree/master/catalogs/v8 (checked 2026-11).
 * Clouds of older versions only (fluidstack, paperspace, do, ibm, scp, vsphere) are left out: they 404 in v8.
 */
export const SKYPILOT_CLOUDS = [
  "aws", "azure", "cudo", "daytona", "gcp", "hyperbolic", "hyperstack", "jarvislabs", "lambda", "lium",
  "mithril", "nebius", "oci", "primeintellect", "runpod", "seeweb", "shadeform", "spheron", "vast",
  "verda", "yotta",
] as const;

const REQUIRED = ["InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region"] as const;

/**
 * The cloud a capture belongs to: the `catalogs/vN/<cloud>/` path segment of its URL, else a local
 * file's name (`v6_vast.csv` -> vast, `v5_lambda_us-east-1.csv` -> lambda), else `<cloud>/vms.csv`.
 */
export function skypilotCloud(url: string): string | null {
  const fromUrl = /catalogs\/v\d+\/([A-Za-z0-9_-]+)\//.exec(url);
  if (fromUrl) return fromUrl[1]!.toLowerCase();
  const name = url.split(/[\\/]/).pop() ?? "";
  const fromName = /^v\d+_([A-Za-z0-9]+)/.exec(name);
  if (fromName) return fromName[1]!.toLowerCase();
  const fromDir = /([A-Za-z0-9_-]+)[\\/]vms\.csv$/.exec(url);
  return fromDir ? fromDir[1]!.toLowerCase() : null;
}

function positivePrice(text: string): Dec | null | "bad" {
  if (text === "") return null;
  const value = decOrNull(text);
  return value === null || value.lte(0) ? "bad" : value;
}

/** Memory per GPU of a GpuInfo cell and AcceleratorCount, remembered per distinct pair within one capture. */
function memoryCache(): (rawInfo: string, count: string) => number | null {
  const memo = new Map<string, number | null>();
  return (rawInfo, count) => {
    const key = `${count}\u0001${rawInfo}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit = memoryPerGpuGiB(parseGpuInfo(rawInfo), numOrNull(count));
      memo.set(key, hit);
    }
    return hit;
  };
}

/** A cell by column index ("" when the column or cell is absent), trimmed. */
function at(cells: string[], i: number): string {
  return i < 0 ? "" : (cells[i] ?? "").trim();
}

export function parseSkypilot(capture: CaptureInput): ParseResult {
  const cloud = skypilotCloud(capture.url);
  if (cloud === null) throw new SourceParseError(`skypilot: cannot tell the cloud from "${capture.url}"`);
  const table = csvTable(captureText(capture), REQUIRED, "skypilot");
  const out = new QuoteCollector();
  const seen = new Map<string, number>();
  const width = table.header.length;
  const col = (name: string) => table.col.get(name) ?? -1;
  const c = {
    instanceType: col("InstanceType"), acceleratorName: col("AcceleratorName"), acceleratorCount: col("AcceleratorCount"),
    price: col("Price"), spotPrice: col("SpotPrice"), gpuInfo: col("GpuInfo"), region: col("Region"), vcpus: col("vCPUs"), memoryGiB: col("MemoryGiB"),
  };
  // Every column named AvailabilityZone is left out of the duplicate key (as "" would be).
  const inKey = table.header.map((name) => name !== "AvailabilityZone");
  const memory = memoryCache();
  for (const { row, cells } of table.rows) {
    if (cells.length !== width) {
      out.skip(`row ${row}`, `malformed row: ${cells.length} cells, header has ${width}`);
      continue;
    }
    // Rows identical but for the availability zone are one offer.
    let key = inKey[0] ? cells[0]!.trim() : "";
    for (let i = 1; i < width; i++) key += inKey[i] ? `\u0001${cells[i]!.trim()}` : "\u0001";
    const first = seen.get(key);
    if (first !== undefined) {
      out.skip(`row ${row}`, `duplicate of row ${first} (same offer; only the availability zone, if any, differs)`);
      continue;
    }
    seen.set(key, row);
    const gpuName = at(cells, c.acceleratorName);
    if (gpuName === "") {
      out.skip(`row ${row}`, "no accelerator");
      continue;
    }
    const countText = at(cells, c.acceleratorCount);
    const count = decOrNull(countText);
    if (count === null || count.lte(0)) {
      out.skip(`row ${row}`, "no accelerator");
      continue;
    }
    const priceText = at(cells, c.price);
    const spotText = at(cells, c.spotPrice);
    const onDemand = positivePrice(priceText);
    const spot = positivePrice(spotText);
    if (onDemand === "bad" || spot === "bad") {
      out.skip(`row ${row}`, `unusable price: Price "${priceText}", SpotPrice "${spotText}"`);
      continue;
    }
    if (onDemand === null && spot === null) {
      out.skip(`row ${row}`, "no price");
      continue;
    }
    const sku = at(cells, c.instanceType);
    const rawInfo = at(cells, c.gpuInfo);
    // An empty InstanceType is a GCP accelerator attach row: the price excludes the VM.
    const attach = sku === "";
    const gpuInfo = attach ? `${ATTACH_PRICE_NOTE}; ${rawInfo}` : rawInfo === "" ? null : rawInfo;
    const base = {
      kind: "gpu" as const,
      provider: cloud,
      sku,
      gpuName,
      gpuInfo,
      gpuMemoryGiB: memory(rawInfo, countText),
      gpuCount: plain(count),
      priceBasis: "instance" as const,
      gpuUnit: attach ? ("attach" as const) : ("stated" as const),
      currency: "USD" as const,
      region: at(cells, c.region),
      vcpus: attach ? null : numOrNull(at(cells, c.vcpus)),
      memoryGiB: attach ? null : numOrNull(at(cells, c.memoryGiB)),
      tier: "list_price" as const,
      locator: `row ${row}`,
    };
    if (onDemand !== null) out.gpu({ ...base, price: plain(onDemand), term: "on_demand" });
    if (spot !== null) out.gpu({ ...base, price: plain(spot), term: "spot" });
  }
  return out.result;
}

export const skypilot: SourceDef = {
  id: "skypilot",
  title: "SkyPilot catalog (vms.csv per cloud)",
  kind: "gpu",
  homepage: "https://github.com/skypilot-org/skypilot-catalog",
  // The catalog is refreshed about every 7 hours upstream.
  schedule: "20 */6 * * *",
  tier: "list_price",
  requests: () => SKYPILOT_CLOUDS.map((cloud) => ({ url: `${CATALOG_BASE}/${cloud}/vms.csv` })),
  parse: parseSkypilot,
  minQuotes: 1,
};
