// Shared pure helpers of the token-price parsers: decoding bytes, exact prices, validated quotes, reasoned skips.
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { decOrNull, plain } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import { TokenQuote } from "../../schemas/quote.ts";
import type { ParseResult, Skipped } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";

/** TokenQuote fields a parser fills; the schema adds the defaults. */
export type TokenQuoteInput = z.input<typeof TokenQuote>;

/** Capture bytes as text; gzip (magic 1f 8b) is inflated first, a UTF-8 BOM dropped. Pure: no I/O. */
export function captureText(capture: CaptureInput): string {
  let bytes = capture.bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new SourceParseError(`gzip capture could not be inflated: ${(err as Error).message}`);
    }
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON of a capture, or a SourceParseError saying why not (empty, HTML, truncated). */
export function captureJson(capture: CaptureInput): unknown {
  const text = captureText(capture).trim();
  if (text === "") throw new SourceParseError("empty capture");
  if (text.startsWith("<")) throw new SourceParseError("capture is HTML/XML, not JSON");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SourceParseError(`capture is not JSON: ${(err as Error).message}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record's field as a record, or an empty one. */
export function recordAt(value: unknown, key: string): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const v = value[key];
  return isRecord(v) ? v : {};
}

/** A non-empty string field, or null. */
export function strAt(value: unknown, key: string): string | null {
  if (!isRecord(value)) return null;
  const v = value[key];
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/**
 * A source price as a Dec. JSON floats arrive already parsed by JSON.parse; String(float) is the
 * shortest repr that round-trips to the same double (1.5e-7 -> "1.5e-7" -> 0.00000015), which is the
 * number the source printed in every case where the source printed at most 17 significant digits.
 */
export function price(value: unknown): Dec | null {
  if (typeof value === "number") return Number.isFinite(value) ? decOrNull(String(value)) : null;
  return decOrNull(value);
}

/** Canonical decimal string of a price, or null. */
export function priceText(value: Dec | null): string | null {
  return value === null ? null : plain(value);
}

/** Collects quotes and skips; every quote is validated by the zod schema, failures become skips. */
export class Collector {
  readonly result: ParseResult = { quotes: [], skipped: [] };

  skip(locator: string, reason: string): void {
    this.result.skipped.push({ locator, reason });
  }

  quote(input: TokenQuoteInput): boolean {
    const parsed = TokenQuote.safeParse(input);
    if (parsed.success) {
      this.result.quotes.push(parsed.data);
      return true;
    }
    this.skip(input.locator, `invalid quote: ${z.prettifyError(parsed.error).replace(/\s+/g, " ")}`);
    return false;
  }

  get skipped(): Skipped[] {
    return this.result.skipped;
  }
}

/** Date (YYYY-MM-DD) or ISO date-time text as an ISO UTC instant with Z, or null. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text.replace(" ", "T") : `${text.replace(" ", "T")}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The day before an ISO date, as an instant: the last day a price that ended on `date` is known to have held. */
export function dayBefore(date: string): string | null {
  const start = isoInstant(date.slice(0, 10));
  if (start === null) return null;
  return new Date(Date.parse(start) - 86_400_000).toISOString();
}
