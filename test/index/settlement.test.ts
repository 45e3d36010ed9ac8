import { describe, expect, it } from "vitest";
import { computeSettlement, findIndex, latestRevisions, loadMethodology, monthDates } from "../../src/index/index.ts";
import type { Fixing } from "../../src/schemas/fixing.ts";
import { priorFixing } from "./build.ts";

const def = findIndex(loadMethodology(), "GPU-H100SXM-OD");
const fx = (date: string, value: string | null, status: Fixing["status"] = "final", revision = 1): Fixing => ({
  ...priorFixing(def, { fixingDate: date, value, status }),
  revision,
});

describe("monthDates", () => {
  it("lists every calendar day, leap years included", () => {
    expect(monthDates("2026-02")).toHaveLength(28);
    expect(monthDates("2028-02").at(-1)).toBe("2028-02-29");
    expect(monthDates("2026-08")[0]).toBe("2026-08-01");
    expect(() => monthDates("2026-13")).toThrow(/YYYY-MM/);
  });
});

describe("computeSettlement", () => {
  it("is the arithmetic mean of every day's fixing, rounded as the index", () => {
    const fixings = monthDates("2026-02").map((d, i) => fx(d, i % 2 === 0 ? "2.0000" : "2.0001"));
    const s = computeSettlement(def, fixings, "2026-02");
    // 14 x 2.0000 + 14 x 2.0001 over 28 days = 2.00005 -> half-even at 4 places = 2.0000.
    expect([s.value, s.used.length, s.skipped.length, s.calendarDays]).toEqual(["2.0000", 28, 0, 28]);
    expect(s.methodologyVersions).toEqual(["1.0.0"]);
  });

  it("uses the latest revision of each date", () => {
    const fixings = [fx("2026-08-01", "2.0000"), fx("2026-08-01", "3.0000", "republished", 2), fx("2026-08-02", "4.0000")];
    const s = computeSettlement(def, fixings, "2026-08");
    expect(s.used).toEqual([
      { fixingDate: "2026-08-01", value: "3.0000", status: "republished", revision: 2 },
      { fixingDate: "2026-08-02", value: "4.0000", status: "final", revision: 1 },
    ]);
    expect(s.value).toBe("3.5000");
    expect(latestRevisions([fx("2026-08-01", "1", "final", 2), fx("2026-08-01", "9", "final", 1)]).get("2026-08-01")!.value).toBe("1");
  });

  it("counts carried fallbacks, skips and lists everything else", () => {
    const fixings = [
      fx("2026-08-01", "2.0000"),
      fx("2026-08-02", "2.2000", "fallback"),
      fx("2026-08-03", null, "fallback"),
      fx("2026-08-04", "9.0000", "provisional"),
      fx("2026-08-05", "9.0000", "back-calculated"),
      fx("2026-07-31", "9.0000"),
      { ...fx("2026-08-06", "9.0000"), indexCode: "GPU-B200-OD" },
    ];
    const s = computeSettlement(def, fixings, "2026-08");
    expect(s.value).toBe("2.1000");
    expect(s.used.map((d) => d.fixingDate)).toEqual(["2026-08-01", "2026-08-02"]);
    expect(s.skipped).toHaveLength(29);
    const reasons = Object.fromEntries(s.skipped.slice(0, 4).map((x) => [x.fixingDate, x.reason]));
    expect(reasons).toEqual({
      "2026-08-03": "fallback without a value",
      "2026-08-04": "provisional: not yet final",
      "2026-08-05": "back-calculated: reconstructed history does not settle contracts",
      "2026-08-06": "no fixing published",
    });
  });

  it("has no value when no day is usable", () => {
    const s = computeSettlement(def, [], "2026-08");
    expect([s.value, s.used.length, s.skipped.length]).toEqual([null, 0, 31]);
  });
});
