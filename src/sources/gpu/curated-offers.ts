// Hand-curated single-GPU offers of many providers (one JSON array, each offer with its source_url).
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, numOrNull, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Each offer: `price_usd_hour` per GPU-hour, `is_spot` for the term, `provider_id` as provider,
 * `collected_at` (a date) as observedAt at 00:00 UTC of that day. The file's own `tier`
 * (on-demand, spot, marketplace, community, secure...) and caveats stay in gpuInfo.
 */
export function parseCuratedOffers(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "curated-offers");
  if (!Array.isArray(json)) throw new SourceParseError("curated-offers: expected a JSON array of offers");
  const out = new QuoteCollector();
  json.forEach((raw, i) => {
    const offer = asRecord(raw) ?? {};
    const id = str(offer["id"]);
    const locator = `[${i}] ${id}`;
    const provider = str(offer["provider_id"]);
    if (provider === "") return out.skip(locator, "no provider");
    const price = decOrNull(offer["price_usd_hour"]);
    if (price === null || price.lte(0)) return out.skip(locator, "no price");
    const collected = str(offer["collected_at"]);
    const caveats = Array.isArray(offer["caveats"]) ? offer["caveats"].map(str).filter((s) => s) : [];
    const info = [
      [str(offer["gpu_brand"]), str(offer["interconnect"])].filter((s) => s).join(" "),
      str(offer["tier"]) && `tier ${str(offer["tier"])}`,
      str(offer["notes"]),
      ...caveats,
      str(offer["source_url"]),
    ].filter((s) => s);
    const vram = numOrNull(offer["vram_gb"]);
    out.gpu({
      kind: "gpu",
      provider,
      sku: id,
      gpuName: str(offer["gpu_model"]),
      gpuInfo: info.join("; ") || null,
      gpuMemoryGiB: vram && vram > 0 ? vram : null,
      gpuCount: "1",
      price: plain(price),
      priceBasis: "gpu",
      // The file lists single-GPU offers only: gpuCount 1 is the unit it states.
      gpuUnit: "stated",
      currency: "USD",
      term: offer["is_spot"] === true ? "spot" : "on_demand",
      region: "",
      vcpus: numOrNull(offer["vcpu"]),
      memoryGiB: numOrNull(offer["ram_gb"]),
      tier: "list_price",
      observedAt: DATE.test(collected) ? `${collected}T00:00:00.000Z` : null,
      locator,
    });
  });
  return out.result;
}

export const curatedOffers: SourceDef = {
  id: "curated-offers",
  title: "Curated single-GPU offers (file import)",
  kind: "gpu",
  // No single home: each offer carries its own source_url.
  homepage: "file import (each offer names its source_url)",
  // Nothing to fetch (requests() is empty): the file is ingested by hand (`cpi ingest curated-offers <file>`).
  schedule: "0 0 1 1 *",
  tier: "list_price",
  requests: () => [],
  parse: parseCuratedOffers,
  minQuotes: 1,
};
