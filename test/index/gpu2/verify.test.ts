// GPU 2.0 publications recompute under cpi verify: back-calculation under an in-memory 2.0.0 set, panel carried.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../../src/db/index.ts";
import { loadMethodology } from "../../../src/index/index.ts";
import { singleVersionSet } from "../../../src/index/versions.ts";
import { fixIndex } from "../../../src/jobs/fix.ts";
import { backfill } from "../../../src/jobs/history.ts";
import { silentLogger } from "../../../src/jobs/logger.ts";
import { ephemeralSigner } from "../../../src/jobs/signing.ts";
import { verify } from "../../../src/jobs/verify.ts";
import { gpuObservation } from "../../helpers/observations.ts";

const m2 = { ...loadMethodology(), version: "2.0.0" };
const versions = singleVersionSet(m2);
const signer = ephemeralSigner();
const keys = new Map([[signer.keyId, signer.publicKeyPem]]);
const PROVIDERS = ["lambda", "nebius", "crusoe", "coreweave", "hyperstack", "together"];
const DAYS = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"];

function rows() {
  return DAYS.flatMap((day, d) =>
    PROVIDERS.map((provider, i) =>
      gpuObservation({ provider, price: (2 + i / 10 + (d >= 4 && i === 0 ? 0.1 : 0)).toFixed(2), observedAt: `${day}T12:00:00.000Z`, tier: "historical_import", attrs: { gpuCount: "1", bundled: false } }),
    ),
  );
}

describe("GPU 2.0 fixings under cpi verify", () => {
  let dir: string;
  let path: string;
  let store: Store;
  const deps = () => ({ methodology: m2, versions, signer, now: () => new Date("2026-11-21T10:00:00Z"), log: silentLogger });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpi-gpu2-verify-"));
    path = join(dir, "cpi.db");
    store = openStore(path);
    await store.insertObservations(rows());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes the seasoning days as withheld rows, then the chained level, and verify recomputes every one", async () => {
    const out = await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    expect(out.map((o) => [o.date, o.fixing.status, o.fixing.value])).toEqual([
      ["2026-05-01", "fallback", null],
      ["2026-05-02", "fallback", null],
      ["2026-05-03", "back-calculated", "2.2500"],
      ["2026-05-04", "back-calculated", "2.2500"],
      ["2026-05-05", "back-calculated", expect.any(String)],
      ["2026-05-06", "back-calculated", expect.any(String)],
    ]);
    expect(out[2]!.fixing.methodologyVersion).toBe("2.0.0");
    expect(out[4]!.fixing.panel!.decomposition!.priceEffect).toBe(out[4]!.fixing.panel!.decomposition!.levelMove);
    const report = await verify(store, m2, keys, { versions });
    expect(report.problems).toEqual([]);
    expect(report.fixingsRecomputed).toBe(6);
  });

  it("a changed input shows as a recomputation mismatch on its day; later days recompute from the published panel", async () => {
    await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    const raw = new Database(path);
    const id = (raw.prepare("SELECT id FROM observations WHERE observed_at LIKE '2026-05-04%' ORDER BY id LIMIT 1").get() as { id: number }).id;
    raw.prepare("UPDATE observations SET price = '2.50' WHERE id = ?").run(id);
    raw.close();
    const report = await verify(store, m2, keys, { versions });
    const days = new Set(report.problems.filter((p) => /recomputed/.test(p.problem)).map((p) => /(\d{4}-\d{2}-\d{2})/.exec(p.row)![1]));
    expect(days.has("2026-05-04")).toBe(true);
    expect([...days]).toEqual(["2026-05-04"]);
  });

  it("a live one-sided alarm is stored as an operator anomaly", async () => {
    const live = openStore(":memory:");
    const jump = DAYS.flatMap((day, d) =>
      PROVIDERS.map((provider, i) => gpuObservation({ provider, price: d === 5 && i === 0 ? "3.00" : (2 + i / 10).toFixed(2), observedAt: `${day}T12:00:00.000Z`, attrs: { gpuCount: "1", bundled: false } })),
    );
    await live.insertObservations(jump);
    const def = m2.indices.find((d) => d.code === "GPU-H100SXM-OD")!;
    for (const [k, day] of DAYS.entries()) await fixIndex(def, day, "final", { store: live, signer, methodology: m2, versions, now: () => new Date(Date.parse(`${day}T16:05:00Z`) + k) });
    const last = await live.getFixing(def.code, DAYS.at(-1)!);
    expect(last!.panel!.anomalies.map((a) => a.action)).toEqual(["held"]);
    const anomalies = await live.listAnomalies();
    expect(anomalies.map((a) => a.kind)).toEqual(["price_alarm"]);
    expect(anomalies[0]!.message).toContain("uncorroborated repricing");
    await live.close();
  });
});
