import { describe, expect, it } from "vitest";
import { fixturePath } from "../helpers/shared.ts";
import { rejectedByRow, runImporter } from "./helpers.ts";

describe("primeintellect importer", () => {
  const r = runImporter("primeintellect", fixturePath("history", "H100_80GB_SXM5.jsonl"));
  const rej = rejectedByRow(r);

  it("keeps one per-GPU observation per snapshot x provider at the snapshot time", () => {
    expect(r.observations.map((o) => [o.provider, o.price, o.observedAt])).toEqual([
      ["nebius", "2.12", "2025-10-19T21:01:58.727Z"],
      ["runpod", "2.7", "2025-10-19T21:01:58.727Z"],
      ["nebius", "2.15", "2025-10-19T21:31:02.000Z"],
    ]);
    expect(r.observations[1]).toMatchObject({ product: "h100-sxm-80gb", term: "on_demand", unit: "USD/GPU-hour", attrs: { nOffers: 4, priceMin: "2.69" } });
  });

  it("rejects providers seen with spot offers, rows without avg, broken lines and snapshots without time", () => {
    expect(rej.get("line 1 by_provider.spotty")).toMatch(/spot offers/);
    expect(rej.get("line 2 by_provider.runpod")).toMatch(/no avg price/);
    expect(rej.get("line 3")).toMatch(/not JSON/);
    expect(rej.get("line 4")).toMatch(/no timestamp/);
    expect(r.rejected).toHaveLength(4);
  });
});

describe("multi-tier importer", () => {
  const r = runImporter("multi-tier", fixturePath("history", "multi_tier_daily_sample.csv"));
  const rej = rejectedByRow(r);

  it("maps lease terms and observes at noon of the date", () => {
    expect(r.observations.map((o) => [o.provider, o.term, o.price])).toEqual([
      ["runpod", "on_demand", "2.69"],
      ["runpod", "spot", "1.75"],
      ["aws", "term_1m", "3.1"],
      ["aws", "term_36m", "1.9"],
    ]);
    expect(r.observations[0]).toMatchObject({ product: "h100-sxm-80gb", observedAt: "2026-05-21T12:00:00.000Z", region: "global" });
  });

  it("rejects estimates, unknown tiers, empty and implausible prices", () => {
    expect(rej.get("line 2")).toBe("source=historical_estimate: an estimate, not an observation");
    expect(rej.get("line 7")).toMatch(/unknown price_tier "weekly"/);
    expect(rej.get("line 8")).toMatch(/empty or non-numeric/);
    expect(rej.get("line 9")).toMatch(/implausibly high: 88.49/);
  });
});

describe("aws-daily importer", () => {
  const r = runImporter("aws-daily", fixturePath("history", "aws_p5_48xlarge_daily_sample.csv"));
  const rej = rejectedByRow(r);

  it("divides the instance price by 8 GPUs, us-east-1 on-demand, noon of the day", () => {
    expect(r.observations.map((o) => [o.observedAt, o.price])).toEqual([
      ["2025-04-23T12:00:00.000Z", "12.29"],
      ["2025-06-05T12:00:00.000Z", "6.88"],
    ]);
    expect(r.observations[0]).toMatchObject({ provider: "aws", product: "h100-sxm-80gb", region: "us-east-1", term: "on_demand", attrs: { bundled: true, instancePrice: "98.32", fetchedAt: "2025-04-23T18:52:57" } });
  });

  it("rejects empty prices and instances it does not know", () => {
    expect(rej.get("line 3")).toMatch(/empty price_usd/);
    expect(rej.get("line 5")).toMatch(/unknown instance "p4d.24xlarge"/);
  });
});

describe("genai-prices importer", () => {
  const r = runImporter("genai-prices", fixturePath("history", "genai-prices-v2-data-2026-08-21.json"));
  const input = (model: string) => r.observations.filter((o) => o.rawName === model && o.metric === "input").map((o) => [o.observedAt.slice(0, 10), o.price]);

  it("observes dated price changes on the day before, the day of, and the capture date", () => {
    expect(input("o3")).toEqual([
      ["2025-06-09", "10"],
      ["2025-06-10", "2"],
      ["2026-08-21", "2"],
    ]);
  });

  it("evaluates time-of-day prices at noon UTC and takes the base of context tiers", () => {
    expect(input("deepseek-chat")).toEqual([["2026-08-21", "0.27"]]);
    const terra = r.observations.find((o) => o.rawName === "gpt-5.6-terra" && o.metric === "output")!;
    expect(terra.price).toBe("15");
    expect(terra.attrs.contextTiered).toMatch(/base price/);
  });

  it("rejects announced changes and models without token prices", () => {
    const reasons = r.rejected.map((x) => `${x.row}: ${x.reason}`);
    expect(reasons).toHaveLength(2);
    expect(reasons.join("\n")).toMatch(/claude-sonnet-5 from 2026-09-01: price change on 2026-09-01, after the capture date/);
    expect(reasons.join("\n")).toMatch(/gpt-embed @2026-08-21: no input or output price/);
    expect(input("claude-sonnet-5")).toEqual([["2026-08-21", "2"]]);
  });
});
