// Test helpers for token sources: a file or a string as a CaptureInput, and accounting checks.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { CaptureInput } from "../../../src/schemas/capture.ts";
import type { ParseResult, TokenQuote } from "../../../src/schemas/quote.ts";

export const FETCHED_AT = "2026-08-08T00:00:00.000Z";

export function captureOf(bytes: Uint8Array | string, url = "https://example.test/", fetchedAt = FETCHED_AT): CaptureInput {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return { sourceId: "test", url, fetchedAt, contentType: null, bytes: data };
}

export function captureFile(path: string, url?: string, fetchedAt?: string): CaptureInput {
  return captureOf(new Uint8Array(readFileSync(path)), url, fetchedAt);
}

/** The capture date a real fixture's name carries (…_2026-08-08.json), as an ISO instant. */
export function fetchedAtOfName(name: string): string {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(name);
  return m ? `${m[1]}T00:00:00.000Z` : FETCHED_AT;
}

/** The token quotes of a result (all of them must be token quotes). */
export function tokenQuotes(result: ParseResult): TokenQuote[] {
  return result.quotes.map((q) => {
    if (q.kind !== "token") throw new Error(`not a token quote: ${q.kind}`);
    return q;
  });
}

/** Reason counts of the skips, for readable assertions. */
export function reasonCounts(result: ParseResult, normalize: (r: string) => string = (r) => r): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of result.skipped) counts[normalize(s.reason)] = (counts[normalize(s.reason)] ?? 0) + 1;
  return counts;
}

/** Every skip has a reason; every locator is non-empty. */
export function expectReasoned(result: ParseResult): void {
  for (const s of result.skipped) {
    expect(s.reason.length).toBeGreaterThan(0);
    expect(s.locator.length).toBeGreaterThan(0);
  }
}

/** Find the one quote with a given model (and optionally provider). */
export function quoteFor(quotes: TokenQuote[], model: string, provider?: string): TokenQuote {
  const hits = quotes.filter((q) => q.model === model && (provider === undefined || q.provider === provider));
  if (hits.length !== 1) throw new Error(`expected one quote for ${model}/${provider ?? "*"}, found ${hits.length}`);
  return hits[0] as TokenQuote;
}
