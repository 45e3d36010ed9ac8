import { expect, it } from "vitest";
import { rejectionsByReason, type ImportResult } from "../../src/sources/history/index.ts";
import { describeShared, sharedFiles, sharedPath } from "../helpers/shared.ts";
import { runImporter } from "./helpers.ts";

/** Rejections by reason pattern -> count. */
function reasons(r: ImportResult): Record<string, number> {
  return Object.fromEntries(rejectionsByReason(r.rejected).map((g) => [g.reason, g.count]));
}
function classifiedShare(r: ImportResult): number {
  return r.observations.filter((o) => o.product !== "unclassified").length / r.observations.length;
}
function provenanceOk(r: ImportResult, dataset: string): boolean {
  return r.observations.every((o) => o.tier === "historical_import" && o.attrs.dataset === dataset && /^[0-9a-f]{64}$/.test(String(o.attrs.fileSha256)) && typeof o.attrs.row === "string");
}

describeShared("history import: gpu-history/daily_observations", () => {
  const name = "daily_observations_2026-02-11_to_2026-07-20.csv";
  const r = runImporter("daily-observations", sharedPath("gpu-history", name));
  const rejected = new Set(r.rejected.map((x) => x.row));

  it("reads 33,654 rows: keeps 32,182, rejects 1,459 per-node rows of 2026-02-11..18 and 13 above the sanity cap", () => {
    expect(r.observations.length + r.rejected.length).toBe(33654);
    expect(r.observations).toHaveLength(32182);
    expect(reasons(r)).toEqual({
      "per-node price in per-GPU column: on N-N-N https://getdeploying.com priced multi-GPU offers at gpu_count x the single size": 1459,
      "implausibly high: N USD/GPU-hour > N (likely a per-node price in a per-GPU column)": 13,
    });
    const days = new Set(r.rejected.filter((x) => x.reason.startsWith("per-node")).map((x) => x.reason.match(/\d{4}-\d{2}-\d{2}/)?.[0]));
    expect([...days].sort()).toEqual(["2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18"]);
  });

  it("keeps no per-node figure: oracle 80.00, massed compute 21.60 and replicate 43.92 rows are rejected", () => {
    expect(r.observations.some((o) => Number(o.price) > 25)).toBe(false);
    const kept = (provider: string, price: string) => r.observations.filter((o) => o.provider === provider && o.price === price);
    expect(kept("oracle", "80")).toHaveLength(0);
    expect(kept("massedcompute", "21.6")).toHaveLength(0);
    expect(kept("replicate", "43.92")).toHaveLength(0);
    expect(rejected.size).toBe(1472);
  });

  it("classifies at least 99% of rows, all observed at noon of their date, with provenance", () => {
    expect(classifiedShare(r)).toBeGreaterThan(0.99);
    expect(r.observations.every((o) => o.observedAt.endsWith("T12:00:00.000Z") && (o.term === "on_demand" || o.term === "spot"))).toBe(true);
    expect(provenanceOk(r, name)).toBe(true);
    expect(r.observations.filter((o) => o.product === "h100-sxm-80gb" && o.term === "on_demand").length).toBeGreaterThan(2000);
  });
});

describeShared("history import: gpu-history/primeintellect", () => {
  const files = sharedFiles("gpu-history/primeintellect_30min_2025-10-19_to_2025-11-16", /\.jsonl$/);
  const results = files.map((f) => ({ f, r: runImporter("primeintellect", f) }));

  it("imports seven GPU files: 23,848 snapshot x provider rows, rejecting providers that list spot offers", () => {
    expect(files).toHaveLength(7);
    expect(results.reduce((s, x) => s + x.r.observations.length, 0)).toBe(23848);
    const rej = results.flatMap((x) => x.r.rejected);
    expect(rej).toHaveLength(2108);
    expect(new Set(rej.map((x) => x.row.split("by_provider.")[1]))).toEqual(new Set(["datacrunch", "primecompute"]));
  });

  it("classifies every file to one class, at snapshot times", () => {
    const classes = results.map((x) => [...new Set(x.r.observations.map((o) => o.product))]);
    expect(classes).toEqual([["a100-pcie-80gb"], ["a100-sxm-80gb"], ["b200-sxm-180gb"], ["gh200-96gb"], ["h100-pcie-80gb"], ["h100-sxm-80gb"], ["h200-sxm-141gb"]]);
    const h100 = results[5]!.r.observations;
    expect(h100[0]).toMatchObject({ provider: expect.any(String), observedAt: "2025-10-19T21:01:58.727Z", term: "on_demand" });
  });
});

describeShared("history import: gpu-history/multi_tier and aws_p5", () => {
  it("multi-tier: 2,067 kept; the 88 historical_estimate rows rejected; terms mapped", () => {
    const r = runImporter("multi-tier", sharedPath("gpu-history", "multi_tier_daily_2026-05-21_to_2026-06-15.csv"));
    expect(r.observations).toHaveLength(2067);
    expect(reasons(r)).toEqual({ "source=historical_estimate: an estimate, not an observation": 88 });
    expect(new Set(r.observations.map((o) => o.term))).toEqual(new Set(["on_demand", "spot", "term_12m", "term_36m"]));
    expect(r.observations.every((o) => o.observedAt >= "2026-05-21")).toBe(true);
  });

  it("aws p5.48xlarge: 487 per-GPU prices (98.32 / 8 until the 2025-06-05 cut, then 55.04 / 8), 13 empty rows rejected", () => {
    const r = runImporter("aws-daily", sharedPath("gpu-history", "aws_p5_48xlarge_daily_2025-04_to_2026-08.csv"));
    expect(r.observations).toHaveLength(487);
    expect(reasons(r)).toEqual({ "empty price_usd (backfill row without a price)": 13 });
    expect(new Set(r.observations.map((o) => o.product))).toEqual(new Set(["h100-sxm-80gb"]));
    const before = r.observations.filter((o) => o.observedAt < "2025-06-05");
    const after = r.observations.filter((o) => o.observedAt >= "2025-06-05");
    expect(new Set(before.map((o) => o.price))).toEqual(new Set(["12.29"]));
    expect(new Set(after.map((o) => o.price))).toEqual(new Set(["6.88"]));
    expect(r.observations[0]).toMatchObject({ provider: "aws", providerTier: "hyperscaler", region: "us-east-1", term: "on_demand", attrs: { bundled: true, gpuCount: "8" } });
  });
});

describeShared("history import: llm-prices (capture date 2026-08-21)", () => {
  const files = sharedFiles("llm-prices", /\.json$/);
  const all = files.map((f) => runImporter("llm-prices", f, "2026-08-21"));

  it("expands 11 vendor files to 2,273 first-party observations; 27 entries rejected", () => {
    expect(files).toHaveLength(11);
    expect(all.reduce((s, r) => s + r.observations.length, 0)).toBe(2273);
    const rej = all.flatMap((r) => r.rejected);
    expect(rej.filter((x) => /long-context/.test(x.reason))).toHaveLength(25);
    expect(rej.filter((x) => /announced/.test(x.reason)).map((x) => x.row)).toEqual(["models[8] claude-sonnet-5 price_history[1]"]);
    expect(rej.filter((x) => /duplicate model id/.test(x.reason))).toHaveLength(1);
  });

  it("deepseek-chat runs daily from its 2025-02-08 price change to the capture date", () => {
    const ds = all[files.findIndex((f) => f.endsWith("deepseek.json"))]!;
    const input = ds.observations.filter((o) => o.rawName === "deepseek-chat" && o.metric === "input");
    expect(input).toHaveLength(561);
    expect(input.find((o) => o.observedAt.startsWith("2025-02-07"))?.price).toBe("0.14");
    expect(input.find((o) => o.observedAt.startsWith("2026-08-21"))?.price).toBe("0.27");
  });
});

describeShared("history import: token snapshots (openrouter, litellm)", () => {
  it("openrouter endpoints: 3,242 and 3,583 observations; free, not-serving, duplicates rejected", () => {
    const a = runImporter("openrouter-endpoints", sharedPath("openrouter", "endpoints_2026-07-17.csv"));
    const b = runImporter("openrouter-endpoints", sharedPath("openrouter", "endpoints_2026-08-08.csv"));
    expect([a.observations.length, a.rejected.length, b.observations.length, b.rejected.length]).toEqual([3242, 195, 3583, 293]);
    expect(reasons(b)).toMatchObject({ free: 73, "status -N: endpoint not serving": 76, "variant batch: kept out of the base quote": 62 });
    expect(b.observations.every((o) => o.observedAt === "2026-08-08T15:31:24.000Z")).toBe(true);
    expect(classifiedShare(b)).toBeGreaterThan(0.8);
    expect(b.observations.filter((o) => o.product === "openai/gpt-oss-120b" && o.metric === "blended_3_1").length).toBeGreaterThan(5);
  });

  it("openrouter models (bare array, gzip and plain) and litellm snapshots import at noon of the file date", () => {
    const m = runImporter("openrouter-models", sharedPath("openrouter", "models_2026-07-17.json.gz"));
    expect([m.observations.length, m.rejected.length]).toEqual([1174, 74]);
    expect(m.observations[0]?.observedAt).toBe("2026-07-17T12:00:00.000Z");
    const l = runImporter("litellm", sharedPath("litellm", "model_prices_2026-07-24.json"));
    expect([l.observations.length, l.rejected.length]).toEqual([7193, 1329]);
    expect(l.observations.some((o) => Number(o.price) > 1000)).toBe(false);
  });
});

describeShared("history import: genai-prices v1/v2", () => {
  it("imports dated list prices at their change dates and the capture date", () => {
    const v1 = runImporter("genai-prices", sharedPath("genai-prices", "genai-prices-v1-data-2025-12-11.json"));
    const v2 = runImporter("genai-prices", sharedPath("genai-prices", "genai-prices-v2-data-2026-08-21.json"));
    expect([v1.observations.length, v1.rejected.length, v2.observations.length, v2.rejected.length]).toEqual([3165, 141, 4405, 163]);
    expect(v2.rejected.filter((x) => /announced/.test(x.reason))).toHaveLength(6);
    const o3 = v2.observations.filter((o) => o.provider === "openai" && o.rawName === "o3" && o.metric === "input").map((o) => [o.observedAt.slice(0, 10), o.price]);
    expect(o3).toEqual([["2025-06-09", "10"], ["2025-06-10", "2"], ["2026-08-21", "2"]]);
  });
});
