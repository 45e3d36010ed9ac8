// genai-prices (pydantic): hand-curated USD per 1M prices with dated changes, time-of-day windows and context tiers.
import { parse as parseYaml } from "yaml";
import type { Dec } from "../../normalize/money.ts";
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult } from "../../schemas/quote.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { captureText } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";
import { isRecord, recordAt, strAt } from "../record-fields.ts";
import { price, priceText } from "./price-fields.ts";
import { chooseEntries, type PriceEntry } from "./genai-prices-entries.ts";

export const GENAI_PRICES_URL = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data_v2.json";

const FIELDS = { input: "input_mtok", output: "output_mtok", cachedInput: "cache_read_mtok", cacheWrite: "cache_write_mtok" } as const;

/** The providers of a capture: data(.json|_v2.json) is an array of providers, a providers/*.yml file is one. */
function providersOf(capture: CaptureInput): unknown[] {
  const text = captureText(capture).trim();
  if (text === "") throw new SourceParseError("empty capture");
  if (text.startsWith("<")) throw new SourceParseError("capture is HTML/XML, not genai-prices data");
  let doc: unknown;
  try {
    doc = text.startsWith("[") || text.startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SourceParseError(`genai-prices capture is neither JSON nor YAML: ${(err as Error).message}`);
  }
  if (Array.isArray(doc)) return doc;
  if (isRecord(doc) && Array.isArray(doc.models)) return [doc];
  throw new SourceParseError("expected an array of providers or one provider with models[]");
}

/** A price field: a number, or a context-tiered `{base, tiers:[{start, price}]}` (base kept, tier starts noted). */
function fieldPrice(value: unknown, tierStarts: Set<string>): Dec | null {
  if (!isRecord(value)) return price(value);
  const tiers = Array.isArray(value.tiers) ? value.tiers : [];
  for (const t of tiers) tierStarts.add(strAt(t, "start") ?? "?");
  return price(value.base);
}

function toEntries(prices: unknown): PriceEntry[] {
  const list = Array.isArray(prices) ? prices : [{ prices }];
  return list.map((e, index) => {
    const constraint = recordAt(e, "constraint");
    const start = strAt(constraint, "start_time");
    const end = strAt(constraint, "end_time");
    return {
      index,
      startDate: strAt(constraint, "start_date"),
      window: start !== null && end !== null ? { start, end } : null,
      prices: isRecord(e) && isRecord(e.prices) ? e.prices : {},
    };
  });
}

export function parseGenaiPrices(capture: CaptureInput): ParseResult {
  const out = new QuoteCollector();
  providersOf(capture).forEach((prov, p) => {
    const provider = strAt(prov, "id");
    const models = isRecord(prov) && Array.isArray(prov.models) ? prov.models : [];
    if (provider === null) return out.skip(`providers[${p}]`, "provider without id");
    models.forEach((model, m) => {
      const id = strAt(model, "id");
      const loc = `${provider}/${id ?? `models[${m}]`}`;
      if (id === null) return out.skip(loc, "model without id");
      if (isRecord(model) && model.deprecated === true) return out.skip(loc, "deprecated model");
      if (id.endsWith(":free")) return out.skip(loc, "free");
      const entries = toEntries(isRecord(model) ? model.prices : undefined);
      const choice = chooseEntries(entries, capture.fetchedAt);
      for (const s of choice.skipped) out.skip(`${loc} ${s.locator}`, s.reason);
      for (const { entry, observedAt, label } of choice.kept) {
        const tierStarts = new Set<string>();
        const input = fieldPrice(entry.prices[FIELDS.input], tierStarts);
        const output = fieldPrice(entry.prices[FIELDS.output], tierStarts);
        const entryLoc = `${loc} ${label}`;
        if (input === null && output === null) {
          out.skip(entryLoc, "no token price");
          continue;
        }
        if ((input?.isZero() ?? true) && (output?.isZero() ?? true)) {
          out.skip(entryLoc, "free");
          continue;
        }
        if (input === null || output === null) {
          out.skip(entryLoc, `${input === null ? "output" : "input"}-only price (embedding or similar): not a text-generation quote`);
          continue;
        }
        const made = out.token({
          kind: "token",
          provider,
          model: id,
          currency: "USD",
          perTokens: 1000000,
          input: priceText(input),
          output: priceText(output),
          cachedInput: priceText(fieldPrice(entry.prices[FIELDS.cachedInput], tierStarts)),
          cacheWrite: priceText(fieldPrice(entry.prices[FIELDS.cacheWrite], tierStarts)),
          tier: "list_price",
          observedAt,
          locator: entryLoc,
        });
        if (!made) continue;
        for (const start of [...tierStarts].sort()) {
          out.skip(`${entryLoc}#context>=${start}`, `context tier from ${start} input tokens: kept out of the base quote`);
        }
      }
    });
  });
  return out.result;
}

export const genaiPrices: SourceDef = {
  id: "genai-prices",
  title: "genai-prices curated list prices",
  kind: "token",
  homepage: "https://github.com/pydantic/genai-prices",
  schedule: "33 4,14 * * *",
  tier: "list_price",
  requests: () => [{ url: GENAI_PRICES_URL }],
  parse: parseGenaiPrices,
  minQuotes: 300,
};
