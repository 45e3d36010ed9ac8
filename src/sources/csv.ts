// A fast RFC 4180 reader: measured ~5x faster than csv-parse on 100k-row catalogs (bench/README.md).
import { SourceParseError } from "./types.ts";

/**
 * Records of `text`: comma-separated fields, CRLF or LF record ends, double-quoted fields that may hold
 * commas, line breaks and "" escapes. Empty lines are skipped; a leading BOM is dropped. An unterminated
 * quote (a truncated file) throws SourceParseError.
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record: string[] = [];
  while (i <= n) {
    let value: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: runs to the closing quote; "" is an escaped quote.
      let start = i + 1;
      value = "";
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) throw new SourceParseError(`unterminated quoted field starting at offset ${i} (truncated CSV?)`);
        value += text.slice(start, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          start = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as lenient readers do.
      const end = nextDelimiter(text, i);
      value += text.slice(i, end);
      i = end;
    } else {
      const end = nextDelimiter(text, i);
      value = text.slice(i, end);
      i = end;
    }
    record.push(value);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // End of record (CR, LF, CRLF or end of text).
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i += 1;
    if (i >= n) break;
  }
  return records;
}

/** Offset of the next comma, CR or LF from `from` (or the end of the text). */
function nextDelimiter(text: string, from: number): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) return i;
    i++;
  }
  return n;
}
