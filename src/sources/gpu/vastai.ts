// Vast.ai marketplace offers (bundles search): one executable quote per verified, reliable, rentable offer.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, numOrNull, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";

/** Hosts below this reliability score are too likely to fail a rental to count as a price. */
export const MIN_RELIABILITY = 0.95;

/** A host is verified when `verification` says so (current API) or, without it, `verified` is true. */
function isVerified(offer: Record<string, unknown>): boolean {
  const verification = offer["verification"];
  return verification === undefined ? offer["verified"] === true : verification === "verified";
}

/**
 * Quotes per offer: `dph_total` (USD per hour for the whole offer, all its GPUs, default storage
 * included) as on_demand, and `min_bid` (the interruptible minimum bid, same unit) as spot when above 0.
 * Offers are kept one by one as a distribution (offers: 1); the methodology dedupes them.
 */
export function parseVastai(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "vastai");
  const offers = asRecord(json)?.["offers"];
  if (!Array.isArray(offers)) throw new SourceParseError("vastai: expected {offers:[...]}");
  const out = new QuoteCollector();
  offers.forEach((raw, i) => {
    const offer = asRecord(raw) ?? {};
    const locator = `offers[${i}] id ${str(offer["id"])} machine ${str(offer["machine_id"])}`;
    const skip = (reason: string) => out.skip(locator, reason);
    if (offer["rentable"] === false || offer["rented"] === true) return skip("not rentable (already rented)");
    if (!isVerified(offer)) return skip(`host not verified (${str(offer["verification"]) || String(offer["verified"])})`);
    const reliability = numOrNull(offer["reliability2"] ?? offer["reliability"]);
    if (reliability === null) return skip("no reliability score");
    if (reliability < MIN_RELIABILITY) return skip(`reliability ${reliability} below ${MIN_RELIABILITY}`);
    const gpus = decOrNull(offer["num_gpus"]);
    const gpuName = str(offer["gpu_name"]);
    if (gpus === null || gpus.lte(0) || gpuName === "") return skip("no GPU count or name");
    const onDemand = decOrNull(offer["dph_total"]);
    if (onDemand === null || onDemand.lte(0)) return skip("no price");
    const gpuRamMb = numOrNull(offer["gpu_ram"]);
    const cpuRamMb = numOrNull(offer["cpu_ram"]);
    const base = {
      kind: "gpu" as const,
      provider: "vastai",
      sku: `${plain(gpus)}x ${gpuName}`,
      gpuName,
      gpuInfo: [str(offer["hosting_type"]) && `hosting_type ${str(offer["hosting_type"])}`, `reliability ${reliability}`]
        .filter((s) => s)
        .join("; "),
      gpuMemoryGiB: gpuRamMb && gpuRamMb > 0 ? gpuRamMb / 1024 : null,
      gpuCount: plain(gpus),
      priceBasis: "instance" as const,
      gpuUnit: "stated" as const,
      currency: "USD" as const,
      region: str(offer["geolocation"]),
      vcpus: numOrNull(offer["cpu_cores_effective"]),
      memoryGiB: cpuRamMb && cpuRamMb > 0 ? cpuRamMb / 1024 : null,
      tier: "executable_quote" as const,
      locator,
      offers: 1,
    };
    out.gpu({ ...base, price: plain(onDemand), term: "on_demand" });
    const bid = decOrNull(offer["min_bid"]);
    if (bid !== null && bid.gt(0)) out.gpu({ ...base, price: plain(bid), term: "spot" });
  });
  return out.result;
}

export const vastai: SourceDef = {
  id: "vastai",
  title: "Vast.ai marketplace offers",
  kind: "gpu",
  homepage: "https://docs.vast.ai/api-reference/search/search-offers",
  schedule: "5 * * * *",
  tier: "executable_quote",
  requests: () => [{ url: "https://console.vast.ai/api/v0/bundles/" }],
  parse: parseVastai,
  minQuotes: 20,
};
