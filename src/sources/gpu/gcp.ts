// GCP Cloud Billing Catalog SKUs for GPUs attached to Compute Engine VMs: per-GPU attach prices by region.
import type { CaptureInput } from "../../schemas/capture.ts";
import { Currency } from "../../schemas/quote.ts";
import type { ParseResult, Term } from "../../schemas/quote.ts";
import { dec, decOrNull, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { ATTACH_PRICE_NOTE } from "./attach-price.ts";
import { asRecord, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";

const SKUS_URL = "https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus";

/**
 * The description carries what some captures lack (category, serviceRegions):
 * "[Commitment v1: ][Reserved ]<GPU> GPU[ attached to <Spot Preemptible|DWS Defined Duration> VMs][ running] in
 * <region>[ for N Year(s)][ in Calendar Mode]".
 */
const DESCRIPTION =
  /^(Commitment v1: )?(Reserved )?(.+?) GPU( attached to (Spot Preemptible|DWS Defined Duration) VMs)?( running)? in (.+?)( for (\d+) Years?)?( in Calendar Mode)?$/;

const COMMIT_TERMS: Record<string, Term> = { "1": "term_12m", "3": "term_36m", Commit1Yr: "term_12m", Commit3Yr: "term_36m" };

interface Sku { term: Term; gpuName: string; regions: string[] }

/** Term, GPU and regions of one SKU, or the reason it gives no GPU-hour quote. */
function describe(sku: Record<string, unknown>): Sku | string {
  const description = str(sku["description"]);
  const category = asRecord(sku["category"]);
  if (/^Licensing Fee/i.test(description)) return "licence fee, not a GPU price";
  if (category && str(category["resourceGroup"]) !== "GPU") return "not a GPU SKU";
  const m = DESCRIPTION.exec(description);
  if (!m) return "not a GPU SKU";
  if (m[2] || m[10]) return "reserved capacity (calendar mode), not an on-demand or committed rate";
  if (m[5] === "DWS Defined Duration") return "DWS defined-duration (flex-start) VM price, a separate product";
  const usage = str(category?.["usageType"]);
  let term: Term | undefined;
  if (m[1] || usage.startsWith("Commit")) term = COMMIT_TERMS[usage] ?? COMMIT_TERMS[m[9] ?? ""];
  else term = m[5] === "Spot Preemptible" || usage === "Preemptible" ? "spot" : "on_demand";
  if (!term) return `commitment term not covered ("${usage || m[9]} year")`;
  const listed = Array.isArray(sku["serviceRegions"]) ? (sku["serviceRegions"] as unknown[]).map(str).filter((r) => r) : [];
  return { term, gpuName: m[3]!, regions: listed.length > 0 ? listed : [m[7]!] };
}

/** The hourly price: units + nanos / 1e9 of the first tier, exactly; or the reason there is none. */
function hourlyPrice(sku: Record<string, unknown>): { price: Dec; currency: string } | string {
  const info = Array.isArray(sku["pricingInfo"]) ? asRecord(sku["pricingInfo"][0]) : null;
  const expression = asRecord(info?.["pricingExpression"]);
  if (!expression) return "no pricing expression";
  if (str(expression["usageUnit"]) !== "h") return `usage unit "${str(expression["usageUnit"])}", not hours`;
  const tiers = Array.isArray(expression["tieredRates"]) ? expression["tieredRates"] : [];
  if (tiers.length !== 1) return `${tiers.length} price tiers, expected one`;
  const unitPrice = asRecord(asRecord(tiers[0])?.["unitPrice"]);
  const units = decOrNull(str(unitPrice?.["units"]) || "0");
  const nanos = decOrNull(unitPrice?.["nanos"] ?? 0);
  if (units === null || nanos === null) return "unreadable unit price";
  const price = units.plus(nanos.div(dec("1000000000")));
  return price.lte(0) ? "no price" : { price, currency: str(unitPrice?.["currencyCode"]) };
}

export function parseGcp(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "gcp");
  const skus = Array.isArray(json) ? json : asRecord(json)?.["skus"];
  if (!Array.isArray(skus)) throw new SourceParseError("gcp: expected {skus:[...]} or an array of SKUs");
  const out = new QuoteCollector();
  skus.forEach((raw, i) => {
    const sku = asRecord(raw) ?? {};
    const skuId = str(sku["skuId"]) || `[${i}]`;
    const what = describe(sku);
    if (typeof what === "string") return out.skip(skuId, what);
    const priced = hourlyPrice(sku);
    if (typeof priced === "string") return out.skip(skuId, priced);
    const currency = Currency.safeParse(priced.currency);
    if (!currency.success) return out.skip(skuId, `unsupported currency "${priced.currency}"`);
    const memory = /(\d+)\s?GB\b/.exec(what.gpuName);
    for (const region of what.regions) {
      out.gpu({
        kind: "gpu",
        provider: "gcp",
        sku: skuId,
        gpuName: what.gpuName,
        gpuInfo: `${ATTACH_PRICE_NOTE}; ${str(sku["description"])}`,
        gpuMemoryGiB: memory ? Number(memory[1]) : null,
        gpuCount: "1",
        price: plain(priced.price),
        priceBasis: "gpu",
        gpuUnit: "attach",
        currency: currency.data,
        term: what.term,
        region,
        tier: "list_price",
        locator: what.regions.length > 1 ? `${skuId} ${region}` : skuId,
      });
    }
  });
  return out.result;
}

export function gcpNextPage(capture: CaptureInput): string | null {
  const token = asRecord(captureJson(capture, "gcp"))?.["nextPageToken"];
  if (typeof token !== "string" || token === "") return null;
  const url = new URL(capture.url);
  url.searchParams.set("pageToken", token);
  return url.toString();
}

export const gcp: SourceDef = {
  id: "gcp",
  title: "GCP Cloud Billing Catalog (Compute Engine GPU SKUs)",
  kind: "gpu",
  homepage: "https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list",
  schedule: "50 4,14 * * *",
  tier: "list_price",
  requiresKey: { env: "CPI_GCP_API_KEY", reason: "the Cloud Billing Catalog API needs an API key" },
  requests: (key) => (key ? [{ url: `${SKUS_URL}?pageSize=5000&key=${encodeURIComponent(key)}` }] : []),
  nextPage: gcpNextPage,
  parse: parseGcp,
  minQuotes: 1,
};
