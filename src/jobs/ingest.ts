// Ingest one stored capture: parse (pure, never throws past here), normalize, sanity-check, record.
import type { CaptureMeta } from "../schemas/capture.ts";
import type { IngestCounts, ParsedQuote, Store } from "../db/index.ts";
import type { SourceDef } from "../sources/types.ts";
import { Quote, type ParseResult, type Skipped } from "../schemas/quote.ts";
import { normalizeQuote } from "../normalize/observe.ts";
import { jumpProblem } from "../normalize/sanity.ts";
import { isValidatedQuote } from "../sources/quote-collector.ts";

export interface IngestOutcome extends IngestCounts {
  parseError: string | null;
  /** Set when the capture parsed but looks like schema drift (too few rows). */
  drift: string | null;
}

/** Runs a parser behind a wall: any exception becomes a reason, and every quote not validated by the collector is validated. */
export function safeParse(source: SourceDef, capture: { url: string; fetchedAt: string; contentType: string | null; bytes: Uint8Array }): { result: ParseResult | null; error: string | null } {
  let raw: ParseResult;
  try {
    raw = source.parse({ sourceId: source.id, url: capture.url, fetchedAt: capture.fetchedAt, contentType: capture.contentType, bytes: capture.bytes });
  } catch (error) {
    return { result: null, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const quotes: Quote[] = [];
  const skipped: Skipped[] = [...raw.skipped];
  for (const q of raw.quotes) {
    // Quotes the QuoteCollector already validated pass once; only a parser that bypassed it is re-checked.
    if (isValidatedQuote(q)) {
      quotes.push(q);
      continue;
    }
    const checked = Quote.safeParse(q);
    if (checked.success) quotes.push(checked.data);
    else skipped.push({ locator: (q as { locator?: string }).locator ?? "?", reason: `invalid quote: ${checked.error.issues[0]?.message ?? "schema"}` });
  }
  return { result: { quotes, skipped }, error: null };
}

export async function ingestCapture(store: Store, source: SourceDef, meta: CaptureMeta, bytes: Uint8Array, now: () => string): Promise<IngestOutcome> {
  const { result, error } = safeParse(source, { url: meta.url, fetchedAt: meta.fetchedAt, contentType: meta.contentType, bytes });
  if (!result) {
    const counts = await store.recordIngest({ captureId: meta.id, parsedAt: now(), parseError: error, quotes: [], skipped: [] });
    return { ...counts, parseError: error, drift: null };
  }
  const parsed: ParsedQuote[] = [];
  for (const quote of result.quotes) {
    const normalized = normalizeQuote(quote, { source: source.id, captureId: meta.id, fetchedAt: meta.fetchedAt });
    let reason = normalized.quarantineReason;
    if (!reason) {
      for (const o of normalized.observations) {
        const prev = await store.previousPrice({ source: o.source, provider: o.provider, rawName: o.rawName, metric: o.metric, term: o.term, region: o.region, before: o.observedAt });
        reason = jumpProblem(prev, o.price);
        if (reason) break;
      }
    }
    parsed.push({ quote, quarantineReason: reason, observations: reason ? [] : normalized.observations });
  }
  const counts = await store.recordIngest({ captureId: meta.id, parsedAt: now(), parseError: null, quotes: parsed, skipped: result.skipped });
  const drift = source.minQuotes !== undefined && result.quotes.length < source.minQuotes
    ? `schema drift suspected: ${result.quotes.length} quotes parsed, fewer than the expected minimum ${source.minQuotes}`
    : null;
  return { ...counts, parseError: null, drift };
}
