// A compiled check of the common GPU and token quote shapes: the same output as the zod schema, without zod's per-field cost.
//
// Each function returns exactly what `Schema.parse(candidate)` returns (same keys in the same order,
// defaults filled) when the candidate certainly passes, and null otherwise: then the caller runs zod,
// which decides and words the error. Anything unusual (a timestamp, an offers count, priceBasis) also
// returns null, so zod stays the one judge of every case this file does not handle.
import { Currency, GpuQuote, InputTier, Term, TokenQuote } from "../schemas/quote.ts";
import type { GpuQuoteInput, TokenQuoteInput } from "./quote-collector.ts";

/** The regex of DecimalString (src/schemas/decimal.ts). */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const TERMS: ReadonlySet<unknown> = new Set(Term.options);
const TIERS: ReadonlySet<unknown> = new Set(InputTier.options);
const CURRENCIES: ReadonlySet<unknown> = new Set(Currency.options);
const PRICE_BASES: ReadonlySet<unknown> = new Set(GpuQuote.shape.priceBasis.options);
const GPU_UNITS: ReadonlySet<unknown> = new Set(GpuQuote.shape.gpuUnit.unwrap().options);

/** The fields each check writes, in schema order (test/sources/quote-check.test.ts pins them to the schemas). */
export const GPU_FIELDS = ["kind", "provider", "sku", "gpuName", "gpuInfo", "gpuMemoryGiB", "gpuCount", "price", "priceBasis", "gpuUnit", "currency", "term", "region", "vcpus", "memoryGiB", "tier", "observedAt", "locator", "offers"] as const;
export const TOKEN_FIELDS = ["kind", "provider", "model", "endpointId", "quantization", "currency", "perTokens", "input", "output", "cachedInput", "cacheWrite", "tier", "volumeTokens", "priceBasis", "observedAt", "locator"] as const;

const isDecimal = (v: unknown): v is string => typeof v === "string" && DECIMAL.test(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;
/** undefined/null -> null; a finite number above (or from) zero -> itself; anything else -> undefined (ask zod). */
function optionalNumber(v: unknown, allowZero: boolean): number | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
  return v > 0 || (allowZero && v >= 0) ? v : undefined;
}

export function checkGpuQuote(c: GpuQuoteInput): GpuQuote | null {
  if (c.kind !== "gpu" || !nonEmpty(c.provider) || typeof c.sku !== "string" || typeof c.gpuName !== "string") return null;
  const gpuInfo = c.gpuInfo ?? null;
  if (gpuInfo !== null && typeof gpuInfo !== "string") return null;
  const gpuMemoryGiB = optionalNumber(c.gpuMemoryGiB, false);
  const vcpus = optionalNumber(c.vcpus, true);
  const memoryGiB = optionalNumber(c.memoryGiB, true);
  if (gpuMemoryGiB === undefined || vcpus === undefined || memoryGiB === undefined) return null;
  if (!isDecimal(c.gpuCount) || !isDecimal(c.price) || !PRICE_BASES.has(c.priceBasis)) return null;
  const gpuUnit = c.gpuUnit ?? "stated";
  if (!GPU_UNITS.has(gpuUnit) || !CURRENCIES.has(c.currency) || !TERMS.has(c.term) || typeof c.region !== "string") return null;
  if (!TIERS.has(c.tier) || (c.observedAt ?? null) !== null || typeof c.locator !== "string" || (c.offers ?? null) !== null) return null;
  return {
    kind: "gpu",
    provider: c.provider,
    sku: c.sku,
    gpuName: c.gpuName,
    gpuInfo,
    gpuMemoryGiB,
    gpuCount: c.gpuCount,
    price: c.price,
    priceBasis: c.priceBasis,
    gpuUnit,
    currency: c.currency,
    term: c.term,
    region: c.region,
    vcpus,
    memoryGiB,
    tier: c.tier,
    observedAt: null,
    locator: c.locator,
    offers: null,
  };
}

/** undefined/null -> null; a DecimalString -> itself; anything else -> undefined (ask zod). */
function optionalDecimal(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return isDecimal(v) ? v : undefined;
}

export function checkTokenQuote(c: TokenQuoteInput): TokenQuote | null {
  if (c.kind !== "token" || !nonEmpty(c.provider) || !nonEmpty(c.model) || "priceBasis" in c) return null;
  const endpointId = c.endpointId ?? null;
  const quantization = c.quantization ?? "unknown";
  if ((endpointId !== null && typeof endpointId !== "string") || typeof quantization !== "string") return null;
  if (!CURRENCIES.has(c.currency) || (c.perTokens !== 1 && c.perTokens !== 1000 && c.perTokens !== 1000000)) return null;
  // input and output are nullable without a default: undefined is an error zod words.
  if ((c.input !== null && !isDecimal(c.input)) || (c.output !== null && !isDecimal(c.output))) return null;
  const cachedInput = optionalDecimal(c.cachedInput);
  const cacheWrite = optionalDecimal(c.cacheWrite);
  const volumeTokens = optionalDecimal(c.volumeTokens);
  if (cachedInput === undefined || cacheWrite === undefined || volumeTokens === undefined) return null;
  if (!TIERS.has(c.tier) || (c.observedAt ?? null) !== null || typeof c.locator !== "string") return null;
  return {
    kind: "token",
    provider: c.provider,
    model: c.model,
    endpointId,
    quantization,
    currency: c.currency,
    perTokens: c.perTokens,
    input: c.input,
    output: c.output,
    cachedInput,
    cacheWrite,
    tier: c.tier,
    volumeTokens,
    observedAt: null,
    locator: c.locator,
  };
}
