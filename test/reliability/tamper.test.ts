// Tampering with any stored fixing, capture or observation a fixing depends on is caught by `cpi verify`, naming the row.
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { verify } from "../../src/jobs/verify.ts";
import { knownPublicKeys, loadOrCreateSigner } from "../../src/jobs/signing.ts";
import type { Fixing } from "../../src/schemas/fixing.ts";
import { methodology } from "./harness/seed.ts";
import { dropTemplate, published } from "./harness/published.ts";

type Db = Database.Database;
interface Used {
  fixing: { id: number; code: string; date: string };
  observationId: number;
  captureId: number | null;
}

/** A fixing and one observation it used (capture-backed when `backed`), with the capture behind it. */
function used(db: Db, backed: boolean): Used {
  const rows = db.prepare("SELECT id, body FROM fixings ORDER BY id").all() as { id: number; body: string }[];
  for (const row of rows) {
    const f = JSON.parse(row.body) as Fixing;
    for (const input of f.inputs) {
      for (const id of input.observationIds) {
        const o = db.prepare("SELECT capture_id FROM observations WHERE id = ?").get(id) as { capture_id: number | null };
        if ((o.capture_id !== null) === backed) return { fixing: { id: row.id, code: f.indexCode, date: f.fixingDate }, observationId: id, captureId: o.capture_id };
      }
    }
  }
  throw new Error("no such input");
}

const unlock = (db: Db) => db.exec("DROP TRIGGER fixings_no_update; DROP TRIGGER fixings_no_delete;");

/** Apply `tamper` to a fresh clone of the seeded world; return verify's problems. */
async function problemsAfter(tamper: (db: Db) => string | RegExp): Promise<{ rows: string[]; expected: string | RegExp }> {
  const p = await published();
  try {
    const db = new Database(p.world.dbPath);
    const expected = tamper(db);
    db.close();
    const report = await verify(p.read, methodology, knownPublicKeys(p.world.keysDir, loadOrCreateSigner(p.world.keysDir)));
    return { rows: report.problems.map((x) => `${x.row}: ${x.problem}`), expected };
  } finally {
    await p.close();
  }
}

const fixingLabel = (db: Db, id: number) => {
  const f = JSON.parse((db.prepare("SELECT body FROM fixings WHERE id = ?").get(id) as { body: string }).body) as Fixing;
  return `fixing #${id} (${f.indexCode} ${f.fixingDate} rev ${f.revision})`;
};

const CASES: [string, (db: Db) => string | RegExp][] = [
  ["a fixing's value in its signed body", (db) => {
    unlock(db);
    const row = db.prepare("SELECT id, body FROM fixings WHERE value IS NOT NULL LIMIT 1 OFFSET 5").get() as { id: number; body: string };
    db.prepare("UPDATE fixings SET body = ? WHERE id = ?").run(JSON.stringify({ ...JSON.parse(row.body), value: "0.0001" }), row.id);
    return `${fixingLabel(db, row.id)}: content does not match its hash (the record was altered)`;
  }],
  ["a fixing's value column only (what queries filter on)", (db) => {
    unlock(db);
    const id = (db.prepare("SELECT id FROM fixings WHERE value IS NOT NULL LIMIT 1 OFFSET 7").get() as { id: number }).id;
    db.prepare("UPDATE fixings SET value = '0.0001' WHERE id = ?").run(id);
    return new RegExp(`^fixing #${id} .*the row was altered`);
  }],
  ["a fixing's status column (e.g. back-calculated made to look final)", (db) => {
    unlock(db);
    const id = (db.prepare("SELECT id FROM fixings WHERE status = 'back-calculated' LIMIT 1").get() as { id: number }).id;
    db.prepare("UPDATE fixings SET status = 'final' WHERE id = ?").run(id);
    return new RegExp(`^fixing #${id} .*the row was altered`);
  }],
  ["a fixing's publication time (what as-of queries use)", (db) => {
    unlock(db);
    db.prepare("UPDATE fixings SET published_at = '2020-01-01T00:00:00.000Z' WHERE id = 3").run();
    return /^fixing #3 .*the row was altered/;
  }],
  ["a signature swapped for another row's", (db) => {
    unlock(db);
    const other = (db.prepare("SELECT signature FROM fixings WHERE id = 2").get() as { signature: string }).signature;
    const row = db.prepare("SELECT body FROM fixings WHERE id = 9").get() as { body: string };
    db.prepare("UPDATE fixings SET signature = ?, body = ? WHERE id = 9").run(other, JSON.stringify({ ...JSON.parse(row.body), signature: other }));
    return /^fixing #9 .*signature does not verify/;
  }],
  ["a fixing deleted from the middle of the chain", (db) => {
    unlock(db);
    db.prepare("DELETE FROM fixings WHERE id = 12").run();
    return /^fixing #13 .*chain broken/;
  }],
  ["the bytes of a capture a fixing used", (db) => {
    const u = used(db, true);
    const sha = (db.prepare("SELECT sha256 FROM captures WHERE id = ?").get(u.captureId) as { sha256: string }).sha256;
    db.prepare("UPDATE blobs SET data = ? WHERE sha256 = ?").run(gzipSync(Buffer.from('{"offers":[]}')), sha);
    return `capture #${u.captureId}: stored bytes do not match their sha256 (the capture was altered)`;
  }],
  ["the sha256 a capture points to", (db) => {
    const u = used(db, true);
    db.pragma("foreign_keys = OFF");
    db.prepare("UPDATE captures SET sha256 = ? WHERE id = ?").run("f".repeat(64), u.captureId);
    return `capture #${u.captureId}: missing`;
  }],
  ["the fetch time of a capture (observations re-parse to other times)", (db) => {
    const u = used(db, true);
    db.prepare("UPDATE captures SET fetched_at = '2026-04-12T08:00:00.000Z' WHERE id = ?").run(u.captureId);
    return new RegExp(`^observation #${u.observationId}: does not match what capture #${u.captureId} parses to`);
  }],
  ["the price of a captured observation a fixing used", (db) => {
    const u = used(db, true);
    db.prepare("UPDATE observations SET price = '0.01' WHERE id = ?").run(u.observationId);
    return new RegExp(`^observation #${u.observationId}: does not match`);
  }],
  ["the price of an imported observation a fixing used (no bytes: the fixing is named)", (db) => {
    const u = used(db, false);
    db.prepare("UPDATE observations SET price = '0.01' WHERE id = ?").run(u.observationId);
    return new RegExp(`^fixing #${u.fixing.id} \\(${u.fixing.code} ${u.fixing.date} rev 1\\): recomputed`);
  }],
  ["the provider of an imported observation a fixing used", (db) => {
    const u = used(db, false);
    db.prepare("UPDATE observations SET provider = 'someone-else' WHERE id = ?").run(u.observationId);
    return new RegExp(`^fixing #${u.fixing.id} .*recomputed`);
  }],
];

describe("cpi verify detects tampering and names the row", () => {
  afterAll(() => dropTemplate());

  it("the untouched world verifies", async () => {
    expect((await problemsAfter(() => "")).rows).toEqual([]);
  });

  it.each(CASES)("%s", async (_name, tamper) => {
    const { rows, expected } = await problemsAfter(tamper);
    expect(rows.some((r) => (typeof expected === "string" ? r === expected : expected.test(r))), `${String(expected)} in ${JSON.stringify(rows.slice(0, 5))}`).toBe(true);
  });

  it("any single changed column of any fixing row is detected on that row", async () => {
    const columns = ["index_code", "fixing_date", "status", "value", "published_at", "prev_hash", "hash", "signature", "body"];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.constantFrom(...columns), async (id, column) => {
        const { rows } = await problemsAfter((db) => {
          unlock(db);
          const row = db.prepare(`SELECT ${column} AS v FROM fixings WHERE id = ?`).get(id) as { v: string | null };
          const changed = column === "body" ? (row.v ?? "").replace(/"methodologyVersion":"[^"]*"/, '"methodologyVersion":"9.9.9"') : `${row.v ?? ""}x`;
          db.prepare(`UPDATE fixings SET ${column} = ? WHERE id = ?`).run(changed, id);
          return "";
        });
        expect(rows.some((r) => r.startsWith(`fixing #${id} `) || r.startsWith(`fixing #${id + 1} `)), `${column} of #${id}: ${JSON.stringify(rows.slice(0, 3))}`).toBe(true);
      }),
      { numRuns: Number(process.env.CPI_TAMPER_RUNS ?? 8), seed: 42 },
    );
  });
});
