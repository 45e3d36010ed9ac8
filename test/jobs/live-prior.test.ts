import { describe, expect, it } from "vitest";
import { findIndex, loadMethodology } from "../../src/index/index.ts";
import { fixIndex } from "../../src/jobs/fix.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { fixingDraft } from "../helpers/observations.ts";
import { scratchStore } from "../helpers/stores.ts";

describe("a live fallback and a back-calculated prior", () => {
  it("never carries a back-calculated value into a live fixing", async () => {
    const store = scratchStore();
    const methodology = loadMethodology();
    const def = findIndex(methodology, "GPU-H100SXM-OD");
    const signer = ephemeralSigner();
    await store.appendFixing(fixingDraft({ indexCode: def.code, fixingDate: "2026-12-01", status: "back-calculated", value: "2.5000", calculation: "back-calculated" }), { publishedAt: "2026-12-02T10:00:00.000Z", sign: signer.sign });
    const out = await fixIndex(def, "2026-12-02", "final", { store, signer, methodology, now: () => new Date("2026-12-02T16:00:05.000Z") });
    expect(out!.fixing.status).toBe("fallback");
    expect(out!.fixing.value).toBeNull();
    expect(out!.fixing.note).toMatch(/no prior value to carry/);
    // A back-calculation itself may still carry its own reconstructed history.
    const back = await fixIndex(def, "2026-12-03", "back-calculated", { store, signer, methodology, now: () => new Date("2026-12-03T16:00:05.000Z") });
    expect(back!.fixing.value).toBeNull(); // prior of 12-03 is the live no-value fallback of 12-02
    await store.close();
  });
});
