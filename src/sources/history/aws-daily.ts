// Importer of gpu-history aws_p5_48xlarge_daily_*.csv: AWS p5.48xlarge (8 x H100 SXM5 80 GB) on-demand, us-east-1, per instance-hour.
import { decOrNull, plain } from "../../normalize/money.ts";
import type { GpuQuote } from "../../schemas/quote.ts";
import { csvRecords } from "../csv.ts";
import { decodeBytes } from "../capture-decoder.ts";
import { dayNoon, isDay } from "./days.ts";
import { importSource, ImportCollector } from "./import-collector.ts";
import type { ImportContext, ImportResult } from "./types.ts";

export const FORMAT = "aws-daily";

/** What the instance holds (AWS EC2 P5 page: 8 x NVIDIA H100 80 GB HBM3, SXM5 on HGX); the file names only the instance. */
export const INSTANCES: Record<string, { gpus: number; gpuName: string; gpuMemoryGiB: number }> = {
  "p5.48xlarge": { gpus: 8, gpuName: "NVIDIA H100 SXM5 80GB", gpuMemoryGiB: 80 },
};

export function importAwsDaily(bytes: Uint8Array, ctx: ImportContext): ImportResult {
  const out = new ImportCollector(ctx, importSource(FORMAT));
  for (const { line, r } of csvRecords(decodeBytes(bytes), { trim: true })) {
    const loc = `line ${line}`;
    const stamp = r.timestamp ?? "";
    const day = stamp.slice(0, 10);
    if (!isDay(day)) {
      out.reject(loc, `bad timestamp "${stamp}"`);
      continue;
    }
    const inst = INSTANCES[r.instance ?? ""];
    if (!inst) {
      out.reject(loc, `unknown instance "${r.instance ?? ""}"`);
      continue;
    }
    const price = decOrNull(r.price_usd);
    if (price === null) {
      out.reject(loc, "empty price_usd (backfill row without a price)");
      continue;
    }
    const quote: GpuQuote = {
      kind: "gpu",
      provider: "aws",
      sku: r.instance ?? "",
      gpuName: inst.gpuName,
      gpuInfo: null,
      gpuMemoryGiB: inst.gpuMemoryGiB,
      gpuCount: String(inst.gpus),
      price: plain(price),
      priceBasis: "instance",
      gpuUnit: "stated",
      currency: "USD",
      term: "on_demand",
      region: "us-east-1",
      vcpus: null,
      memoryGiB: null,
      tier: "historical_import",
      observedAt: dayNoon(day),
      locator: loc,
      offers: null,
    };
    // Timestamps carry no zone: read as UTC (the collector ran on UTC); kept as written.
    out.quote(quote, loc, { fetchedAt: stamp.length > 10 ? stamp : null, instancePrice: plain(price) });
  }
  return out.result;
}
