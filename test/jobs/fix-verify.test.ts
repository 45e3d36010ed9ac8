// Publication and verification end to end: backfill, live fixing, idempotency, tamper detection.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../src/db/index.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { backfill } from "../../src/jobs/history.ts";
import { fixIndex } from "../../src/jobs/fix.ts";
import { verify } from "../../src/jobs/verify.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { gpuObservation } from "../helpers/observations.ts";
import { scratchStore } from "../helpers/stores.ts";
import { LIVE_2026, methodologyVersion } from "../helpers/methodology.ts";

const methodology = methodologyVersion(LIVE_2026);
const signer = ephemeralSigner();
const keys = new Map([[signer.keyId, signer.publicKeyPem]]);
const PROVIDERS = ["lambda", "nebius", "crusoe", "coreweave", "hyperstack", "together"];

function history() {
  const rows = [];
  for (const day of ["2026-05-01", "2026-05-02", "2026-05-03"]) {
    for (const [i, provider] of PROVIDERS.entries()) {
      rows.push(gpuObservation({ provider, price: `2.${i}9`, observedAt: `${day}T12:00:00.000Z`, tier: "historical_import", attrs: { dataset: "test" } }));
    }
  }
  return rows;
}

describe("fixing publication and cpi verify", () => {
  let dir: string;
  let path: string;
  let store: Store;
  const deps = () => ({ methodology, signer, now: () => new Date("2026-11-21T10:00:00Z"), log: silentLogger });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpi-verify-"));
    path = join(dir, "cpi.db");
    store = openStore(path);
    await store.insertObservations(history());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("back-calculates only dates with data, idempotently, and verify reproduces them exactly", async () => {
    const first = await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    expect(first.map((o) => o.date)).toEqual(["2026-05-01", "2026-05-02", "2026-05-03"]);
    expect(first.every((o) => o.published && o.fixing.status === "back-calculated")).toBe(true);
    expect(first[0]!.fixing).toMatchObject({ providerCount: 6, observationCount: 6, calculation: "back-calculated" });
    const again = await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    expect(again.every((o) => !o.published)).toBe(true);
    const report = await verify(store, methodology, keys);
    expect(report.problems).toEqual([]);
    expect(report.fixingsRecomputed).toBe(3);
  });

  it("a live fixing never uses historical imports: with no live data it falls back, flagged", async () => {
    await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    const def = methodology.indices.find((d) => d.code === "GPU-H100SXM-OD")!;
    const live = (await fixIndex(def, "2026-05-04", "final", { store, signer, methodology, now: () => new Date("2026-11-21T10:00:01Z") }))!;
    expect(live.fixing.status).toBe("fallback");
    expect(live.fixing.note).toBeTruthy();
    expect((await verify(store, methodology, keys)).problems).toEqual([]);
  });

  it("detects a tampered fixing and a tampered observation, naming the row", async () => {
    await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    const raw = new Database(path);
    raw.exec("DROP TRIGGER fixings_no_update");
    const row = raw.prepare("SELECT id, body FROM fixings WHERE fixing_date = '2026-05-02'").get() as { id: number; body: string };
    const body = JSON.parse(row.body) as { value: string };
    body.value = "1.0000";
    raw.prepare("UPDATE fixings SET body = ? WHERE id = ?").run(JSON.stringify(body), row.id);
    raw.prepare("UPDATE observations SET price = '9.99' WHERE id = 1").run();
    raw.close();
    const report = await verify(store, methodology, keys);
    const rows = report.problems.map((p) => p.row);
    expect(rows).toContain(`fixing #${row.id} (GPU-H100SXM-OD 2026-05-02 rev 1)`);
    expect(report.problems.find((p) => p.row.startsWith(`fixing #${row.id}`))!.problem).toMatch(/altered/);
    expect(report.problems.some((p) => p.row.includes("2026-05-01") && /recomputed/.test(p.problem))).toBe(true);
  });

  it("detects a signature from an unknown key", async () => {
    await backfill(store, deps(), { codes: ["GPU-H100SXM-OD"] });
    const report = await verify(store, methodology, new Map());
    expect(report.problems.length).toBe(3);
    expect(report.problems[0]!.problem).toMatch(/unknown key/);
  });
});

describe("token fixings restated per 1M reference characters", () => {
  it("publishes the o200k-normalized value beside the per-token one, and verify reproduces it", async () => {
    const store = scratchStore();
    const rows = ["deepinfra", "together", "fireworks", "groq", "cerebras"].map((provider, i) =>
      gpuObservation({ kind: "token", provider, product: "openai/gpt-oss-120b", rawName: "openai/gpt-oss-120b", metric: "blended_3_1", term: null, region: null, providerTier: "inference_api", unit: "USD/1M tokens", price: `0.1${i}`, tier: "historical_import", observedAt: "2026-08-08T12:00:00.000Z" }),
    );
    await store.insertObservations(rows);
    const [outcome] = await backfill(store, { methodology, signer, now: () => new Date("2026-11-21T10:00:00Z"), log: silentLogger }, { codes: ["TOK-GPTOSS120B-BLEND-USD"] });
    const f = outcome!.fixing;
    expect(f.value).not.toBeNull();
    expect(f.perMillionChars).toMatchObject({ tokenizer: "o200k", measured: true });
    expect(Number(f.perMillionChars!.en)).toBeLessThan(Number(f.value));
    expect((await verify(store, methodology, keys)).problems).toEqual([]);
    await store.close();
  });
});
