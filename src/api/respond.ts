// JSON or CSV from the same rows: content negotiation, file names, buffered and streamed CSV bodies.
import type { Context } from "hono";
import { csvRecordStream, renderCsv, type CsvColumn, type CsvValue } from "./csv.ts";

export type Format = "json" | "csv";

const CSV_TYPE = "text/csv; charset=utf-8; header=present";

/** `format` (already validated) wins; otherwise Accept: text/csv asks for CSV. */
export function wantedFormat(c: Context, format: Format | undefined): Format {
  if (format) return format;
  const accept = c.req.header("accept") ?? "";
  return /(^|,)\s*text\/csv/i.test(accept) ? "csv" : "json";
}

/** Content-Disposition for a download named after what it holds, e.g. GPU-H100SXM-OD_fixings_2026-02-01_2026-07-20.csv */
export function attachment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_");
  return `attachment; filename="${safe}"`;
}

export interface ListOptions<T> {
  format: Format | undefined;
  /** Download file name (without directory), e.g. "cpi_sources.csv". */
  fileName: string;
  columns: readonly CsvColumn<T>[];
  rows: readonly T[];
  /** The JSON body; `data` is usually the rows mapped to their JSON view. */
  json: () => unknown;
  headers?: Record<string, string>;
}

/** One list response, in the format asked for. */
export function respondList<T>(c: Context, o: ListOptions<T>): Response {
  if (wantedFormat(c, o.format) === "csv") {
    return c.body(renderCsv(o.columns, o.rows), 200, { "content-type": CSV_TYPE, "content-disposition": attachment(o.fileName), ...o.headers });
  }
  return c.json(o.json(), 200, o.headers);
}

/** A CSV body streamed from pages of records in column order (constant memory; the ETag is set by the caller). */
export function respondCsvRecords(c: Context, fileName: string, header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>, headers: Record<string, string> = {}): Response {
  return c.body(csvRecordStream(header, pages), 200, { "content-type": CSV_TYPE, "content-disposition": attachment(fileName), ...headers });
}
