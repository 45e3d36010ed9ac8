// Three real `cpi serve` processes on one PostgreSQL schema: kill the leader twice, a standby takes over each
// time within the stated bound, and every fixing of every index and date is published exactly once, no gaps.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { openStore } from "../../src/db/index.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { addDays } from "../../src/jobs/fix.ts";
import { GENESIS_HASH } from "../../src/index/chain.ts";
import { adminQuery, createTestSchema, describePg } from "../helpers/pg.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const NODE = join(import.meta.dirname, "pg", "failover-node.ts");
const RETRY_MS = 200;
/** The stated takeover bound after a crash (docs/deployment.md): one retry interval; generous slack for a loaded CI machine. */
const TAKEOVER_BOUND_MS = RETRY_MS + 10_000;
/** 2.4 simulated hours per real second: a fixing day lasts 10 s (a term's catch-up must take less than a day). */
const SPEED = 8640;
const DEADLINE_MS = 120_000;

interface Node {
  name: string;
  proc: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
  stderr: () => string;
}

function spawnNode(name: string, role: string, env: Record<string, string>): Node {
  const proc = spawn(process.execPath, ["--import", "tsx", NODE, "--role", role], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  const url = new Promise<string>((resolve) => {
    proc.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /cpi: serving (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { name, proc, url, exited, stderr: () => err };
}

async function until<T>(what: string, probe: () => Promise<T | null>, nodes: Node[], ms = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe().catch(() => null);
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${nodes.map((n) => `--- ${n.name}\n${n.stderr().slice(-1500)}`).join("\n")}`);
    await sleep(50);
  }
}

async function leaderOf(nodes: Node[]): Promise<Node | null> {
  const states = await Promise.all(nodes.map(async (n) => ((await (await fetch(`${await n.url}/v1/health`)).json()) as { leader: boolean | null }).leader));
  const leaders = nodes.filter((_, i) => states[i] === true);
  expect(leaders.length).toBeLessThanOrEqual(1);
  return leaders[0] ?? null;
}

describePg("scheduler failover across three processes", () => {
  it("kill the leader twice: a standby takes over each time and every fixing exists exactly once", { timeout: 6 * DEADLINE_MS }, async () => {
    const schema = await createTestSchema();
    const dir = mkdtempSync(join(tmpdir(), "cpi-failover-"));
    const nodes: Node[] = [];
    try {
      const setup = openStore(schema.url);
      await setup.lastChainHash(); // migrated before the nodes race
      await setup.close();
      loadOrCreateSigner(join(dir, "keys")); // one key for all nodes, created before they start
      const env = {
        CPI_DB: schema.url, CPI_KEYS_DIR: join(dir, "keys"), CPI_LOAD_BUNDLE: "off", PORT: "0", LOG_LEVEL: "warn",
        CPI_LEADER_RETRY_MS: String(RETRY_MS), FAILOVER_SIM_START: "2026-06-01T00:00:00.000Z", FAILOVER_T0: String(Date.now()), FAILOVER_SPEED: String(SPEED),
      };
      nodes.push(spawnNode("a", "scheduler", env), spawnNode("b", "scheduler", env), spawnNode("c", "all", env));
      const count = async () => Number((await adminQuery(`SELECT count(*) AS n FROM ${schema.name}.fixings`)).rows[0].n);
      const takeovers: number[] = [];
      let alive = [...nodes];
      for (let round = 0; round < 2; round++) {
        const leader = await until("a leader", () => leaderOf(alive), alive);
        // The leader publishes at least one full fixing day (49 indices) in its term before it dies.
        const before = await count();
        await until("fixings of this term", async () => ((await count()) >= before + 49 ? true : null), alive);
        leader.proc.kill("SIGKILL");
        const killedAt = Date.now();
        await leader.exited;
        alive = alive.filter((n) => n !== leader);
        const next = await until("a new leader", () => leaderOf(alive), alive);
        takeovers.push(Date.now() - killedAt);
        expect(next).not.toBe(leader);
      }
      // The last node publishes on after the second kill, then stops cleanly.
      const before = await count();
      await until("fixings of the last term", async () => ((await count()) >= before + 49 ? true : null), alive);
      alive[0]!.proc.kill("SIGTERM");
      expect(await alive[0]!.exited).toBe(0);
      console.log(`failover: takeovers after SIGKILL in ${takeovers.join(", ")} ms (retry ${RETRY_MS} ms)`);
      for (const t of takeovers) expect(t).toBeLessThan(TAKEOVER_BOUND_MS);

      const twice = await adminQuery(`SELECT index_code, fixing_date, revision, count(*) AS n FROM ${schema.name}.fixings GROUP BY 1, 2, 3 HAVING count(*) > 1`);
      expect(twice.rows).toEqual([]);
      const revised = await adminQuery(`SELECT index_code, fixing_date FROM ${schema.name}.fixings WHERE revision > 1`);
      expect(revised.rows).toEqual([]);
      // No date of any index is missing between its first and its last publication (catch-up covers the gap).
      const spans = await adminQuery(`SELECT index_code, min(fixing_date) AS first, max(fixing_date) AS last, count(*) AS n FROM ${schema.name}.fixings GROUP BY 1`);
      // Every index of the newest announced methodology: back-calculated at start-up, then fixed live where in force.
      expect(spans.rows.length).toBe(loadMethodology().indices.length);
      const dates = await adminQuery(`SELECT index_code, fixing_date FROM ${schema.name}.fixings ORDER BY 1, 2`);
      for (const r of spans.rows as { index_code: string; first: string; last: string }[]) {
        const want: string[] = [];
        for (let d = r.first; d <= r.last; d = addDays(d, 1)) want.push(d);
        const got = (dates.rows as { index_code: string; fixing_date: string }[]).filter((x) => x.index_code === r.index_code).map((x) => x.fixing_date);
        expect(got, r.index_code).toEqual(want);
      }
      // One linear chain.
      const chain = await adminQuery(`SELECT prev_hash, hash FROM ${schema.name}.fixings ORDER BY id`);
      let prev = GENESIS_HASH;
      for (const row of chain.rows as { prev_hash: string; hash: string }[]) {
        expect(row.prev_hash).toBe(prev);
        prev = row.hash;
      }
    } finally {
      for (const n of nodes) if (n.proc.exitCode === null && n.proc.signalCode === null) n.proc.kill("SIGKILL");
      await Promise.all(nodes.map((n) => n.exited));
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
