// Shared pure helpers of the history importers: decoding, CSV rows, day arithmetic, and quote -> observation with provenance.
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { normalizeQuote } from "../../normalize/observe.ts";
import type { NewObservation } from "../../schemas/observation.ts";
import type { GpuQuote, TokenQuote } from "../../schemas/quote.ts";
import type { ImportContext, ImportResult, Rejection } from "./types.ts";

/** Observation source id of an importer format (also the capture source id of `cpi import`). */
export function importSource(format: string): string {
  return `import:${format}`;
}

/** Bytes as text: gzip (1f 8b) inflated, UTF-8 BOM dropped. */
export function decodeText(bytes: Uint8Array): string {
  const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const text = new TextDecoder("utf-8").decode(raw);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(decodeText(bytes)) as unknown;
}

/** CSV rows keyed by header, each with its 1-based line number (header is line 1; no embedded newlines assumed). */
export function csvRows(bytes: Uint8Array): { line: number; r: Record<string, string> }[] {
  const records = parseCsv(decodeText(bytes), { columns: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as Record<string, string>[];
  return records.map((r, i) => ({ line: i + 2, r }));
}

const DAY_MS = 86_400_000;

export function isDay(text: string | undefined | null): text is string {
  return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && Number.isFinite(Date.parse(`${text}T00:00:00Z`));
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Where a daily value is observed: noon UTC of its date. GPU fixings close at 16:00 UTC over the previous
 * 24 h, so noon of D falls inside the window (D-1 16:00, D 16:00] of the fixing of D (data/README.md).
 */
export function dayNoon(day: string): string {
  return `${day}T12:00:00.000Z`;
}

/** The last YYYY-MM-DD in a file name, or null. */
export function dateInName(name: string): string | null {
  const all = name.match(/\d{4}-\d{2}-\d{2}/g);
  const last = all?.[all.length - 1];
  return isDay(last) ? last : null;
}

/** Accumulates observations and rejections; every kept row carries dataset, file hash and row locator. */
export class ImportCollector {
  readonly result: ImportResult = { observations: [], rejected: [] };
  constructor(
    private readonly ctx: ImportContext,
    private readonly source: string,
  ) {}

  reject(row: string, reason: string): void {
    this.result.rejected.push({ row, reason });
  }

  /** Normalize one quote (classification + sanity rules of src/normalize) and stamp provenance. */
  quote(quote: GpuQuote | TokenQuote, row: string, extra: Record<string, unknown> = {}, patch: Partial<NewObservation> = {}): NewObservation[] {
    const norm = normalizeQuote(quote, { source: this.source, captureId: null, fetchedAt: quote.observedAt ?? "1970-01-01T00:00:00.000Z" });
    if (norm.quarantineReason !== null) {
      this.reject(row, norm.quarantineReason);
      return [];
    }
    const made = norm.observations.map((o) => ({
      ...o,
      ...patch,
      tier: "historical_import" as const,
      attrs: { ...o.attrs, ...extra, dataset: this.ctx.dataset, fileSha256: this.ctx.fileSha256, row },
    }));
    this.result.observations.push(...made);
    return made;
  }
}

/** A reason with its figures folded ("implausibly high: 43.92 ..." -> "implausibly high: N ..."), for grouping. */
export function reasonPattern(reason: string): string {
  return reason.replace(/\d+(\.\d+)?/g, "N");
}

/** Rejections grouped by reason pattern, most frequent first, with one example each. */
export function rejectionsByReason(rejected: Rejection[]): { reason: string; count: number; example: Rejection }[] {
  const groups = new Map<string, { reason: string; count: number; example: Rejection }>();
  for (const r of rejected) {
    const key = reasonPattern(r.reason);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { reason: key, count: 1, example: r });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}
