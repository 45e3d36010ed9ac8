// The compare view's per-character normalization puts a CNY series beside a USD one, each in its own currency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Store } from "../../src/db/index.ts";
import type { ApiEnv } from "../../src/api/registry.ts";
import { seededApp } from "./fixture.ts";

interface IndexInfo {
  code: string;
  family: string;
  currency: string;
  unit: string;
  product: { kind: string; models: string[] };
  tokenizer?: string | null;
  tokensPerChineseChar?: string | null;
}
interface CompareSeries {
  perCharFactor: (ix: IndexInfo) => { skipped?: string; factor?: number; unit?: string };
  chartPoints: (fixings: { fixingDate: string; value: string | null }[], factor: number, toX: (d: string) => number) => [number, number][];
  usdCnyCodes: (indices: IndexInfo[]) => string[];
}
// Plain browser JS (served as is to the dashboard): imported by URL so TypeScript does not need its types.
const modulePath = new URL("../../src/api/dashboard/compare-series.js", import.meta.url).href;
const { chartPoints, perCharFactor, usdCnyCodes } = (await import(modulePath)) as CompareSeries;

let store: Store;
let app: Hono<ApiEnv>;
beforeAll(async () => ({ store, app } = await seededApp()));
afterAll(async () => store.close());

async function index(code: string): Promise<IndexInfo> {
  const res = await app.request(`/v1/indices/${code}`);
  expect(res.status, code).toBe(200);
  return (await res.json()) as IndexInfo;
}

describe("CNY series in the API", () => {
  it("publishes currency, unit and tokenizer of a CNY series", async () => {
    expect(await index("TOK-GLM52-BLEND-CNY-LIST")).toMatchObject({ currency: "CNY", unit: "CNY/1M tokens", family: "token", tokenizer: "glm", tokensPerChineseChar: null });
  });

  it("the USD vs CNY preset pairs each CNY blend with the USD blend of the same model", async () => {
    const res = await app.request("/v1/indices");
    const { data } = (await res.json()) as { data: IndexInfo[] };
    expect(usdCnyCodes(data)).toEqual([
      "TOK-QWEN37PLUS-BLEND-CNY-LIST",
      "TOK-SEED21PRO-BLEND-CNY-LIST",
      "TOK-GLM52-BLEND-USD",
      "TOK-GLM52-BLEND-CNY-LIST",
      "TOK-KIMIK26-BLEND-USD",
      "TOK-KIMIK26-BLEND-CNY-LIST",
    ]);
  });
});

describe("per-character normalization", () => {
  const toX = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

  it("keeps each series in its own currency: CNY x ratio is CNY per 1M Chinese characters", async () => {
    const usd = await index("TOK-GPTOSS120B-BLEND-USD");
    const cny = { ...(await index("TOK-GLM52-BLEND-CNY-LIST")), tokenizer: "qwen", tokensPerChineseChar: "0.61" };
    expect(perCharFactor(usd)).toEqual({ factor: 0.77836735, unit: "USD/1M Chinese chars" });
    expect(perCharFactor(cny)).toEqual({ factor: 0.61, unit: "CNY/1M Chinese chars" });
    expect(chartPoints([{ fixingDate: "2026-08-21", value: "13.000000" }, { fixingDate: "2026-08-22", value: null }], 0.5, toX)).toEqual([[toX("2026-08-21"), 6.5]]);
  });

  it("names the missing ratio instead of drawing a token count as characters", async () => {
    expect(perCharFactor(await index("TOK-GLM52-BLEND-CNY-LIST")).skipped).toMatch(/no tokens-per-character ratio for tokenizer glm/);
    expect(perCharFactor(await index("GPU-H100SXM-OD")).skipped).toBe("a GPU index has no tokens");
  });
});
