// AWS EC2 bulk price list CSV per region: GPU instance hourly prices (Linux, shared tenancy, no extra software).
import type { CaptureInput } from "../../schemas/capture.ts";
import { Currency } from "../../schemas/quote.ts";
import type { ParseResult, Term } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureText } from "../capture-decoder.ts";
import { cell, csvTable } from "../csv.ts";
import { numOrNull } from "../record-fields.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { findHeaderLine, isGpuInstanceRow, splitCsvLine } from "./aws-stream.ts";

export { filterAwsPriceListStream } from "./aws-stream.ts";

/** Regions with GPU instances that the index follows; one price list file per region. */
export const AWS_REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-1"];

const REQUIRED = [
  "RateCode", "TermType", "Unit", "PricePerUnit", "Currency", "Instance Type", "GPU",
  "Operating System", "Tenancy", "Pre Installed S/W", "CapacityStatus",
] as const;

/**
 * Reserved rows: only Standard, No Upfront 1yr/3yr rates are hourly prices with nothing paid up front,
 * so only they become term quotes; All/Partial Upfront rows mix a fee with a reduced rate and are skipped.
 */
const RESERVED_TERMS: Record<string, Term> = { "1yr": "term_12m", "3yr": "term_36m" };

export function parseAws(capture: CaptureInput): ParseResult {
  const text = captureText(capture);
  const headerAt = findHeaderLine(text);
  if (headerAt < 0) throw new SourceParseError('aws: no "SKU",... header line: not an AWS price list CSV');
  const table = csvTable(text.slice(headerAt), REQUIRED, "aws");
  const out = new QuoteCollector();
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const get = (name: string) => cell(table, cells, name);
    const locator = `row ${row} ${get("RateCode")}`;
    const skip = (reason: string) => out.skip(locator, reason);
    const sku = get("Instance Type");
    if (/^(trn|inf)\d/.test(sku)) { skip("AWS Trainium/Inferentia accelerator, not a GPU"); continue; }
    const gpus = decOrNull(get("GPU"));
    if (gpus === null || gpus.lte(0)) { skip("no GPU"); continue; }
    const termType = get("TermType");
    let term: Term | undefined = termType === "OnDemand" ? "on_demand" : undefined;
    if (termType === "Reserved") {
      const standardNoUpfront = get("PurchaseOption") === "No Upfront" && get("OfferingClass") === "standard";
      term = standardNoUpfront ? RESERVED_TERMS[get("LeaseContractLength")] : undefined;
      if (!term) { skip(`reserved ${get("LeaseContractLength")} ${get("OfferingClass")} ${get("PurchaseOption")}: only standard No Upfront hourly rates are used`); continue; }
    } else if (term === undefined) { skip(`term type "${termType}"`); continue; }
    if (get("Operating System") !== "Linux") { skip(`operating system "${get("Operating System")}"`); continue; }
    if (get("Tenancy") !== "Shared") { skip(`tenancy "${get("Tenancy")}"`); continue; }
    if (get("Pre Installed S/W") !== "NA") { skip(`pre-installed software "${get("Pre Installed S/W")}"`); continue; }
    if (get("CapacityStatus") !== "Used") { skip(`capacity status "${get("CapacityStatus")}"`); continue; }
    const market = get("MarketOption");
    if (market !== "" && market !== "OnDemand") { skip(`market option "${market}"`); continue; }
    if (get("Unit") !== "Hrs") { skip(`unit "${get("Unit")}", not hours`); continue; }
    const currency = Currency.safeParse(get("Currency"));
    if (!currency.success || currency.data !== "USD") { skip(`currency "${get("Currency")}"`); continue; }
    const price = decOrNull(get("PricePerUnit"));
    if (price === null || price.lte(0)) { skip("no price"); continue; }
    const region = get("Region Code") || get("Location");
    const key = `${sku}\u0001${region}\u0001${term}`;
    const first = seen.get(key);
    if (first !== undefined) { skip(`duplicate of row ${first} (same instance type, region and term)`); continue; }
    seen.set(key, row);
    const gpuMemory = get("GPU Memory");
    out.gpu({
      kind: "gpu",
      provider: "aws",
      sku,
      // The price list names no GPU model: the instance type is the descriptor.
      gpuName: "",
      gpuInfo: [get("Instance Family"), gpuMemory && gpuMemory !== "NA" ? `GPU Memory: ${gpuMemory} per instance` : ""].filter((s) => s).join("; ") || null,
      gpuCount: plain(gpus),
      price: plain(price),
      priceBasis: "instance",
      gpuUnit: "stated",
      currency: "USD",
      term,
      region,
      vcpus: numOrNull(get("vCPU")),
      memoryGiB: numOrNull(get("Memory").replace(/\s*GiB$/i, "")),
      tier: "list_price",
      locator,
    });
  }
  return out.result;
}

export const aws: SourceDef = {
  id: "aws",
  title: "AWS EC2 bulk price list (GPU instances)",
  kind: "gpu",
  homepage: "https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html",
  schedule: "10 2,14 * * *",
  tier: "list_price",
  // Hundreds of MB each: the collector streams them through filterAwsPriceListStream before storing.
  requests: () =>
    AWS_REGIONS.map((region) => ({
      url: `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/${region}/index.csv`,
    })),
  parse: parseAws,
  minQuotes: 1,
};

export { isGpuInstanceRow, splitCsvLine };
