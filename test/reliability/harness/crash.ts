// The crash harness: start the real publisher process, SIGKILL it at random points, restart, and check the invariants.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import { openStore } from "../../../src/db/index.ts";
import { loadMethodology } from "../../../src/index/index.ts";
import { addDays, fixAll } from "../../../src/jobs/fix.ts";
import { prepareHistory } from "../../../src/jobs/history.ts";
import { recordFirstLiveStart } from "../../../src/jobs/first-live.ts";
import { catchUpFixings } from "../../../src/jobs/catch-up.ts";
import { loadOrCreateSigner } from "../../../src/jobs/signing.ts";
import { silentLogger } from "../../../src/jobs/logger.ts";
import { main } from "../../../src/cli/main.ts";
import { startFakeServer, type FakeServer, type Handler } from "../../helpers/fake-server.ts";
import { crashProblems, dbState, fixingKeys, type DbState, type FixingKey } from "./checks.ts";
import { providerBodies } from "./sources.ts";
import { cloneWorld, dailyRows, makeWorld, writeBundle, type World } from "./world.ts";
import { LIVE_2026, methodologyVersion } from "../../helpers/methodology.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const CHILD = join(import.meta.dirname, "publisher-child.ts");
/** The last fixing date before the outage; the clock of every run is some hours after X+5's fixing time. */
export const X = "2026-03-20";
export const RESTART_AT = `${addDays(X, 5)}T17:00:00.000Z`;
const methodology = methodologyVersion(LIVE_2026);

export type RoundKind = "first-start" | "restart-after-downtime";
export interface CrashFigures {
  kills: number;
  cleanRuns: number;
  /** Where the kills landed, judged from the database and the journal afterwards. */
  phases: Record<string, number>;
  capturesJournaled: number;
  fixingsAtEnd: number;
  problems: string[];
}

export interface Child {
  proc: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

export function spawnPublisher(world: World, journal: string, origin: string, extraEnv: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: world.env({ CPI_JOURNAL: journal, CPI_FAKE_ORIGIN: origin, CPI_FAKE_NOW: RESTART_AT, CPI_CLOCK_T0: String(clockT0), ...extraEnv }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited, stderr: () => err };
}

const clockT0 = Date.now();

export function journalLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((l) => l !== "") : [];
}

/** Resolves when `predicate(lines)` holds, or rejects after `ms`. */
export async function waitForJournal(path: string, predicate: (lines: string[]) => boolean, ms: number, child?: Child): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate(journalLines(path))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting on the journal ${path}; child stderr:\n${child?.stderr().slice(-2000) ?? ""}`);
    await sleep(25);
  }
}

async function waitFor(predicate: () => boolean, ms: number, child: Child): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; child stderr:\n${child.stderr().slice(-2000)}`);
    await sleep(10);
  }
}

type Target = "bundle" | "backfill" | "catch-up";
/** How long after its first write a phase usually still runs here (kills are spread over it). */
const SPAN_MS: Record<Target, number> = { bundle: 30, backfill: 500, "catch-up": 400 };

/** The aimed phase has committed its first write in this run: a bundle batch, a back-calculated fixing, a catch-up fixing. */
function reached(world: World, target: Target, before: DbState): boolean {
  try {
    const s = dbState(world);
    if (target === "bundle") return s.observations > before.observations;
    if (target === "backfill") return s.fixings > before.fixings || (!!s.meta.bundle_sha256 && !before.meta.bundle_sha256);
    return s.fixings > before.fixings;
  } catch {
    return false; // the database is being created
  }
}

/** A world as the publisher leaves it before an outage: history loaded, live data, every index published on X. */
async function prebuildDowntime(world: World): Promise<void> {
  const store = openStore(world.dbPath);
  const signer = loadOrCreateSigner(world.keysDir);
  await prepareHistory(store, { bundleDir: world.bundleDir, methodology, signer, now: () => new Date(`${X}T10:00:00.000Z`), log: silentLogger });
  await store.insertObservations(dailyRows(addDays(X, -2), 8, "list_price", "test-live"));
  await fixAll(X, "final", { store, signer, methodology, now: () => new Date(`${X}T16:00:30.000Z`) });
  await store.close();
}

/** The same round without kills, in-process: what the crashed world must end up publishing. */
async function reference(world: World, kind: RoundKind): Promise<FixingKey[]> {
  const store = openStore(world.dbPath);
  const signer = loadOrCreateSigner(world.keysDir);
  const now = () => new Date(RESTART_AT);
  await prepareHistory(store, { bundleDir: world.bundleDir, methodology, signer, now, log: silentLogger });
  if (kind === "restart-after-downtime") {
    const firstLive = await recordFirstLiveStart(store, now(), methodology.indices.map((d) => d.code));
    await catchUpFixings({ store, signer, methodology, now }, silentLogger, firstLive);
  }
  await store.close();
  return fixingKeys(world);
}

/** Classify where a kill landed from what the database holds after it. */
function phaseOf(world: World, lines: string[], before: DbState): string {
  const after = dbState(world);
  if (lines.some((l) => l.startsWith("ready"))) {
    return after.unparsedCaptures > before.unparsedCaptures ? "collection (capture stored, ingest cut)" : "collection and ingestion";
  }
  if (!before.meta.bundle_loaded_at) {
    if (after.meta.bundle_loaded_at) return "back-calculation (finished, not yet serving)";
    if (after.meta.bundle_sha256 && (after.fixings > before.fixings || !before.meta.bundle_sha256)) return "back-calculation";
    if (after.observations > before.observations) return "bundle ingestion";
  } else if (after.fixings > before.fixings) {
    return "catch-up fixing";
  }
  return "start-up (before its first write)";
}

const comparable = (keys: FixingKey[], kind: RoundKind) =>
  keys
    .filter((k) => kind === "restart-after-downtime" || k.calculation === "back-calculated")
    .map((k) => `${k.code} ${k.date} ${k.status} ${k.value} ${k.inputsDigest}${k.calculation === "live" && k.date > X ? (/late publication/.test(k.note ?? "") ? " late" : " NOT-LATE") : ""}`);

/** One round: a fresh world, `kills` SIGKILLs at random points, one clean run stopped by SIGTERM, then the checks. */
export async function crashRound(kind: RoundKind, kills: number, origin: string, random: () => number, figures: CrashFigures): Promise<void> {
  const world = makeWorld(`cpi-crash-${kind}-`);
  const t0 = Date.now();
  const debug = (what: string) => process.env.CPI_REL_DEBUG && console.info(`[${kind} +${Date.now() - t0} ms] ${what}`);
  try {
    writeBundle(world.bundleDir, dailyRows(addDays(X, -40), 40, "historical_import", "history:test"), 4);
    if (kind === "restart-after-downtime") await prebuildDowntime(world);
    const prebuiltFixings = dbState(world).fixings;
    const ref = cloneWorld(world);
    const started = Date.now();
    const expected = comparable(await reference(ref, kind), kind);
    // How long the start-up work (bundle load and back-calculation, or the catch-up) takes here: half the kills aim inside it.
    const startupMs = Date.now() - started;
    ref.cleanup();
    debug(`reference computed (start-up work ${startupMs} ms)`);
    const journal = join(world.dir, "journal.log");
    for (let k = 0; k < kills; k++) {
      const before = dbState(world);
      const mark = journalLines(journal).length;
      const child = spawnPublisher(world, journal, origin);
      // The first half of the kills aim at the start-up work (once it has begun to write), the rest at the collection rounds after it.
      const startupDone = !!before.meta.bundle_loaded_at && (kind === "first-start" || before.fixings > prebuiltFixings);
      if (k < Math.ceil(kills / 2) && !startupDone) {
        // Wait until the aimed phase has begun writing, then kill within its usual span.
        const target = kind === "first-start" ? (k % 2 === 0 ? "bundle" : "backfill") : "catch-up";
        await waitFor(() => child.proc.exitCode !== null || reached(world, target, before), 60_000, child);
        await sleep(Math.floor(random() * Math.min(startupMs, SPAN_MS[target])));
      } else {
        await waitForJournal(journal, (l) => l.slice(mark).some((x) => x.startsWith("ready")), 60_000, child);
        await sleep(Math.floor(random() * 1500));
      }
      child.proc.kill("SIGKILL");
      await child.exited;
      figures.kills++;
      const phase = phaseOf(world, journalLines(journal).slice(mark), before);
      debug(`kill ${k + 1} landed in ${phase}`);
      figures.phases[phase] = (figures.phases[phase] ?? 0) + 1;
      const captured = journalLines(journal).filter((l) => l.startsWith("captured ")).map((l) => l.slice(9));
      for (const p of await crashProblems(world, captured)) figures.problems.push(`${kind} kill ${k + 1} (${phase}): ${p}`);
    }
    const mark = journalLines(journal).length;
    const child = spawnPublisher(world, journal, origin);
    await waitForJournal(journal, (l) => {
      const mine = l.slice(mark);
      const at = mine.findIndex((x) => x.startsWith("ready"));
      return at >= 0 && mine.slice(at).filter((x) => x.startsWith("captured")).length >= 3;
    }, 90_000, child);
    debug("clean run reached ready and collected");
    child.proc.kill("SIGTERM");
    const code = await child.exited;
    debug("clean run stopped");
    figures.cleanRuns++;
    if (code !== 0) figures.problems.push(`${kind}: clean run exited ${code} after SIGTERM: ${child.stderr().slice(-500)}`);
    const captured = journalLines(journal).filter((l) => l.startsWith("captured ")).map((l) => l.slice(9));
    figures.capturesJournaled += captured.length;
    for (const p of await crashProblems(world, captured)) figures.problems.push(`${kind} after the clean run: ${p}`);
    // The operator's own check, as run from the command line.
    const lines: string[] = [];
    const verified = await main(["verify"], { out: (l) => void lines.push(l), err: (l) => void lines.push(l), env: world.env(), cwd: world.dir });
    if (verified !== 0) figures.problems.push(`${kind}: cpi verify exited ${verified}: ${lines.slice(-3).join(" | ")}`);
    const got = comparable(fixingKeys(world), kind);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const missing = expected.filter((e) => !got.includes(e)).slice(0, 5);
      const extra = got.filter((g) => !expected.includes(g)).slice(0, 5);
      figures.problems.push(`${kind}: fixings differ from the run without kills (${got.length} vs ${expected.length}); missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
    }
    // A rerun publishes nothing new: same fixings, same digests, no duplicates.
    const before = dbState(world).fixings;
    await reference(world, kind);
    if (dbState(world).fixings !== before) figures.problems.push(`${kind}: a rerun published ${dbState(world).fixings - before} more fixings`);
    figures.fixingsAtEnd += before;
  } finally {
    world.cleanup();
  }
}

/** A seeded random source for kill delays (reproducible runs: the seed is printed with the figures). */
export function seededRandom(seed: number): () => number {
  const values = fc.sample(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { numRuns: 10_000, seed });
  let i = 0;
  return () => values[i++ % values.length]!;
}

/** The fake provider: every path answers its body after a short random delay (fetches are in flight when kills land). */
export async function startProvider(models = 300): Promise<FakeServer> {
  const routes: Record<string, Handler> = {};
  for (const [path, body] of Object.entries(providerBodies(models))) {
    routes[path] = async (_req, res, ctx) => {
      if (!(await ctx.wait(Math.floor(Math.random() * 120)))) return;
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
    };
  }
  return startFakeServer(routes);
}

