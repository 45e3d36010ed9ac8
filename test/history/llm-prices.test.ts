import { describe, expect, it } from "vitest";
import { entryDays } from "../../src/sources/history/llm-prices.ts";
import { fixturePath } from "../helpers/shared.ts";
import { runImporter } from "./helpers.ts";

const file = fixturePath("history", "llm_prices_sample.json");

describe("llm-prices importer", () => {
  const r = runImporter("llm-prices", file, "2026-08-21");
  const of = (model: string, metric: string) => r.observations.filter((o) => o.rawName === model && o.metric === metric).map((o) => [o.observedAt.slice(0, 10), o.price]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

  it("expands a dated entry to one observation per day up to the capture date", () => {
    expect(of("deepseek-chat", "input")).toEqual([
      ["2026-08-17", "0.14"],
      ["2026-08-18", "0.27"],
      ["2026-08-19", "0.27"],
      ["2026-08-20", "0.27"],
      ["2026-08-21", "0.27"],
    ]);
    expect(of("deepseek-chat", "blended_3_1")[1]).toEqual(["2026-08-18", "0.4775"]);
    expect(of("deepseek-chat", "cached_input")).toEqual([
      ["2026-08-18", "0.07"],
      ["2026-08-19", "0.07"],
      ["2026-08-20", "0.07"],
      ["2026-08-21", "0.07"],
    ]);
  });

  it("asserts an entry without from_date only on its last day (the start is unknown)", () => {
    expect(of("deepseek-reasoner", "output")).toEqual([["2026-08-21", "2.19"]]);
  });

  it("marks rows first party, USD per 1M, noon UTC, with provenance", () => {
    for (const o of r.observations) {
      expect(o).toMatchObject({ provider: expect.any(String), providerTier: "first_party", unit: "USD/1M tokens", tier: "historical_import", kind: "token" });
      expect(o.observedAt).toMatch(/T12:00:00\.000Z$/);
      expect(o.attrs.dataset).toBe("llm_prices_sample.json");
    }
  });

  it("rejects announced future prices, long-context tiers and empty entries", () => {
    const reasons = r.rejected.map((x) => x.reason);
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/after the capture date 2026-08-21/);
    expect(reasons[1]).toMatch(/long-context price tier/);
    expect(reasons[2]).toMatch(/no input or output price/);
  });

  it("needs a capture date", () => {
    const none = runImporter("llm-prices", file);
    expect(none.observations).toHaveLength(0);
    expect(none.rejected[0]?.reason).toMatch(/no capture date/);
  });

  it("entryDays bounds intervals by the capture date", () => {
    expect(entryDays("2026-01-30", "2026-02-02", "2026-08-21").days).toEqual(["2026-01-30", "2026-01-31", "2026-02-01"]);
    expect(entryDays(null, "2026-09-01", "2026-08-21").days).toEqual(["2026-08-21"]);
    expect(entryDays("2026-08-22", null, "2026-08-21").problem).toMatch(/announced/);
  });
});
