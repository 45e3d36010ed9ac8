// The manifest over both stores: built and checked clean, still clean after growth, a removed tail named (PostgreSQL when reachable).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildManifest } from "../../src/jobs/manifest.ts";
import { checkManifest } from "../../src/jobs/manifest-check.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { storeKinds, openTestStore, type TestStore } from "../helpers/stores.ts";
import { fixingDraft } from "../helpers/observations.ts";

const NOW = () => new Date("2026-12-02T17:00:00.000Z");

describe.each(storeKinds)("manifest on %s", (kind) => {
  let t: TestStore;
  const signer = ephemeralSigner();
  const keys = new Map([[signer.keyId, signer.publicKeyPem]]);
  const publish = (date: string) => t.store.appendFixing(fixingDraft({ fixingDate: date, fixingTime: `${date}T16:00:00.000Z` }), { publishedAt: `${date}T16:00:05.000Z`, sign: signer.sign });

  beforeEach(async () => {
    t = await openTestStore(kind);
    await publish("2026-11-29");
    await t.store.addAudit({ at: "2026-11-29T17:00:00.000Z", actor: "admin", action: "complaint-open", target: "C-1 GPU-H100SXM-OD", reason: "too high" });
  });
  afterEach(async () => t.cleanup());

  it("checks clean, and after growth of the chain and the audit log", async () => {
    const m = await buildManifest(t.store, signer, { now: NOW, methodologyVersion: "1.2.0" });
    expect(m.fixings.count).toBe(1);
    expect(m.audit.count).toBe(1);
    expect((await checkManifest(m, t.store, keys)).problems).toEqual([]);
    await publish("2026-11-30");
    await t.store.addAudit({ at: "2026-11-30T17:00:00.000Z", actor: "admin", action: "complaint-close", target: "C-1 GPU-H100SXM-OD", reason: "stands" });
    const r = await checkManifest(m, t.store, keys);
    expect(r.problems).toEqual([]);
    expect(r.fixingsSince).toBe(1);
  });

  it("names a chain that no longer holds the manifest's head (a store rebuilt without its newest records)", async () => {
    await publish("2026-11-30");
    const m = await buildManifest(t.store, signer, { now: NOW, methodologyVersion: "1.2.0" });
    const fresh = await openTestStore(kind);
    try {
      await fresh.store.appendFixing(fixingDraft({ fixingDate: "2026-11-29", fixingTime: "2026-11-29T16:00:00.000Z" }), { publishedAt: "2026-11-29T16:00:05.000Z", sign: signer.sign });
      const problems = (await checkManifest(m, fresh.store, keys)).problems.map((p) => `${p.row}: ${p.problem}`);
      expect(problems).toContain("fixing chain: 1 of the 2 records the manifest of 2026-12-02T17:00:00.000Z lists are missing (the newest records were removed)");
      expect(problems).toContain("audit log: 1 of the 1 entries the manifest lists are missing");
    } finally {
      await fresh.cleanup();
    }
  });
});
