// cpi migrate-store: a whole SQLite install into PostgreSQL and back; the chain head stays, cpi verify passes on each target.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { openStore } from "../../src/db/index.ts";
import { loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { freezeSettlements } from "../../src/jobs/settle.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { seedPublished } from "../reliability/harness/seed.ts";
import { adminQuery, createTestSchema, describePg, type TestSchema } from "../helpers/pg.ts";

function cli(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: process.cwd() };
  return { io, out, err };
}

interface Snapshot {
  head: string;
  settlementHead: string;
  counts: Record<string, number>;
  audit: unknown[];
  /** The raw bytes of every capture (bytea on PostgreSQL, BLOB on SQLite). */
  captureBytes: string[];
}

async function snapshot(target: string): Promise<Snapshot> {
  const store = openStore(target);
  try {
    const captures = await store.listCaptures({ limit: 1000 });
    const captureBytes = await Promise.all(captures.map(async (c) => Buffer.from((await store.getCapture(c.id))!.bytes).toString("base64")));
    return {
      head: await store.lastChainHash(),
      settlementHead: await store.lastSettlementHash(),
      counts: { observations: await store.countObservations(), captures: captures.length, anomalies: (await store.listAnomalies(1000)).length },
      audit: await store.listAudit(1000),
      captureBytes,
    };
  } finally {
    await store.close();
  }
}

describePg("cpi migrate-store", () => {
  let dir: string;
  let schema: TestSchema;
  let sqlitePath: string;
  let keysDir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpi-migrate-"));
    sqlitePath = join(dir, "cpi.db");
    keysDir = join(dir, "keys");
    const store = openStore(sqlitePath);
    const signer = loadOrCreateSigner(keysDir);
    await seedPublished(store, signer);
    // Final settlements frozen by the real job months later (their own chain; verify recomputes them).
    const frozen = await freezeSettlements({ store, signer, book: loadContractBook(loadMethodology()), now: () => new Date("2027-03-03T17:00:00.000Z") });
    expect(frozen.length).toBeGreaterThan(0);
    await store.addAudit({ at: "2026-04-12T18:00:00.000Z", actor: "ops", action: "correct", target: "GPU-H100SXM-OD 2026-04-11", reason: "test entry" });
    await store.addAnomaly({ sourceId: "vastai", at: "2026-04-12T09:00:01.000Z", kind: "price_jump", message: "test anomaly" });
    await store.setMeta("first_live_start", "2026-04-10T00:00:00.000Z");
    await store.close();
    schema = await createTestSchema();
  }, 120_000);
  afterAll(async () => {
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies SQLite -> PostgreSQL -> SQLite with every row and the same chain head; verify passes on both targets", { timeout: 240_000 }, async () => {
    const source = await snapshot(sqlitePath);
    expect(source.counts.observations).toBeGreaterThan(0);

    const toPg = cli({});
    expect(await main(["migrate-store", "--from", sqlitePath, "--to", schema.url], toPg.io), toPg.err.join("\n")).toBe(0);
    expect(toPg.out.join("\n")).toMatch(/chain intact: \d+ fixings, head [0-9a-f]{64}/);
    expect(await snapshot(schema.url)).toEqual(source);
    // New rows continue after the copied ids (identities moved past them).
    const pg = openStore(schema.url);
    await pg.addAudit({ at: "2026-04-13T00:00:00.000Z", actor: "ops", action: "note", target: "-", reason: "after the move" });
    expect((await pg.listAudit(1))[0]!.id).toBe(source.audit.length + 1);
    await pg.close();
    const rows = await adminQuery(`SELECT count(*)::int AS n FROM ${schema.name}.audit_log`);
    expect(rows.rows[0].n).toBe(source.audit.length + 1);

    const verifyPg = cli({ CPI_DB: schema.url, CPI_KEYS_DIR: keysDir });
    expect(await main(["verify"], verifyPg.io), verifyPg.out.join("\n") + verifyPg.err.join("\n")).toBe(0);
    expect(verifyPg.out.at(-1)).toMatch(/^OK: \d+ fixings chain-checked/);

    // A second run refuses: the target is no longer empty.
    const again = cli({});
    expect(await main(["migrate-store", "--from", sqlitePath, "--to", schema.url], again.io)).toBe(1);
    expect(again.err.join("\n")).toMatch(/the target is not empty: table \w+ holds \d+ rows/);

    const back = join(dir, "back.db");
    const toSqlite = cli({});
    expect(await main(["migrate-store", "--from", schema.url, "--to", back], toSqlite.io), toSqlite.err.join("\n")).toBe(0);
    const returned = await snapshot(back);
    // Everything came back, plus the audit entry written on PostgreSQL.
    expect({ ...returned, audit: returned.audit.slice(1) }).toEqual(source);
    const verifyBack = cli({ CPI_DB: back, CPI_KEYS_DIR: keysDir });
    expect(await main(["verify"], verifyBack.io), verifyBack.out.join("\n")).toBe(0);
  });

  it("refuses a source that does not exist and the same database twice", async () => {
    const missing = cli({});
    expect(await main(["migrate-store", "--from", join(dir, "nope.db"), "--to", schema.url], missing.io)).toBe(1);
    expect(missing.err.join("\n")).toMatch(/no SQLite database at/);
    const same = cli({});
    expect(await main(["migrate-store", "--from", sqlitePath, "--to", sqlitePath], same.io)).toBe(1);
    const usage = cli({});
    expect(await main(["migrate-store", "--from", sqlitePath], usage.io)).toBe(2);
  });
});
