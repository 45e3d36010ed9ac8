// Checking a fetched body's Content-Type against what a source expects (the fetcher itself never judges it).
import type { FetchOutcome } from "./fetch-types.ts";

/** The media type of a Content-Type header: lower-case, parameters dropped ("text/html; charset=x" -> "text/html"). */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" ? null : type;
}

/**
 * Null when an ok outcome's Content-Type matches one of `expected` (exact media types or "type/*"),
 * else a readable reason ("expected application/json, got text/html; charset=utf-8").
 * Outcomes without a body (not_modified, error) have nothing to check and give null.
 */
export function expectContentType(outcome: FetchOutcome, expected: readonly string[]): string | null {
  if (outcome.kind !== "ok") return null;
  const actual = mediaType(outcome.contentType);
  const wanted = expected.map((e) => e.trim().toLowerCase());
  if (actual !== null && wanted.some((w) => matches(actual, w))) return null;
  const got = outcome.contentType === null ? "no Content-Type" : outcome.contentType.slice(0, 100);
  return `expected ${wanted.join(" or ")}, got ${got}`;
}

function matches(actual: string, wanted: string): boolean {
  if (wanted === "*/*") return true;
  if (wanted.endsWith("/*")) return actual.startsWith(wanted.slice(0, -1));
  return actual === wanted;
}
