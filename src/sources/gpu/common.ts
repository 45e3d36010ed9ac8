// Helpers shared by the GPU and FX source parsers: decoding, CSV by header, JSON, validated quote building.
import { z } from "zod";
import type { CaptureInput } from "../../schemas/capture.ts";
import { FxQuote, GpuQuote } from "../../schemas/quote.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import { readCsv } from "../csv.ts";

/** Marks a price that covers the accelerator only (GCP-style attach price): the VM is billed on top. */
export const ATTACH_PRICE_NOTE = "attach price: GPU only, VM extra";

export type GpuQuoteInput = z.input<typeof GpuQuote>;
export type FxQuoteInput = z.input<typeof FxQuote>;

/** The capture's bytes as UTF-8 text (BOM removed). */
export function captureText(capture: CaptureInput): string {
  const text = new TextDecoder("utf-8").decode(capture.bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when the text looks like an HTML page (error pages, captive portals, login walls). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(text);
}

/** Parse a JSON capture or throw SourceParseError naming the source and the problem. */
export function captureJson(capture: CaptureInput, what: string): unknown {
  const text = captureText(capture);
  if (looksLikeHtml(text)) throw new SourceParseError(`${what}: got an HTML page, not JSON`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceParseError(`${what}: invalid or truncated JSON (${(error as Error).message})`);
  }
}

export interface CsvTable {
  header: string[];
  /** Data rows with their 1-based row number (header excluded) and raw cells. */
  rows: { row: number; cells: string[] }[];
  /** Column index by header name. */
  col: Map<string, number>;
}

/** Parse CSV text (LF or CRLF) and check that `required` header names are present. */
export function csvTable(text: string, required: readonly string[], what: string): CsvTable {
  if (looksLikeHtml(text)) throw new SourceParseError(`${what}: got an HTML page, not CSV`);
  let records: string[][];
  try {
    records = readCsv(text);
  } catch (error) {
    throw new SourceParseError(`${what}: unreadable or truncated CSV (${(error as Error).message})`);
  }
  const header = (records[0] ?? []).map((name) => name.trim());
  const col = new Map<string, number>();
  header.forEach((name, i) => {
    if (name !== "" && !col.has(name)) col.set(name, i);
  });
  const missing = required.filter((name) => !col.has(name));
  if (missing.length > 0) throw new SourceParseError(`${what}: missing required columns: ${missing.join(", ")}`);
  const rows = records.slice(1).map((cells, i) => ({ row: i + 1, cells }));
  return { header, rows, col };
}

/** A cell by header name ("" when the column or cell is absent), trimmed. */
export function cell(table: CsvTable, cells: string[], name: string): string {
  const i = table.col.get(name);
  return i === undefined ? "" : (cells[i] ?? "").trim();
}

/** An accumulating ParseResult whose add functions validate every quote with its zod schema. */
export function resultBuilder() {
  const result: ParseResult = { quotes: [], skipped: [] };
  return {
    result,
    skip(locator: string, reason: string): void {
      result.skipped.push({ locator, reason });
    },
    /** Validate and add; on failure record a skip with the schema's message. Returns whether it was added. */
    gpu(candidate: GpuQuoteInput): boolean {
      const parsed = GpuQuote.safeParse(candidate);
      if (parsed.success) result.quotes.push(parsed.data);
      else result.skipped.push({ locator: candidate.locator, reason: `invalid quote: ${z.prettifyError(parsed.error)}` });
      return parsed.success;
    },
    fx(candidate: FxQuoteInput): boolean {
      const parsed = FxQuote.safeParse(candidate);
      if (parsed.success) result.quotes.push(parsed.data);
      else result.skipped.push({ locator: candidate.locator, reason: `invalid quote: ${z.prettifyError(parsed.error)}` });
      return parsed.success;
    },
  };
}

/** A plain JS number for non-money descriptors (vCPUs, GiB); null when absent or not numeric. */
export function numOrNull(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** A record (plain object) or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A string field, or "" when absent / not a string. */
export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}
