// One bundling rule: every GPU parser and importer states its unit, and the same 8-GPU node reads the same everywhere.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundlingOf, NODE_ONLY, readBundling } from "../../src/normalize/bundling.ts";
import { dec } from "../../src/normalize/money.ts";
import { canonicalProvider, hardwareClass } from "../../src/normalize/hardware/index.ts";
import { normalizeQuote } from "../../src/normalize/observe.ts";
import type { NewObservation } from "../../src/schemas/observation.ts";
import type { Quote } from "../../src/schemas/quote.ts";
import { parseSkypilot } from "../../src/sources/gpu/skypilot.ts";
import { fixturePath } from "../helpers/shared.ts";
import { runImporter } from "../history/helpers.ts";

const facts = (provider: string, product: string, gpuUnit: "stated" | "attach" | "not_stated", count: string, perGpu: string) => ({ provider, product, gpuUnit, gpuCount: dec(count), perGpu: dec(perGpu) });
const unit = (o: NewObservation) => [o.provider, o.product, o.price, o.attrs.bundled, o.attrs.gpuCount, o.attrs.unitPrice, o.attrs.bundling];

describe("bundlingOf", () => {
  it("a stated multi-GPU unit is bundled and keeps its node price; one GPU is not", () => {
    expect(bundlingOf(facts("aws", "h100-sxm-80gb", "stated", "8", "6.88"))).toEqual({ bundled: true, unitGpus: "8", unitPrice: "55.04", rule: "stated" });
    expect(bundlingOf(facts("runpod", "h100-sxm-80gb", "stated", "1", "2.89"))).toEqual({ bundled: false, unitGpus: "1", unitPrice: "2.89", rule: "stated" });
    expect(bundlingOf(facts("vastai", "rtx-4090-24gb", "stated", "0.5", "0.4")).bundled).toBe(false);
  });
  it("a GPU-only attach price is separable whatever the count", () => {
    expect(bundlingOf(facts("gcp", "a100-sxm-40gb", "attach", "8", "2.939"))).toEqual({ bundled: false, unitGpus: "8", unitPrice: "23.512", rule: "gpu_attach" });
  });
  it("an unstated unit comes from NODE_ONLY, else stays unknown and unbundled", () => {
    expect(bundlingOf(facts("azure", "h100-sxm-80gb", "not_stated", "1", "12.29"))).toEqual({ bundled: true, unitGpus: "8", unitPrice: "98.32", rule: "node_only:Standard_ND96isr_H100_v5" });
    expect(bundlingOf(facts("aws", "h100-sxm-80gb", "not_stated", "1", "6.88"))).toEqual({ bundled: false, unitGpus: null, unitPrice: null, rule: "unit_not_stated" });
  });
  it("NODE_ONLY names real providers and classes, each with its source", () => {
    for (const [provider, classes] of Object.entries(NODE_ONLY)) {
      expect(canonicalProvider(provider).id).toBe(provider);
      for (const [cls, node] of Object.entries(classes)) {
        expect(hardwareClass(cls), `${provider} ${cls}`).toBeTruthy();
        expect(node.gpus).toBeGreaterThan(1);
        expect(node.source).toMatch(/^https:\/\//);
      }
    }
  });
  it("readBundling reads the rule back, and infers it for rows normalized before it", () => {
    expect(readBundling({ bundled: true, gpuCount: "8", bundling: "stated" })).toEqual({ bundled: true, unitGpus: 8, rule: "stated" });
    expect(readBundling({ bundled: false, gpuCount: "8" })).toEqual({ bundled: true, unitGpus: 8, rule: null });
    expect(readBundling({ bundled: false, gpuCount: null, bundling: "unit_not_stated" })).toEqual({ bundled: false, unitGpus: null, rule: "unit_not_stated" });
  });
});

describe("the same kind of 8-GPU node reads the same in every importer", () => {
  const dir = fixturePath("bundling");
  it("aws-daily: p5.48xlarge instance price / 8", () => {
    const r = runImporter("aws-daily", join(dir, "aws_p5_48xlarge_daily_bundling.csv"));
    expect(r.observations.map(unit)).toEqual([["aws", "h100-sxm-80gb", "6.88", true, "8", "55.04", "stated"]]);
  });
  it("multi-tier: hyperscaler node-only classes are bundled nodes, single-GPU offers are not", () => {
    const r = runImporter("multi-tier", join(dir, "multi_tier_daily_bundling.csv"));
    expect(r.observations.map(unit)).toEqual([
      ["azure", "h100-sxm-80gb", "12.29", true, "8", "98.32", "node_only:Standard_ND96isr_H100_v5"],
      ["gcp", "h100-sxm-80gb", "9.7966", true, "8", "78.3728", "node_only:a3-highgpu-8g"],
      ["oracle", "h100-sxm-80gb", "10", true, "8", "80", "node_only:BM.GPU.H100.8"],
      ["aws-sagemaker", "h100-sxm-80gb", "7.912", true, "8", "63.296", "node_only:ml.p5.48xlarge"],
      ["aws", "h100-sxm-80gb", "6.88", false, null, null, "unit_not_stated"],
      ["oracle", "l40s-48gb", "3.5", true, "4", "14", "node_only:BM.GPU.L40S.4"],
      ["azure", "h100-nvl-94gb", "6.98", false, null, null, "unit_not_stated"],
      ["runpod", "h100-sxm-80gb", "2.89", false, null, null, "unit_not_stated"],
    ]);
  });
  it("daily-observations: the offer's gpu_count is the unit", () => {
    const r = runImporter("daily-observations", join(dir, "daily_observations_bundling.csv"));
    expect(r.observations.map(unit)).toEqual([
      ["oracle", "h100-sxm-80gb", "10", true, "8", "80", "stated"],
      ["aws", "h100-sxm-80gb", "6.88", true, "8", "55.04", "stated"],
      ["aws", "h100-sxm-80gb", "6.88", false, "1", "6.88", "stated"],
      ["lambda", "h100-sxm-80gb", "2.99", false, "1", "2.99", "stated"],
    ]);
  });
  it("primeintellect: a per-GPU average over configurations states no unit", () => {
    const r = runImporter("primeintellect", fixturePath("history", "H100_80GB_SXM5.jsonl"));
    expect(new Set(r.observations.map((o) => [o.attrs.bundled, o.attrs.gpuCount, o.attrs.bundling].join()))).toEqual(new Set(["false,,unit_not_stated"]));
  });
  it("skypilot: a VM of 8 GPUs is bundled, a GCP attach row of 8 GPUs is not", () => {
    const capture = (url: string, path: string) => ({ sourceId: "skypilot", url, fetchedAt: "2026-11-21T12:00:00.000Z", contentType: "text/csv", bytes: new Uint8Array(readFileSync(path)) });
    const observe = (r: ReturnType<typeof parseSkypilot>) => r.quotes.flatMap((q: Quote) => normalizeQuote(q, { source: "skypilot", captureId: 1, fetchedAt: "2026-11-21T12:00:00.000Z" }).observations);
    const aws = observe(parseSkypilot(capture("https://x/catalogs/v8/aws/vms.csv", fixturePath("sources/gpu/skypilot_aws_vms.csv"))));
    expect(aws.find((o) => o.attrs.sku === "p5.48xlarge" && o.term === "on_demand")?.attrs).toMatchObject({ bundled: true, gpuCount: "8", unitPrice: "55.04", bundling: "stated" });
    const gcp = observe(parseSkypilot(capture("v0_gcp_attach.csv", fixturePath("sources/gpu/v0_gcp_attach.csv"))));
    expect(gcp.find((o) => o.attrs.gpuCount === "8" && o.term === "on_demand")?.attrs).toMatchObject({ bundled: false, unitPrice: "23.512", bundling: "gpu_attach" });
  });
});

describe("every GPU parser and importer states its unit", () => {
  it("each module that builds GPU quotes sets gpuUnit", () => {
    const root = fixturePath("..", "..", "src", "sources");
    const files = ["gpu", "history"].flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith(".ts")).map((f) => join(root, d, f)));
    const builders = files.filter((f) => /kind: "gpu"/.test(readFileSync(f, "utf8")));
    expect(builders.length).toBeGreaterThanOrEqual(11);
    for (const f of builders) expect(readFileSync(f, "utf8"), f).toMatch(/gpuUnit: /);
  });
});
