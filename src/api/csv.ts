// RFC 4180 CSV: header row, CRLF line ends, fields quoted only when needed; stable column order.
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvLine(values: readonly CsvValue[]): string {
  // A plain loop (no map/join arrays): this runs once per exported row.
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) line += ",";
    if (value === null || value === undefined) continue;
    if (typeof value === "number") line += String(value);
    else {
      const text = String(value);
      line += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    }
  }
  return line + "\r\n";
}

export interface CsvColumn<T> {
  name: string;
  value: (row: T) => CsvValue;
}

export function renderCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = csvLine(columns.map((c) => c.name));
  for (const row of rows) out += csvLine(columns.map((c) => c.value(row)));
  return out;
}

/**
 * Streams pages of records (values already in column order) as CSV chunks, header first: one chunk per page,
 * pulled only as the client reads, so memory stays flat whatever the row count.
 */
export function csvRecordStream(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!headerSent) {
        chunk = csvLine(header);
        headerSent = true;
      }
      const next = await iterator.next();
      if (next.done) {
        if (chunk) controller.enqueue(encoder.encode(chunk));
        controller.close();
        return;
      }
      for (const record of next.value) chunk += csvLine(record);
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
