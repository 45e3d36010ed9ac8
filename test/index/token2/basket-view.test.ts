// The dashboard's basket constituents table and diagnostics line (pure module of src/api/dashboard).
import { describe, expect, it } from "vitest";

const modulePath = new URL("../../../src/api/dashboard/basket-view.js", import.meta.url).href;
const { constituentRows, diagnosticsText } = (await import(modulePath)) as {
  constituentRows: (f: unknown) => { model: string; weight: string; price: string; status: string }[];
  diagnosticsText: (f: unknown) => string | null;
};

const basketFixing = {
  fixingDate: "2026-08-08",
  diagnostics: { volumeCoverageShare: "0", imputedShare: "0", fallbackShare: "0.35", weightBasis: "fixed_basket", qualityFlag: "carried" },
  basket: {
    level: "89.983097", reconstitution: "2026-08-08", unlinkedValue: "0.68",
    constituents: [
      { model: "x", weight: "0.65", price: "0.175000", basePrice: "0.175", providers: 21, status: "computed" },
      { model: "y", weight: "0.35", price: null, basePrice: "1.5625", providers: 0, status: "base" },
    ],
  },
};

describe("dashboard basket view", () => {
  it("lists constituents with weight in percent and their status", () => {
    expect(constituentRows(basketFixing).map((r) => [r.model, r.weight, r.price, r.status])).toEqual([
      ["x", "65.00%", "0.175000", "priced"],
      ["y", "35.00%", "–", "at its base price"],
    ]);
    expect(constituentRows({ fixingDate: "2026-08-08" })).toEqual([]);
  });

  it("says how the weights rest, and nothing on a 1.x fixing", () => {
    expect(diagnosticsText(basketFixing)).toBe("weights: fixed basket · volume coverage 0.0% · imputed 0.0% · carried 35.0% · quality: carried · level 89.983097 (reconstitution of 2026-08-08)");
    expect(diagnosticsText({ value: "1" })).toBeNull();
  });
});
