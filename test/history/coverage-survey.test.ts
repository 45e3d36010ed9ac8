// The GPU coverage survey counts constituents, parents and datasets per class and basis the way gpu2 reads them.
import { describe, expect, it } from "vitest";
import type { NewObservation } from "../../src/schemas/observation.ts";
import { breadth, constituentOf, panel, surveyTables } from "../../scripts/gpu-coverage-survey.ts";

const obs = (provider: string, attrs: Record<string, unknown>, extra: Partial<NewObservation> = {}): NewObservation => ({
  captureId: null, source: "import:daily-observations", provider, kind: "gpu", product: "h100-sxm-80gb", rawName: "H100_SXM", metric: "gpu_hour",
  quantization: null, term: "on_demand", region: "us", providerTier: "neocloud", unit: "USD/GPU-hour", currency: "USD", price: "2.5",
  observedAt: "2026-05-22T12:00:00.000Z", tier: "historical_import", volume: null, attrs, ...extra,
});

describe("gpu coverage survey", () => {
  const rows = [
    obs("aws", { gpuCount: "8", bundled: true, bundling: "stated", sourceUrl: "https://getdeploying.com" }),
    obs("aws-sagemaker", { gpuCount: "8", bundled: true, bundling: "node_only:ml.p5.48xlarge" }, { source: "import:multi-tier" }),
    obs("lambda", { gpuCount: "1", bundled: false, bundling: "stated", sourceUrl: "https://lambda.ai/x" }),
    obs("lambda", { gpuCount: "1", bundled: false, bundling: "stated", sourceUrl: "https://lambda.ai/x" }, { observedAt: "2026-05-22T18:00:00.000Z" }),
    obs("runpod", { gpuCount: null, bundled: false, bundling: "unit_not_stated" }, { source: "import:multi-tier" }),
    obs("runpod", { gpuCount: "1", bundled: false, bundling: "stated" }, { term: "spot" }),
  ];

  it("keys constituents by provider, collector dataset, SKU, unit GPUs and region", () => {
    expect(constituentOf(rows[0]!)).toBe("aws|import:daily-observations@getdeploying.com|H100_SXM|8|us");
    expect(constituentOf(rows[4]!)).toBe("runpod|import:multi-tier|H100_SXM|?|us");
  });

  it("counts parents (aws-sagemaker is aws) and datasets per basis and day; spot is left out", () => {
    const p = panel(rows).get("h100-sxm-80gb")!;
    expect(breadth(p.get("node")!.get("2026-05-22"))).toEqual({ constituents: 2, parents: 1, datasets: 2, topDatasetShare: 0.5 });
    expect(breadth(p.get("single")!.get("2026-05-22"))).toEqual({ constituents: 2, parents: 2, datasets: 2, topDatasetShare: 0.5 });
    expect(surveyTables(rows, ["2026-05-22"], [["2026-05-22", "2026-05-23"]])).toContain("| h100-sxm-80gb | 2 / 2 / 2 | 1.0 / 1.0 / 1.0 | 0 | 0 | 0.50 |");
  });
});
