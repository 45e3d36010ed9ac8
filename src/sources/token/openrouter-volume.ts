// OpenRouter model stats: traded tokens per provider endpoint with the effective (cache-weighted) price paid, USD per 1M.
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { csvRecords } from "../csv.ts";
import { captureText } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isoInstant, price, priceText } from "./price-fields.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";

/**
 * The frontend stats API this comes from is undocumented (expect drift). One request per model
 * permaslug (`{"data":{providerSummaries:[...]}}`, the model named only in the URL), or a collector's
 * JSON-lines dump of many models (`model_slug`, `variant`, `effective_pricing`, `endpoints`), or its
 * CSV flattening. `effectiveInputPrice` is the input price actually paid after cache hits (below list
 * when caching is used); `totalTokens` covers the stats window (~7 days in the chart data), not one day.
 */
export const OPENROUTER_STATS_URL = "https://openrouter.ai/api/frontend/v1/stats/effective-pricing";

/**
 * OpenRouter slug -> versioned permaslug where they differ (the stats API wants the permaslug), from the
 * `permaslug` field of the model stats capture of 2026-08-08 (fixtures openrouter/model_stats_2026-08-08).
 * A slug not listed is requested as its own permaslug (true for every unversioned slug in that capture).
 */
export const STATS_PERMASLUGS: Readonly<Record<string, string>> = {
  "deepseek/deepseek-v3.2": "deepseek/deepseek-v3.2-20251201",
  "deepseek/deepseek-v4-flash": "deepseek/deepseek-v4-flash-20260423",
  "deepseek/deepseek-v4-flash-0731": "deepseek/deepseek-v4-flash-20260731",
  "deepseek/deepseek-v4-pro": "deepseek/deepseek-v4-pro-20260423",
  "moonshotai/kimi-k2.6": "moonshotai/kimi-k2.6-20260420",
  "qwen/qwen3-235b-a22b-2507": "qwen/qwen3-235b-a22b-07-25",
  "qwen/qwen3-32b": "qwen/qwen3-32b-04-28",
  "z-ai/glm-5.2": "z-ai/glm-5.2-20260616",
};

/** The stats requests for `models` (canonical ids = OpenRouter slugs here), in the order given, without repeats. */
export function statsModels(models: readonly string[]): { slug: string; permaslug: string }[] {
  return [...new Set(models)].map((slug) => ({ slug, permaslug: STATS_PERMASLUGS[slug] ?? slug }));
}

export function statsUrl(permaslug: string, variant = "standard"): string {
  return `${OPENROUTER_STATS_URL}?permaslug=${encodeURIComponent(permaslug)}&variant=${encodeURIComponent(variant)}`;
}

/** A single-model API response names its model only in the request URL. */
function recordFromUrl(data: unknown, url: string): Record<string, unknown> {
  let permaslug: string | null = null;
  let variant = "standard";
  try {
    const params = new URL(url).searchParams;
    permaslug = params.get("permaslug");
    variant = params.get("variant") ?? variant;
  } catch {
    permaslug = null;
  }
  const known = Object.entries(STATS_PERMASLUGS).find(([, p]) => p === permaslug);
  return { model_slug: known?.[0] ?? permaslug, permaslug, variant, effective_pricing: data };
}

interface SummaryRow {
  loc: string;
  model: string;
  variant: string | null;
  endpointId: string | null;
  provider: string | null;
  quantization: string | null;
  input: Dec | null;
  output: Dec | null;
  tokens: Dec | null;
  observedAt: string | null;
}

/** One JSON-lines record (one model): its provider summaries, or a skip when it has none. */
function fromStatsRecord(rec: unknown, line: number, out: QuoteCollector): SummaryRow[] {
  const model = strAt(rec, "model_slug") ?? strAt(rec, "permaslug");
  const loc = `line ${line} ${model ?? "?"}`;
  if (model === null) return (out.skip(loc, "no model slug"), []);
  const pricing = recordAt(rec, "effective_pricing");
  const summaries = Array.isArray(pricing.providerSummaries) ? pricing.providerSummaries : [];
  if (summaries.length === 0) return (out.skip(loc, "no traded volume (no provider summaries)"), []);
  const endpoints = isRecord(rec) && Array.isArray(rec.endpoints) ? rec.endpoints : [];
  const quantOf = new Map(endpoints.map((e) => [strAt(e, "id"), strAt(e, "quantization")] as const));
  return summaries.map((s, j) => {
    const endpointId = strAt(s, "endpointId");
    return {
      loc: `${loc} providerSummaries[${j}] ${endpointId ?? "?"}`,
      model,
      variant: strAt(rec, "variant"),
      endpointId,
      provider: strAt(s, "providerSlug"),
      quantization: quantOf.get(endpointId) ?? null,
      input: price(isRecord(s) ? s.effectiveInputPrice : null),
      output: price(isRecord(s) ? s.effectiveOutputPrice : null),
      tokens: price(isRecord(s) ? s.totalTokens : null),
      observedAt: null,
    };
  });
}

function jsonLines(text: string, out: QuoteCollector): SummaryRow[] {
  const rows: SummaryRow[] = [];
  let parsedLines = 0;
  text.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === "") return;
    let rec: unknown;
    try {
      rec = JSON.parse(lineText);
    } catch {
      return out.skip(`line ${i + 1}`, "line is not JSON");
    }
    parsedLines += 1;
    rows.push(...fromStatsRecord(rec, i + 1, out));
  });
  if (parsedLines === 0) throw new SourceParseError("no JSON line in the model stats capture");
  return rows;
}

/** The flattened CSV: one row per model x provider; a model without volume has one row with empty provider. */
function csvRows(text: string, out: QuoteCollector): SummaryRow[] {
  let records: Record<string, string>[];
  try {
    records = csvRecords(text).map((x) => x.r);
  } catch (error) {
    throw new SourceParseError(`unreadable or truncated model stats CSV (${(error as Error).message})`);
  }
  const rows: SummaryRow[] = [];
  records.forEach((r, i) => {
    const model = strAt(r, "model_slug");
    const loc = `row ${i + 2} ${model ?? "?"} ${strAt(r, "provider_slug") ?? ""}`.trim();
    if (model === null) return out.skip(loc, "no model slug");
    if (strAt(r, "provider_slug") === null && strAt(r, "total_tokens") === null) {
      return out.skip(loc, "no traded volume (no provider summaries)");
    }
    rows.push({
      loc, model, variant: strAt(r, "variant"), endpointId: null, provider: strAt(r, "provider_slug"), quantization: null,
      input: price(r.effective_input_price), output: price(r.effective_output_price), tokens: price(r.total_tokens),
      observedAt: isoInstant(r.scraped_at),
    });
  });
  return rows;
}

function skipReason(row: SummaryRow): string | null {
  if (row.provider === null) return "no provider slug";
  if (row.variant === "free" || row.model.endsWith(":free")) return "free";
  if (row.variant !== null && row.variant !== "standard") return `variant ${row.variant}: kept out of the base quote`;
  if (row.tokens === null || !row.tokens.isPositive() || row.tokens.isZero()) return "no traded volume (totalTokens 0 or missing)";
  if (row.input === null && row.output === null) return "no effective price";
  if ((row.input?.isZero() ?? true) && (row.output?.isZero() ?? true)) return "free";
  if (row.input?.isNegative() || row.output?.isNegative()) return "negative price";
  return null;
}

function wholeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseOpenRouterVolume(capture: CaptureInput): ParseResult {
  const text = captureText(capture);
  const head = text.trimStart();
  const out = new QuoteCollector();
  let rows: SummaryRow[];
  const whole = head.startsWith("{") ? wholeJson(text) : undefined;
  if (isRecord(whole) && isRecord(whole.data)) rows = fromStatsRecord(recordFromUrl(whole.data, capture.url), 1, out);
  else if (head.startsWith("{")) rows = jsonLines(text, out);
  else if (/^[^\n]*\btotal_tokens\b/.test(head) && /^[^\n]*\beffective_input_price\b/.test(head)) rows = csvRows(text, out);
  else throw new SourceParseError("neither model stats JSON lines nor the effective pricing CSV");
  for (const row of rows) {
    const reason = skipReason(row);
    if (reason !== null) {
      out.skip(row.loc, reason);
      continue;
    }
    out.token({
      kind: "token",
      provider: (row.provider as string).split("/")[0]?.toLowerCase() ?? "",
      model: row.model,
      endpointId: row.endpointId,
      quantization: row.quantization?.toLowerCase() ?? "unknown",
      currency: "USD",
      perTokens: 1000000,
      input: priceText(row.input),
      output: priceText(row.output),
      tier: "transaction",
      volumeTokens: priceText(row.tokens),
      priceBasis: "effective",
      observedAt: row.observedAt,
      locator: row.loc,
    });
  }
  return out.result;
}

export const openrouterVolume: SourceDef = {
  id: "openrouter-volume",
  title: "OpenRouter traded token volume and effective prices per provider",
  kind: "token",
  homepage: "https://openrouter.ai/models",
  schedule: "40 2,14 * * *",
  tier: "transaction",
  // The models follow from the index definitions (volume-weighted token indices and basket constituents):
  // the jobs layer derives them (src/index/token2/volume.ts volumeModels) and passes them in the scope.
  scoped: true,
  requests: (_key, scope) => statsModels(scope?.tokenVolumeModels ?? []).map((m) => ({ url: statsUrl(m.permaslug) })),
  parse: parseOpenRouterVolume,
  minQuotes: 1,
};
