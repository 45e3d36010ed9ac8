// OpenRouter per-model endpoints (JSON API or a collector's CSV flattening): one routable price per provider endpoint.
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { csvRecords } from "../csv.ts";
import { captureJson, captureText } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isoInstant, price, priceText } from "./price-fields.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { priceSkipReason } from "./openrouter.ts";

/**
 * Models whose endpoints one collection fetches: the open-weight models the token indices track.
 * The endpoints API is per model, so enumerating all ~400 models would be ~400 requests an hour;
 * the list is data, passed to makeOpenRouterEndpoints to change it.
 */
export const INDEX_ENDPOINT_MODELS = [
  "openai/gpt-oss-120b",
  "openai/gpt-oss-20b",
  "meta-llama/llama-3.3-70b-instruct",
  "meta-llama/llama-3.1-8b-instruct",
  "deepseek/deepseek-v3.2",
  "deepseek/deepseek-chat-v3.1",
  "qwen/qwen3-235b-a22b-2507",
  "qwen/qwen3-32b",
] as const;

export function endpointsUrl(model: string): string {
  return `https://openrouter.ai/api/v1/models/${model}/endpoints`;
}

/** One endpoint, whichever format it came in. */
interface EndpointRow {
  loc: string;
  model: string | null;
  endpointId: string | null;
  /** Endpoint tag or slug ("deepinfra/turbo"); the provider is its first segment. */
  tag: string | null;
  quantization: string | null;
  input: Dec | null;
  output: Dec | null;
  cacheRead: Dec | null;
  cacheWrite: Dec | null;
  free: boolean;
  disabled: boolean;
  status: Dec | null;
  variant: string | null;
  observedAt: string | null;
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === "string" && /^(true|1|yes)$/i.test(value.trim()));
}

function fromJsonEndpoint(model: string | null, e: unknown, i: number): EndpointRow {
  const pricing = recordAt(e, "pricing");
  const tag = strAt(e, "tag") ?? strAt(e, "provider_slug") ?? strAt(e, "provider_name")?.toLowerCase().replace(/\s+/g, "-") ?? null;
  return {
    loc: `endpoints[${i}] ${tag ?? "?"}`,
    model: strAt(e, "model_id") ?? model,
    endpointId: strAt(e, "id") ?? strAt(e, "endpoint_id") ?? tag,
    tag,
    quantization: strAt(e, "quantization"),
    input: price(pricing.prompt),
    output: price(pricing.completion),
    cacheRead: price(pricing.input_cache_read),
    cacheWrite: price(pricing.input_cache_write),
    free: truthy(isRecord(e) ? e.is_free : undefined),
    disabled: truthy(isRecord(e) ? e.is_disabled : undefined),
    status: price(isRecord(e) ? e.status : undefined),
    variant: strAt(e, "variant"),
    observedAt: null,
  };
}

function fromCsvRow(r: Record<string, string>, line: number): EndpointRow {
  const tag = strAt(r, "provider_slug");
  return {
    loc: `row ${line} ${strAt(r, "endpoint_id") ?? "?"}`,
    model: strAt(r, "model_slug"),
    endpointId: strAt(r, "endpoint_id"),
    tag,
    quantization: strAt(r, "quantization"),
    input: price(r.price_prompt),
    output: price(r.price_completion),
    cacheRead: price(r.price_cache_read),
    cacheWrite: price(r.price_cache_write),
    free: truthy(r.is_free),
    disabled: truthy(r.is_disabled),
    status: price(r.status),
    variant: strAt(r, "variant"),
    observedAt: isoInstant(r.scraped_at),
  };
}

function rowsOf(capture: CaptureInput): EndpointRow[] {
  const head = captureText(capture).trimStart().slice(0, 4096);
  if (head.startsWith("{") || head.startsWith("[")) {
    const json = captureJson(capture);
    const data = isRecord(json) && isRecord(json.data) ? json.data : json;
    if (!isRecord(data) || !Array.isArray(data.endpoints)) throw new SourceParseError('expected {"data":{"endpoints":[...]}}');
    const model = strAt(data, "id");
    return data.endpoints.map((e, i) => fromJsonEndpoint(model, e, i));
  }
  const header = head.split(/\r?\n/, 1)[0] ?? "";
  if (!/\bendpoint_id\b/.test(header) || !/\bprice_prompt\b/.test(header)) {
    throw new SourceParseError("neither endpoints JSON nor the flattened endpoints CSV (no endpoint_id/price_prompt header)");
  }
  let records: Record<string, string>[];
  try {
    records = csvRecords(captureText(capture)).map((x) => x.r);
  } catch (error) {
    throw new SourceParseError(`unreadable or truncated endpoints CSV (${(error as Error).message})`);
  }
  return records.map((r, i) => fromCsvRow(r, i + 2));
}

function skipReason(row: EndpointRow): string | null {
  if (row.model === null) return "no model id";
  if (row.endpointId === null || row.tag === null) return "no endpoint id or provider";
  if (row.disabled) return "disabled";
  if (row.free || row.model.endsWith(":free") || row.variant === "free") return "free";
  if (row.status !== null && row.status.isNegative()) return `status ${row.status.toFixed()}: endpoint not serving`;
  if (row.variant !== null && row.variant !== "standard") return `variant ${row.variant}: kept out of the base quote`;
  return priceSkipReason(row.input, row.output);
}

/** Aliases ("~vendor/x-latest") list the same endpoint ids as their target: the target's row wins. */
function preferred(a: EndpointRow, b: EndpointRow): EndpointRow {
  return (a.model ?? "").startsWith("~") && !(b.model ?? "").startsWith("~") ? b : a;
}

export function parseOpenRouterEndpoints(capture: CaptureInput): ParseResult {
  const out = new QuoteCollector();
  const kept = new Map<string, EndpointRow>();
  for (const row of rowsOf(capture)) {
    const reason = skipReason(row);
    if (reason !== null) {
      out.skip(row.loc, reason);
      continue;
    }
    const id = row.endpointId as string;
    const seen = kept.get(id);
    if (seen === undefined) {
      kept.set(id, row);
      continue;
    }
    const win = preferred(seen, row);
    const lose = win === seen ? row : seen;
    kept.set(id, win);
    out.skip(lose.loc, `duplicate endpoint_id (also listed under ${win.model ?? "?"})`);
  }
  for (const row of kept.values()) {
    out.token({
      kind: "token",
      provider: (row.tag as string).split("/")[0]?.toLowerCase() ?? "",
      model: row.model as string,
      endpointId: row.endpointId,
      quantization: row.quantization?.toLowerCase() ?? "unknown",
      currency: "USD",
      perTokens: 1,
      input: priceText(row.input),
      output: priceText(row.output),
      cachedInput: priceText(row.cacheRead),
      cacheWrite: priceText(row.cacheWrite),
      tier: "executable_quote",
      observedAt: row.observedAt,
      locator: row.loc,
    });
  }
  return out.result;
}

/** The endpoints source for a list of models (default: the index models). */
export function makeOpenRouterEndpoints(models: readonly string[] = INDEX_ENDPOINT_MODELS): SourceDef {
  return {
    id: "openrouter-endpoints",
    title: "OpenRouter per-provider endpoint prices",
    kind: "token",
    homepage: "https://openrouter.ai/docs/api-reference/list-endpoints-for-a-model",
    schedule: "17 * * * *",
    tier: "executable_quote",
    requests: () => models.map((m) => ({ url: endpointsUrl(m) })),
    parse: parseOpenRouterEndpoints,
    minQuotes: 1,
  };
}

export const openrouterEndpoints = makeOpenRouterEndpoints();
