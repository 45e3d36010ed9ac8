// The soak: a simulated week (or month) of schedules against a local fake provider, driven by a fake clock.
// Simulated: the clock and the cron firing (each step asks which schedules came due since the last step, as
// node-cron would). Real: the HTTP server and fetcher, the SQLite file, collectSource, fixIndex, the overlap guard.
import { expect } from "vitest";
import Database from "better-sqlite3";
import { setTimeout as sleep } from "node:timers/promises";
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import type { IncomingMessage, ServerResponse } from "node:http";
import { openReadStore, openStore } from "../../../src/db/index.ts";
import { verify } from "../../../src/jobs/verify.ts";
import { createFetcher } from "../../../src/collect/http.ts";
import { collectSource } from "../../../src/jobs/collect.ts";
import { addDays, fixIndex, latestDueDate } from "../../../src/jobs/fix.ts";
import { createGuard } from "../../../src/jobs/scheduler.ts";
import { loadOrCreateSigner } from "../../../src/jobs/signing.ts";
import { silentLogger, type Logger } from "../../../src/jobs/logger.ts";
import { openrouterEndpoints } from "../../../src/sources/token/openrouter-endpoints.ts";
import { vastai } from "../../../src/sources/gpu/vastai.ts";
import { deepinfra } from "../../../src/sources/token/deepinfra.ts";
import type { SourceDef } from "../../../src/sources/types.ts";
import { startFakeServer, type FakeServer } from "../../helpers/fake-server.ts";
import { providerBodies } from "./sources.ts";
import { methodology } from "./seed.ts";
import type { World } from "./world.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const HOUR = 3_600_000;
const ENDPOINT_PROVIDERS = ["deepinfra", "together", "fireworks", "groq", "novita", "parasail", "nebius", "baseten"];

/** gpt-oss-120b endpoints whose prices drift a little every simulated hour (so the content, and the ETag, change hourly). */
function endpointsBody(hour: number): string {
  const endpoints = ENDPOINT_PROVIDERS.map((p, i) => {
    const step = (hour * 7 + i * 3) % 11; // 0..10: at most a few percent of drift
    return { name: `${p} | openai/gpt-oss-120b`, provider_name: p, tag: p, quantization: "fp8", status: 0, context_length: 131072, pricing: { prompt: `0.000000${100 + i * 5 + step}`, completion: `0.000000${400 + i * 9 + step}` } };
  });
  return JSON.stringify({ data: { id: "openai/gpt-oss-120b", name: "OpenAI: gpt-oss-120b", endpoints } });
}

export interface SoakOptions {
  days: number;
  stepMinutes: number;
  start?: string;
  /** Every how many requests to /endpoints one response stalls (real time) long enough to overlap the next ticks. */
  stallEvery?: number;
  log?: Logger;
}

export interface SoakFigures {
  simulatedDays: number;
  steps: number;
  collections: number;
  notModified: number;
  overlapsPrevented: number;
  fixingsPublished: number;
  fixingRunsSkippedAsDuplicate: number;
  heapMB: { afterDay1: number; end: number };
  handles: { afterDay1: Record<string, number>; end: Record<string, number> };
}

function handleCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

function heapMB(): number {
  gc();
  gc();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}

export async function runSoak(world: World, opts: SoakOptions): Promise<SoakFigures> {
  let sim = Date.parse(opts.start ?? "2026-06-01T00:00:00.000Z");
  const end = sim + opts.days * 24 * HOUR;
  const bodies = providerBodies(50);
  let endpointHits = 0;
  const conditional = (etag: string, body: () => string) => (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    const bytes = Buffer.from(body());
    res.writeHead(200, { etag, "content-type": "application/json", "content-length": bytes.length }).end(bytes);
  };
  const server: FakeServer = await startFakeServer({
    "/endpoints": async (req, res, ctx) => {
      endpointHits++;
      if (opts.stallEvery && endpointHits % opts.stallEvery === 0 && !(await ctx.wait(400))) return;
      const hour = Math.floor(sim / HOUR);
      conditional(`"h${hour}"`, () => endpointsBody(hour))(req, res);
    },
    "/vastai": conditional('"v1"', () => bodies["/vastai"]!.toString()),
    "/deepinfra": conditional('"d1"', () => bodies["/deepinfra"]!.toString()),
  });
  const sources: { source: SourceDef; every: number }[] = [
    { source: { ...openrouterEndpoints, requests: () => [{ url: server.url("/endpoints") }] }, every: opts.stepMinutes },
    { source: { ...vastai, requests: () => [{ url: server.url("/vastai") }] }, every: 30 },
    { source: { ...deepinfra, requests: () => [{ url: server.url("/deepinfra") }] }, every: 60 },
  ];
  const store = openStore(world.dbPath);
  const fetcher = createFetcher({ retries: 0, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  const log = opts.log ?? silentLogger;
  const guard = createGuard(log);
  const signer = loadOrCreateSigner(world.keysDir);
  const now = () => new Date(sim);
  const figures: SoakFigures = { simulatedDays: opts.days, steps: 0, collections: 0, notModified: 0, overlapsPrevented: 0, fixingsPublished: 0, fixingRunsSkippedAsDuplicate: 0, heapMB: { afterDay1: 0, end: 0 }, handles: { afterDay1: {}, end: {} } };
  const lastFixed = new Map<string, string>();
  const running = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown> | null) => {
    if (p === null) return false;
    running.add(p);
    void p.finally(() => running.delete(p));
    return true;
  };
  try {
    for (; sim < end; sim += opts.stepMinutes * 60_000) {
      figures.steps++;
      const minute = Math.floor(sim / 60_000);
      for (const { source, every } of sources) {
        if (minute % every !== 0) continue;
        const started = guard.run(`collect:${source.id}`, async () => {
          const r = await collectSource(source, { store, fetcher, env: {}, now, log });
          figures.collections++;
          if (r.status === "not_modified") figures.notModified++;
        });
        if (!track(started)) figures.overlapsPrevented++;
      }
      for (const def of methodology.indices) {
        const due = latestDueDate(def, new Date(sim));
        if (lastFixed.get(def.code) === due) continue;
        lastFixed.set(def.code, due);
        if (figures.steps === 1) continue; // the first step only learns where the schedule stands
        // Fired twice on purpose (a double cron tick): the guard or fixIndex's idempotency must absorb the second.
        for (let attempt = 0; attempt < 2; attempt++) {
          const started = guard.run(`fix:${def.code}`, async () => {
            const outcome = await fixIndex(def, due, "final", { store, signer, methodology, now });
            if (outcome?.published) figures.fixingsPublished++;
            else figures.fixingRunsSkippedAsDuplicate++;
          });
          if (!track(started)) figures.fixingRunsSkippedAsDuplicate++;
        }
      }
      // Let quick jobs finish within the tick; a stalled one stays in flight across the next ticks.
      const tick = new AbortController();
      await Promise.race([Promise.allSettled([...running]), sleep(100, undefined, { signal: tick.signal }).catch(() => undefined)]);
      tick.abort();
      if (sim + opts.stepMinutes * 60_000 >= Date.parse(opts.start ?? "2026-06-01T00:00:00.000Z") + 24 * HOUR && figures.heapMB.afterDay1 === 0) {
        await guard.idle();
        figures.heapMB.afterDay1 = heapMB();
        figures.handles.afterDay1 = handleCounts();
      }
    }
    await guard.idle();
    figures.heapMB.end = heapMB();
    figures.handles.end = handleCounts();
  } finally {
    await guard.idle();
    await fetcher.close();
    await server.close();
    await store.close();
  }
  return figures;
}

export const SOAK_START = "2026-06-01T00:00:00.000Z";

/** The checks of a finished soak: every fixing once and on time, overlaps prevented, flat memory and handles, a verifying store. */
export async function checkSoak(world: World, figures: SoakFigures, days: number): Promise<void> {
  const db = new Database(world.dbPath, { readonly: true });
  const rows = db.prepare("SELECT index_code AS code, fixing_date AS date, revision, body FROM fixings").all() as { code: string; date: string; revision: number; body: string }[];
  db.close();
  // Every scheduled fixing exactly once: each index on each day whose 16:00 UTC passed, one revision, not late.
  const expected: string[] = [];
  for (let d = 0; d < days; d++) for (const def of methodology.indices) expected.push(`${def.code} ${addDays(SOAK_START.slice(0, 10), d)}`);
  expect(rows.map((r) => `${r.code} ${r.date}`).sort()).toEqual(expected.sort());
  expect(rows.every((r) => r.revision === 1)).toBe(true);
  expect(rows.filter((r) => /late publication/.test(r.body))).toEqual([]);
  expect(figures.fixingsPublished).toBe(expected.length);
  expect(figures.fixingRunsSkippedAsDuplicate).toBe(expected.length); // every deliberate double tick absorbed
  expect(figures.overlapsPrevented).toBeGreaterThan(0); // stalled runs were not started twice
  // Values were really computed for the indices the fake provider feeds.
  expect(rows.filter((r) => r.code.startsWith("TOK-GPTOSS120B-") && JSON.parse(r.body).status === "final").length).toBeGreaterThanOrEqual(days * 3);
  // Memory flat, no handle leak: the end of the run against the end of day 1 (generous bounds, not timings).
  expect(figures.heapMB.end - figures.heapMB.afterDay1).toBeLessThan(25);
  for (const kind of ["TCPSocketWrap", "TCPServerWrap", "FSReqCallback", "Timeout"]) {
    expect(figures.handles.end[kind] ?? 0, kind).toBeLessThanOrEqual((figures.handles.afterDay1[kind] ?? 0) + 2);
  }
  const store = openReadStore(world.dbPath);
  const report = await verify(store, methodology, world.publicKeys());
  await store.close();
  expect(report.problems).toEqual([]);
  expect(report.fixingsRecomputed).toBe(expected.length);
}

