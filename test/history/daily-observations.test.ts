import { describe, expect, it } from "vitest";
import { NewObservation } from "../../src/schemas/observation.ts";
import { fixturePath } from "../helpers/shared.ts";
import { rejectedByRow, runImporter } from "./helpers.ts";

const result = runImporter("daily-observations", fixturePath("history", "daily_observations_sample.csv"));
const byRow = new Map(result.observations.map((o) => [String(o.attrs.row), o]));
const rejected = rejectedByRow(result);

describe("daily-observations importer", () => {
  it("keeps one per-GPU observation per good row, each schema-valid with provenance", () => {
    expect(result.observations.length).toBe(9);
    for (const o of result.observations) {
      expect(NewObservation.safeParse(o).success).toBe(true);
      expect(o.tier).toBe("historical_import");
      expect(o.source).toBe("import:daily-observations");
      expect(o.attrs.dataset).toBe("daily_observations_sample.csv");
      expect(o.attrs.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("maps the golden row: median price, noon of its date, fetched_at and offers in attrs", () => {
    const o = byRow.get("line 2")!;
    expect(o).toMatchObject({ provider: "lambda", kind: "gpu", product: "h100-sxm-80gb", metric: "gpu_hour", unit: "USD/GPU-hour", price: "2.99", term: "on_demand", region: "global", observedAt: "2026-03-02T12:00:00.000Z", captureId: null });
    expect(o.attrs).toMatchObject({ gpuCount: "1", nOffers: 1, priceMin: "2.99", priceMax: "2.99", fetchedAt: "2026-03-02T21:00:03.1+00:00" });
    expect(byRow.get("line 3")).toMatchObject({ price: "2.87", attrs: { gpuCount: "8" } });
  });

  it("maps spot rows to term spot", () => {
    expect(byRow.get("line 4")).toMatchObject({ product: "rtx4090-24gb", term: "spot", price: "0.29", region: "US" });
  });

  it("keeps an unknown GPU name as an unclassified observation with the reason", () => {
    const o = byRow.get("line 5")!;
    expect(o.product).toBe("unclassified");
    expect(o.rawName).toContain("QUANTUM_X1");
    expect(typeof o.attrs.unmappedReason).toBe("string");
  });

  it("rejects every bad row with its reason", () => {
    expect(rejected.get("line 6")).toMatch(/implausibly high: 45(\.00)? USD\/GPU-hour.*per-node/);
    expect(rejected.get("line 7")).toMatch(/empty or non-numeric price_median_usd/);
    expect(rejected.get("line 8")).toMatch(/unknown rental_type "reserved"/);
    expect(rejected.get("line 9")).toMatch(/bad date/);
  });

  it("rejects multi-GPU rows on a day when a publisher priced sizes at count x the single size (per-node)", () => {
    for (const line of ["line 11", "line 12", "line 15"]) expect(rejected.get(line)).toMatch(/per-node price in per-GPU column/);
    // the single-GPU rows of that day are real per-GPU prices
    expect(byRow.get("line 10")).toMatchObject({ price: "0.86" });
    expect(byRow.get("line 13")).toMatchObject({ price: "2.7" });
    // on the next day the same publisher's sizes cost the same per GPU: kept
    expect(byRow.get("line 17")).toMatchObject({ price: "5.04", attrs: { gpuCount: "2" } });
    expect(result.rejected.length).toBe(7);
  });
});
