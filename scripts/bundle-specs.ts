// Which fixture files go into data/bundle, through which importer, and which kept observations stay out (and why).
import { loadMethodology } from "../src/index/index.ts";
import { UNCLASSIFIED, type NewObservation } from "../src/schemas/observation.ts";

export interface BundleSpec {
  format: string;
  /** Folder under ../shared/fixtures and the file names to take from it. */
  folder: string;
  pattern: RegExp;
  bundleFile: string;
  /** Capture day for files whose names carry none (llm-prices, china-cny). */
  captureDate?: string;
  /** Reason to keep an imported observation out of the bundle, or null to bundle it. */
  leaveOut?: (o: NewObservation) => string | null;
}

const unclassified = (o: NewObservation): string | null =>
  o.product === UNCLASSIFIED ? "unclassified product (kept by `cpi import`, not bundled)" : null;

const firstPartyDefs = loadMethodology().indices.filter((d) => d.product.kind === "token" && d.product.providerTiers?.includes("first_party"));

/** Models of the first-party list-price series (`TOK-...-LIST`, product.providerTiers ["first_party"]). */
export const FIRST_PARTY_MODELS: ReadonlySet<string> = new Set(firstPartyDefs.flatMap((d) => (d.product.kind === "token" ? d.product.models : [])));

/**
 * "<currency> <model>" of every first-party series: a USD list row of GLM-5.2 feeds no CNY series (and bundling
 * it would change the open-weight USD index of that model), a CNY row feeds no USD series.
 */
export const FIRST_PARTY_SERIES: ReadonlySet<string> = new Set(
  firstPartyDefs.flatMap((d) => (d.product.kind === "token" ? d.product.models.map((model) => `${d.currency} ${model}`) : [])),
);

/**
 * LiteLLM and genai-prices rows enter the bundle only as the model maker's own list price of a model that has
 * a first-party series: other providers' rows in these maps are cross-checks, and bundling them would change
 * the back-calculated history of the open-weight indices (methodology/token.md, first-party series).
 */
export const firstPartyOnly = (o: NewObservation): string | null =>
  unclassified(o) ??
  (o.providerTier !== "first_party"
    ? "not the model maker's own price (only first_party rows feed the first-party list-price series)"
    : !FIRST_PARTY_MODELS.has(o.product)
      ? "first-party price of a model without a first-party list-price series"
      : !FIRST_PARTY_SERIES.has(`${o.currency} ${o.product}`)
        ? `first-party ${o.currency} price of a model without a first-party list-price series in ${o.currency}`
        : null);

export const BUNDLE_SPECS: BundleSpec[] = [
  { format: "daily-observations", folder: "gpu-history", pattern: /^daily_observations_.*\.csv$/, bundleFile: "gpu-daily-observations.jsonl.gz", leaveOut: unclassified },
  // llm-prices files carry no date; 2026-08-21 is the capture day of the token fixtures (genai-prices, china lists).
  { format: "llm-prices", folder: "llm-prices", pattern: /\.json$/, bundleFile: "token-llm-prices.jsonl.gz", captureDate: "2026-08-21" },
  { format: "primeintellect", folder: "gpu-history/primeintellect_30min_2025-10-19_to_2025-11-16", pattern: /\.jsonl$/, bundleFile: "gpu-primeintellect.jsonl.gz", leaveOut: unclassified },
  { format: "multi-tier", folder: "gpu-history", pattern: /^multi_tier_daily_.*\.csv$/, bundleFile: "gpu-multi-tier.jsonl.gz", leaveOut: unclassified },
  { format: "aws-daily", folder: "gpu-history", pattern: /^aws_p5_48xlarge_daily_.*\.csv$/, bundleFile: "gpu-aws-daily.jsonl.gz", leaveOut: unclassified },
  { format: "openrouter-endpoints", folder: "openrouter", pattern: /^endpoints_\d{4}-\d{2}-\d{2}\.csv$/, bundleFile: "token-openrouter-endpoints.jsonl.gz", leaveOut: unclassified },
  // Dated snapshots: each file asserts the list price on its own date only (noon UTC of the date in the name).
  { format: "litellm", folder: "litellm", pattern: /^model_prices_\d{4}-\d{2}-\d{2}\.json$/, bundleFile: "token-first-party.jsonl.gz", leaveOut: firstPartyOnly },
  { format: "genai-prices", folder: "genai-prices", pattern: /^genai-prices-v\d+-data-\d{4}-\d{2}-\d{2}\.json$/, bundleFile: "token-first-party.jsonl.gz", leaveOut: firstPartyOnly },
  // China-region CNY lists (CNY per 1M tokens) of one capture day; providers_deepseek.json (USD x 7.2) is rejected by the parser.
  { format: "china-cny", folder: "china/cny_price_lists_2026-08-21", pattern: /^providers_[a-z]+\.json$/, bundleFile: "token-cny-lists.jsonl.gz", captureDate: "2026-08-21", leaveOut: firstPartyOnly },
];
