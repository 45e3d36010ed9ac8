// Independent recompute: 2.0 token fixings redone spreadsheet-style from the bundle rows (no index code), compared
// with the back-calculation of the engine over the same bundle.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/db/index.ts";
import { backCalculate, token2Set } from "../../../scripts/token2-backcalc.ts";

const BUNDLE = new URL("../../../data/bundle/", import.meta.url);
const COLUMNS = ["dataset", "source", "provider", "kind", "product", "rawName", "metric", "quantization", "term", "region", "providerTier", "unit", "currency", "price", "observedAt", "tier", "volume", "attrs"];
type Row = Record<string, unknown> & { provider: string; product: string; metric: string; quantization: string | null; price: string; observedAt: string; attrs: Record<string, unknown> };

function bundleRows(file: string): Row[] {
  const text = gunzipSync(readFileSync(new URL(file, BUNDLE))).toString("utf8");
  return text.split("\n").filter((l) => l !== "").map((l) => Object.fromEntries(COLUMNS.map((c, i) => [c, (JSON.parse(l) as unknown[])[i]])) as Row);
}

const median = (xs: Decimal[]): Decimal => {
  const s = [...xs].sort((a, b) => a.comparedTo(b));
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : s[n / 2 - 1]!.plus(s[n / 2]!).div(2);
};

/**
 * token.md, step by step: rows of the model and metric in the 24 h window before 16:00 UTC (back-calculation:
 * staleness = the window), admitted quantizations; one series per endpoint id, averaged over its snapshots; a
 * provider's price = the median of its series (one voice per provider); MAD rule 3.5 with the spread floored at
 * 10% of the median (MAD 0 excludes nothing); at least 4 providers; no bundled volume, so equal weights (the cap
 * 0.25 does not bind with 4 or more) and the weighted median is the median; 6 decimals half-even.
 */
function spreadsheetFixing(rows: Row[], model: string, date: string, quantizations: string[]): string | null {
  const end = Date.parse(`${date}T16:00:00Z`);
  const inWindow = rows.filter((r) => r.product === model && r.metric === "blended_3_1" && quantizations.includes(r.quantization ?? "unknown") && Date.parse(r.observedAt) >= end - 24 * 3_600_000 && Date.parse(r.observedAt) <= end);
  const series = new Map<string, { provider: string; prices: Decimal[] }>();
  for (const r of inWindow) {
    const key = `${r.provider}|${String(r.attrs["endpointId"])}|${r.quantization}`;
    const s = series.get(key) ?? { provider: r.provider, prices: [] };
    s.prices.push(new Decimal(r.price));
    series.set(key, s);
  }
  const byProvider = new Map<string, Decimal[]>();
  for (const s of series.values()) byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s.prices.reduce((a, b) => a.plus(b)).div(s.prices.length)]);
  let prices = [...byProvider.values()].map(median);
  const m = median(prices);
  const mad = median(prices.map((p) => p.minus(m).abs()));
  if (!mad.isZero()) {
    const spread = Decimal.max(mad.times("1.4826"), m.times("0.1"));
    prices = prices.filter((p) => p.minus(m).abs().lessThanOrEqualTo(spread.times("3.5")));
  }
  if (prices.length < 4) return null;
  return median(prices).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(6);
}

const POOLED = ["fp4", "fp8", "bf16", "fp16", "int4", "unknown"];
const DATES = ["2026-07-18", "2026-08-08"];

describe("token 2.0 back-calculation, recomputed independently from the bundle rows", () => {
  let store: Store;
  let rows: Row[];
  beforeAll(async () => {
    rows = bundleRows("token-openrouter-endpoints.jsonl.gz");
    ({ store } = await backCalculate(token2Set(), undefined, ["TOK-GPTOSS120B-BLEND-USD", "TOK-LLAMA3370B-BLEND-USD", "TOK-GLM52FP8-BLEND-USD", "TOK-OWBASKET-BLEND-USD"]));
  }, 120_000);
  afterAll(async () => store?.close());

  const published = async (code: string, date: string) => (await store.getFixing(code, date))?.value ?? null;

  it("gpt-oss-120b and llama-3.3-70b blended 3:1 on each OpenRouter snapshot date", async () => {
    for (const [code, model] of [["TOK-GPTOSS120B-BLEND-USD", "openai/gpt-oss-120b"], ["TOK-LLAMA3370B-BLEND-USD", "meta-llama/llama-3.3-70b-instruct"]] as const) {
      for (const date of DATES) {
        const expected = spreadsheetFixing(rows, model, date, POOLED);
        expect(expected, `${code} ${date}`).not.toBeNull();
        expect(await published(code, date), `${code} ${date}`).toBe(expected);
      }
    }
  });

  it("the fp8-only GLM-5.2 series admits fp8 endpoints only", async () => {
    for (const date of DATES) expect(await published("TOK-GLM52FP8-BLEND-USD", date)).toBe(spreadsheetFixing(rows, "z-ai/glm-5.2", date, ["fp8"]));
    expect(spreadsheetFixing(rows, "z-ai/glm-5.2", "2026-08-08", ["fp8"])).not.toBe(spreadsheetFixing(rows, "z-ai/glm-5.2", "2026-08-08", POOLED));
  });

  it("the USD basket: fixed weights x constituent prices, linked across the roll", async () => {
    const w: [string, string][] = [["deepseek/deepseek-v4-flash", "0.35"], ["deepseek/deepseek-v4-pro", "0.35"], ["deepseek/deepseek-v3.2", "0.1371"], ["openai/gpt-oss-120b", "0.1221"], ["openai/gpt-oss-20b", "0.0408"]];
    const value = (date: string, models: string[]) =>
      w.reduce((s, [, wt], i) => s.plus(new Decimal(wt).times(spreadsheetFixing(rows, models[i]!, date, POOLED)!)), new Decimal(0));
    const inception = value("2026-07-18", w.map(([m]) => m));
    // On the roll date the value is the old constituents' (linkValue), the successor's price enters as its base.
    const rollDay = value("2026-08-08", w.map(([m]) => m));
    expect(await published("TOK-OWBASKET-BLEND-USD", "2026-07-18")).toBe(inception.toFixed(6, Decimal.ROUND_HALF_EVEN));
    expect(await published("TOK-OWBASKET-BLEND-USD", "2026-08-08")).toBe(rollDay.toFixed(6, Decimal.ROUND_HALF_EVEN));
    const level = (await store.getFixing("TOK-OWBASKET-BLEND-USD", "2026-08-08"))!.basket!.level;
    expect(level).toBe(rollDay.times(100).div(inception).toFixed(6, Decimal.ROUND_HALF_EVEN));
    // Per 1M reference characters: every constituent's tokenizer family has a ratio (deepseek-v4 documented).
    const perChars = (await store.getFixing("TOK-OWBASKET-BLEND-USD", "2026-08-08"))!.perMillionChars!;
    expect(perChars).toMatchObject({ tokenizer: "basket", measured: false });
    expect([perChars.en, perChars.zh, perChars.mixed].every((v) => v !== null)).toBe(true);
  });
});
