// Azure Retail Prices API (paged Items) and a collector's reshaped copy of it: GPU VM hourly prices per region.
import type { CaptureInput } from "../../schemas/capture.ts";
import { Currency } from "../../schemas/quote.ts";
import type { ParseResult, Term } from "../../schemas/quote.ts";
import { dec, decOrNull, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { azureGpuSize, isAzureGpuSize } from "./azure-sizes.ts";

const FILTER =
  "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and contains(armSkuName, 'Standard_N')";
export const AZURE_URL = `https://prices.azure.com/api/retail/prices?$filter=${encodeURIComponent(FILTER)}`;

/** Hours a reservation term covers, to turn the API's term total into an hourly price. */
const RESERVATION_TERMS: Record<string, { term: Term; hours: number }> = {
  "1 Year": { term: "term_12m", hours: 8760 },
  "3 Years": { term: "term_36m", hours: 26280 },
};

/**
 * A reshaped row has no price type, and reservation totals sit beside hourly prices (ND96isr H100 v5:
 * 98.32 and 551221.0). No GPU-hour costs anywhere near this much; the smallest reservation total in the
 * 2025-06-21 capture is 21033 for one GPU, the largest hourly price 54 per GPU.
 */
const RESHAPED_MAX_PER_GPU_HOUR = 1000;

type Builder = QuoteCollector;

interface Row {
  locator: string;
  sku: string;
  /** Name with the Spot / Low Priority suffix as the API writes it (skuName or meterName). */
  label: string;
  productName: string;
  region: string;
  price: Dec | null;
  currency: string;
  unit: string;
}

/** Shared checks; returns the quote's pieces or null after recording a skip. */
function accept(row: Row, out: Builder) {
  const skip = (reason: string) => (out.skip(row.locator, reason), null);
  if (!isAzureGpuSize(row.sku)) return skip("not a GPU SKU");
  if (/\bWin(dows)?\b/i.test(row.productName)) return skip("Windows (licence included in the price)");
  if (/Dedicated Host/i.test(row.productName)) return skip("dedicated host, not a VM price");
  if (row.unit !== "1 Hour") return skip(`unit is "${row.unit}", not "1 Hour"`);
  const currency = Currency.safeParse(row.currency);
  if (!currency.success) return skip(`unsupported currency "${row.currency}"`);
  if (row.price === null || row.price.lte(0)) return skip("no price");
  const size = azureGpuSize(row.sku);
  if (size === null) return skip("unknown GPU count for SKU");
  const lowPriority = /Low Priority/i.test(row.label);
  const spot = lowPriority || /\bSpot\b/i.test(row.label);
  return { size, spot, currency: currency.data, price: row.price };
}

function emit(row: Row, out: Builder, term: Term | null, price: Dec, note: string | null): void {
  const ok = accept({ ...row, price }, out);
  if (ok === null) return;
  out.gpu({
    kind: "gpu",
    provider: "azure",
    sku: row.sku,
    gpuName: ok.size.gpu,
    gpuInfo: [row.productName, row.label, note].filter((s) => s).join("; "),
    gpuMemoryGiB: ok.size.memoryGiB,
    gpuCount: ok.size.gpus,
    price: plain(price),
    priceBasis: "instance",
    gpuUnit: "stated",
    currency: ok.currency,
    term: term ?? (ok.spot ? "spot" : "on_demand"),
    region: row.region,
    tier: "list_price",
    locator: row.locator,
  });
}

function parseApi(items: unknown[], out: Builder): void {
  items.forEach((raw, i) => {
    const item = asRecord(raw) ?? {};
    const label = str(item["skuName"]) || str(item["meterName"]);
    const lowPriority = /Low Priority/i.test(label) ? " Low Priority" : /\bSpot\b/i.test(label) ? " Spot" : "";
    const row: Row = {
      locator: `Items[${i}]`,
      sku: (str(item["armSkuName"]) || str(item["skuName"])) + lowPriority,
      label,
      productName: str(item["productName"]),
      region: str(item["armRegionName"]),
      price: decOrNull(item["retailPrice"] ?? item["unitPrice"]),
      currency: str(item["currencyCode"]),
      unit: str(item["unitOfMeasure"]),
    };
    const type = str(item["type"]);
    if (type === "DevTestConsumption") return out.skip(row.locator, "dev/test price");
    if (type === "Reservation") {
      // The API gives the total for the whole term; an hourly equivalent is total / hours of the term.
      const reservation = RESERVATION_TERMS[str(item["reservationTerm"])];
      if (!reservation || row.price === null) return out.skip(row.locator, "reservation total, not hourly");
      const note = `reservation ${str(item["reservationTerm"])} total ${plain(row.price)} / ${reservation.hours} h`;
      return emit({ ...row, unit: "1 Hour" }, out, reservation.term, row.price.div(dec(reservation.hours)), note);
    }
    if (type !== "Consumption") return out.skip(row.locator, `unknown price type "${type}"`);
    if (row.price === null) return out.skip(row.locator, "no price");
    emit(row, out, null, row.price, null);
  });
}

function parseReshaped(items: unknown[], out: Builder): void {
  const seen = new Map<string, number>();
  items.forEach((raw, i) => {
    const item = asRecord(raw) ?? {};
    const skuName = str(item["skuName"]);
    const row: Row = {
      locator: `[${i}]`,
      sku: skuName,
      label: skuName,
      productName: str(item["productName"]),
      region: str(item["region"]),
      price: decOrNull(item["pricePerHour"]),
      currency: str(item["currency"]),
      unit: str(item["unitOfMeasure"]),
    };
    const key = JSON.stringify([row.region, skuName, row.productName, str(item["pricePerHour"]), row.currency]);
    const first = seen.get(key);
    if (first !== undefined) return out.skip(row.locator, `duplicate of [${first}]`);
    seen.set(key, i);
    const size = azureGpuSize(skuName);
    if (size && row.price && row.price.div(dec(size.gpus)).gt(RESHAPED_MAX_PER_GPU_HOUR)) {
      return out.skip(row.locator, "reservation total, not hourly (the reshaped format has no term to convert it)");
    }
    if (row.price === null) return out.skip(row.locator, "no price");
    emit(row, out, null, row.price, null);
  });
}

export function parseAzure(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "azure");
  const out = new QuoteCollector();
  const items = asRecord(json)?.["Items"];
  if (Array.isArray(items)) parseApi(items, out);
  else if (Array.isArray(json) && json.every((x) => asRecord(x)?.["pricePerHour"] !== undefined)) parseReshaped(json, out);
  else throw new SourceParseError("azure: expected {Items:[...]} from the Retail Prices API or the reshaped array");
  return out.result;
}

export function azureNextPage(capture: CaptureInput): string | null {
  const link = asRecord(captureJson(capture, "azure"))?.["NextPageLink"];
  return typeof link === "string" && link !== "" ? link : null;
}

export const azure: SourceDef = {
  id: "azure",
  title: "Azure Retail Prices API (GPU virtual machines)",
  kind: "gpu",
  homepage: "https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices",
  schedule: "40 3,14 * * *",
  tier: "list_price",
  requests: () => [{ url: AZURE_URL }],
  nextPage: azureNextPage,
  parse: parseAzure,
  minQuotes: 1,
};
