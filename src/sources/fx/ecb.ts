// ECB euro foreign exchange reference rates: the daily XML and the historical CSV, told apart by content.
import { XMLParser } from "fast-xml-parser";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, str } from "../record-fields.ts";
import { captureText, looksLikeHtml } from "../capture-decoder.ts";
import { csvTable } from "../csv.ts";
import { QuoteCollector } from "../quote-collector.ts";

type Builder = QuoteCollector;

function addRate(out: Builder, date: string, currency: string, rateText: string, locator: string): void {
  if (rateText.trim().toUpperCase() === "N/A") return out.skip(locator, "N/A: no reference rate for this currency that day");
  const rate = decOrNull(rateText);
  if (rate === null || rate.lte(0)) return out.skip(locator, `unusable rate "${rateText}"`);
  out.fx({ kind: "fx", provider: "ecb", base: "EUR", quote: currency, rate: plain(rate), date, locator });
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** eurofxref-daily.xml (and the 90-day / full XML files): Cube[time] > Cube[currency, rate]. */
function parseXml(text: string): ParseResult {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => name === "Cube",
  });
  let doc: Record<string, unknown> | null;
  try {
    doc = asRecord(parser.parse(text, true));
  } catch (error) {
    throw new SourceParseError(`ecb: invalid or truncated XML (${(error as Error).message})`);
  }
  const outer = asArray(asRecord(doc?.["Envelope"])?.["Cube"]);
  const days = outer.flatMap((cube) => asArray(asRecord(cube)?.["Cube"]));
  if (days.length === 0) throw new SourceParseError("ecb: no Cube[time] element in the XML");
  const out = new QuoteCollector();
  for (const day of days) {
    const date = str(asRecord(day)?.["@_time"]);
    for (const entry of asArray(asRecord(day)?.["Cube"])) {
      const currency = str(asRecord(entry)?.["@_currency"]);
      addRate(out, date, currency, str(asRecord(entry)?.["@_rate"]), `${date} ${currency}`);
    }
  }
  return out.result;
}

/** eurofxref-hist.csv: Date,USD,JPY,...; one row per day, "N/A" where a currency had no rate, trailing comma. */
function parseHistCsv(text: string): ParseResult {
  const table = csvTable(text, ["Date"], "ecb");
  const out = new QuoteCollector();
  const currencies = table.header.map((name, i) => ({ name, i })).filter(({ name }) => name !== "" && name !== "Date");
  for (const { row, cells } of table.rows) {
    const date = (cells[0] ?? "").trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      out.skip(`row ${row}`, `no date in first column ("${date}")`);
      continue;
    }
    for (const { name, i } of currencies) {
      const value = (cells[i] ?? "").trim();
      if (value === "") out.skip(`row ${row} ${name}`, "empty cell");
      else addRate(out, date, name, value, `row ${row} ${name}`);
    }
  }
  return out.result;
}

export function parseEcb(capture: CaptureInput): ParseResult {
  const text = captureText(capture);
  if (looksLikeHtml(text)) throw new SourceParseError("ecb: got an HTML page, not the reference rates");
  const head = text.trimStart();
  if (head.startsWith("<")) return parseXml(text);
  if (/^"?Date"?,/.test(head)) return parseHistCsv(text);
  throw new SourceParseError("ecb: neither the eurofxref XML nor the eurofxref-hist CSV format");
}

export const ecb: SourceDef = {
  id: "ecb",
  title: "ECB euro foreign exchange reference rates",
  kind: "fx",
  homepage: "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html",
  // Published around 16:00 CET on TARGET working days; 15:30 UTC is 16:30 CET and 17:30 CEST.
  schedule: "30 15 * * 1-5",
  tier: "list_price",
  requests: () => [{ url: "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml" }],
  parse: parseEcb,
  minQuotes: 20,
};
