// RFC 4180 CSV: header row, CRLF line ends, fields quoted only when needed; stable column order.
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",") + "\r\n";
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

/** Streams rows as CSV chunks (header first), batching lines to keep writes large and memory flat. */
export function csvStream<T>(columns: readonly CsvColumn<T>[], rows: AsyncIterable<T>, batch = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      if (!headerSent) {
        chunk += csvLine(columns.map((c) => c.name));
        headerSent = true;
      }
      for (let i = 0; i < batch; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(columns.map((c) => c.value(next.value)));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
