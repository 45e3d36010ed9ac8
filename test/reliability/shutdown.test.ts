// SIGTERM and SIGINT stop the publisher gracefully: running jobs finish, the server closes, exit 0; a stuck job cannot hold the exit.
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { request } from "node:http";
import { join } from "node:path";
import { startFakeServer, type FakeServer } from "../helpers/fake-server.ts";
import { journalLines, spawnPublisher, waitForJournal } from "./harness/crash.ts";
import { makeWorld, type World } from "./harness/world.ts";
import { providerBodies } from "./harness/sources.ts";

/** Outer bound on any stop in these tests: a liveness bound, far above the configured stop timeout. */
const BOUND_MS = 30_000;

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent: undefined, headers: { connection: "keep-alive" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject).end();
  });
}

function runsLeftRunning(world: World): number {
  const db = new Database(world.dbPath, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    return (db.prepare("SELECT COUNT(*) AS n FROM source_runs WHERE status = 'running'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function exitWithin(child: ReturnType<typeof spawnPublisher>, ms: number): Promise<number | null | "timeout"> {
  return Promise.race([child.exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref())]);
}

describe("graceful stop", () => {
  let world: World;
  let provider: FakeServer;
  afterEach(async () => {
    await provider.close();
    world.cleanup();
  });

  it.each(["SIGTERM", "SIGINT"] as const)("%s: collections in flight finish, the server closes, exit 0", { timeout: 60_000 }, async (signal) => {
    const bodies = providerBodies(200);
    provider = await startFakeServer(Object.fromEntries(Object.entries(bodies).map(([path, body]) => [path, async (_q, res, ctx) => {
      if (await ctx.wait(300)) res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
    }])));
    world = makeWorld("cpi-stop-");
    const journal = join(world.dir, "journal.log");
    const child = spawnPublisher(world, journal, provider.origin, { CPI_LOAD_BUNDLE: "off" });
    await waitForJournal(journal, (l) => l.some((x) => x.startsWith("ready")), 60_000, child);
    const url = journalLines(journal).find((x) => x.startsWith("ready"))!.slice(6);
    expect(await get(`${url}/v1/health`)).toBeLessThan(500); // leaves an idle keep-alive connection open
    await waitForJournal(journal, (l) => l.filter((x) => x.startsWith("captured")).length >= 1, 30_000, child);
    child.proc.kill(signal);
    expect(await exitWithin(child, BOUND_MS)).toBe(0);
    expect(child.stderr()).toContain(`${signal} received, stopping`);
    expect(child.stderr()).toContain("cpi: stopped");
    expect(runsLeftRunning(world)).toBe(0);
  });

  it("a collection stuck on a stalled provider cannot hold the exit: forced after the stop timeout, database intact", { timeout: 60_000 }, async () => {
    provider = await startFakeServer({
      "/openrouter": async (_q, _res, ctx) => void (await ctx.wait(600_000)),
      "/deepinfra": async (_q, _res, ctx) => void (await ctx.wait(600_000)),
      "/vastai": async (_q, _res, ctx) => void (await ctx.wait(600_000)),
    });
    world = makeWorld("cpi-stop-stuck-");
    const journal = join(world.dir, "journal.log");
    const child = spawnPublisher(world, journal, provider.origin, { CPI_LOAD_BUNDLE: "off", CPI_STOP_TIMEOUT_MS: "1500" });
    await waitForJournal(journal, (l) => l.some((x) => x.startsWith("ready")), 60_000, child);
    while (provider.requests.length < 2) await new Promise((r) => setTimeout(r, 20));
    child.proc.kill("SIGTERM");
    expect(await exitWithin(child, BOUND_MS)).toBe(1);
    expect(child.stderr()).toMatch(/graceful stop took longer than 1500 ms, exiting/);
    const db = new Database(world.dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
