// Slot for the PBOC/CFETS USD/CNY central parity: disabled until a feed URL in the documented JSON shape is configured.
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";

/**
 * Accepted feed shape (ours, documented in the source list): one fixing `{"date": "YYYY-MM-DD", "rate": "7.1234"}`
 * or an array of them; `rate` is CNY per 1 USD (string or number). CFETS publishes the parity at
 * 09:15 Beijing time on business days, but offers no public machine-readable endpoint to wire here.
 */
export function parsePboc(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "pboc");
  const items = Array.isArray(json) ? json : [json];
  if (items.length === 0 || items.some((item) => asRecord(item) === null)) {
    throw new SourceParseError('pboc: expected {"date","rate"} or an array of them');
  }
  const out = new QuoteCollector();
  items.forEach((item, i) => {
    const record = asRecord(item)!;
    const locator = Array.isArray(json) ? `[${i}]` : "$";
    const date = str(record["date"]);
    const rate = decOrNull(record["rate"]);
    if (rate === null || rate.lte(0)) return out.skip(locator, `unusable rate ${JSON.stringify(record["rate"])}`);
    out.fx({ kind: "fx", provider: "pboc", base: "USD", quote: "CNY", rate: plain(rate), date, locator });
  });
  return out.result;
}

export const pboc: SourceDef = {
  id: "pboc",
  title: "PBOC/CFETS USD/CNY central parity",
  kind: "fx",
  homepage: "https://www.chinamoney.com.cn/english/bmkcpr/",
  // 09:15 Beijing (UTC+8) on business days; collect at 01:30 UTC.
  schedule: "30 1 * * 1-5",
  tier: "list_price",
  requiresKey: {
    env: "CPI_PBOC_URL",
    reason: "no public machine-readable CFETS endpoint; set CPI_PBOC_URL to a feed in the documented JSON shape",
  },
  // The "key" is the feed URL; without it the source is disabled and makes no request.
  requests: (feedUrl) => (feedUrl ? [{ url: feedUrl }] : []),
  parse: parsePboc,
  minQuotes: 1,
};
