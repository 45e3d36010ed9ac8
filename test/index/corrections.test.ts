import { describe, expect, it } from "vitest";
import { correctionAllowed, findIndex, loadMethodology, relativeChange } from "../../src/index/index.ts";
import type { FixingDraft } from "../../src/schemas/fixing.ts";
import type { IndexDefinition } from "../../src/schemas/methodology.ts";
import { plain } from "../../src/normalize/money.ts";
import { priorFixing } from "./build.ts";

const m = loadMethodology();
const def = findIndex(m, "GPU-H100SXM-OD");
const prev = priorFixing(def, { fixingDate: "2026-08-08", value: "2.5000" });
const next = (value: string | null): FixingDraft => ({ ...prev, value });

describe("correctionAllowed", () => {
  it("the threshold is data: 0.1% relative", () => {
    expect(m.corrections.republicationThreshold).toBe("0.001");
    expect(plain(relativeChange("2.5000", "2.5025")!)).toBe("0.001");
  });

  it("same day: republication only above the threshold", () => {
    const now = "2026-08-08T18:00:00.000Z";
    expect(correctionAllowed(prev, next("2.5025"), now, def)).toEqual({
      allowed: false, kind: "republication", reason: "change 0.1000% is within the 0.1000% threshold: the published value stands",
    });
    const ok = correctionAllowed(prev, next("2.5026"), now, def);
    expect([ok.allowed, ok.kind]).toEqual([true, "republication"]);
    expect(ok.reason).toBe("same-day republication before 2026-08-09T00:00:00.000Z: change 0.1040% above 0.1000%");
  });

  it("a value appearing or disappearing is always material", () => {
    expect(correctionAllowed(prev, next(null), "2026-08-08T18:00:00.000Z", def).allowed).toBe(true);
    const none = priorFixing(def, { fixingDate: "2026-08-08", value: null, status: "fallback" });
    expect(correctionAllowed(none, next("2.5"), "2026-08-08T18:00:00.000Z", def).reason).toMatch(/no value -> 2.5/);
  });

  it("unchanged values are not corrections", () => {
    expect(correctionAllowed(prev, next("2.5000"), "2026-08-08T18:00:00.000Z", def).allowed).toBe(false);
  });

  it("after the fixing day: a logged restatement, up to 90 days", () => {
    const later = correctionAllowed(prev, next("2.6000"), "2026-08-09T00:00:00.000Z", def);
    expect([later.allowed, later.kind]).toEqual([true, "restatement"]);
    expect(later.reason).toMatch(/log old value, new value, reason and dates/);
    expect(correctionAllowed(prev, next("2.6000"), "2026-11-06T12:00:00.000Z", def).allowed).toBe(true);
    const tooLate = correctionAllowed(prev, next("2.6000"), "2026-11-07T12:00:00.000Z", def);
    expect([tooLate.allowed, tooLate.kind]).toEqual([false, "restatement"]);
    expect(tooLate.reason).toMatch(/91 days after the fixing date/);
    expect(correctionAllowed(prev, next("2.5001"), "2026-08-10T00:00:00.000Z", def).allowed).toBe(false);
  });

  it("the republication window ends at local midnight of the index's time zone", () => {
    const shanghai: IndexDefinition = { ...def, fixing: { ...def.fixing, timezone: "Asia/Shanghai" } };
    expect(correctionAllowed(prev, next("2.6"), "2026-08-08T15:59:59.000Z", shanghai).kind).toBe("republication");
    expect(correctionAllowed(prev, next("2.6"), "2026-08-08T16:00:00.000Z", shanghai).kind).toBe("restatement");
  });

  it("refuses to compare different fixings", () => {
    const other = { ...next("2.6"), fixingDate: "2026-08-07" };
    expect(correctionAllowed(prev, other, "2026-08-08T18:00:00.000Z", def)).toMatchObject({ allowed: false, reason: expect.stringMatching(/not the same fixing/) });
  });

  it("takes the policy as a parameter", () => {
    const strict = { republicationThreshold: "0.05", restatementMaxDays: 0 };
    expect(correctionAllowed(prev, next("2.6"), "2026-08-08T18:00:00.000Z", def, strict).allowed).toBe(false);
    expect(correctionAllowed(prev, next("3"), "2026-08-09T18:00:00.000Z", def, strict).allowed).toBe(false);
  });
});
