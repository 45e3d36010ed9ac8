// Composition root: config -> store -> bundled history -> signer -> schedules -> read API on localhost.
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "./config.ts";
import { describeTarget, openReadStore, openStore, type ReadStore, type Store } from "./db/index.ts";
import { loadMethodology } from "./index/index.ts";
import { loadMethodologySet } from "./jobs/methodologies.ts";
import { allSources, sourceState } from "./sources/registry.ts";
import { createApp } from "./api/app.ts";
import { createFetcher } from "./collect/http.ts";
import { collectionScope, collectSource } from "./jobs/collect.ts";
import { fixIndex, latestDueDate } from "./jobs/fix.ts";
import { knownPublicKeys, loadOrCreateSigner, type Signer } from "./jobs/signing.ts";
import { swappableSigner } from "./jobs/rotate.ts";
import type { PublicKey } from "./api/deps.ts";
import { createLogger, type Logger } from "./jobs/logger.ts";
import { startScheduler, type Scheduler } from "./jobs/scheduler.ts";
import { runWhileLeader, type LeaderNode } from "./jobs/leader.ts";
import { prepareHistory } from "./jobs/history.ts";
import { catchUpFixings } from "./jobs/catch-up.ts";
import { recordFirstLiveStart } from "./jobs/first-live.ts";
import { logFixing } from "./jobs/freshness.ts";
import { createSimClock, type CronDriver } from "./jobs/clock.ts";
import { withSimulatedTime } from "./collect/simulated-time.ts";
import { manifestPublisher, publishManifest } from "./jobs/manifest.ts";
import { loadContractBook } from "./jobs/contract-book.ts";
import { freezeSettlements } from "./jobs/settle.ts";
import { createUrlMapper } from "./collect/mirror.ts";
import { redactUrl } from "./collect/redact.ts";
import type { FetchDeps } from "./collect/fetch-types.ts";
import type { SourceDef } from "./sources/types.ts";

/** Every key that ever signed a fixing: the active one and the retired ones (old signatures stay verifiable). */
function publishedKeys(keysDir: string, signer: Signer): PublicKey[] {
  return [...knownPublicKeys(keysDir, signer)].map(([keyId, publicKeyPem]) => ({
    keyId,
    algorithm: "ed25519" as const,
    publicKeyPem,
    status: keyId === signer.keyId ? ("active" as const) : ("retired" as const),
  }));
}

export interface Publisher {
  url: string;
  store: Store;
  /** Resolves when no scheduled job is running (a simulated clock waits on it between minutes). */
  idle(): Promise<void>;
  close(): Promise<void>;
  /** Under CPI_SIM_CLOCK: resolves once the simulated clock reached its end (jobs fired), or was stopped. */
  simulation: Promise<{ jobsFired: number; reached: string }> | null;
}

export interface PublisherOverrides {
  now?: () => Date;
  log?: Logger;
  /** Run one collection round right after start (default true; tests turn it off). */
  collectOnStart?: boolean;
  /** The sources to schedule (default: every registered source); the reliability harness points them at a fake provider. */
  sources?: SourceDef[];
  /** Who fires the schedules (default node-cron on the real clock); a simulated clock passes its driver and now. */
  cron?: CronDriver;
  /** Fetcher deps (e.g. the fetcher's own clock); proxies and mirrors come from the config. */
  fetchDeps?: FetchDeps;
}

export async function startPublisher(config: Config, env: Record<string, string | undefined>, o: PublisherOverrides = {}): Promise<Publisher> {
  const log = o.log ?? createLogger({ level: config.LOG_LEVEL });
  // CPI_SIM_CLOCK: the real schedules on a simulated clock (the clock and cron overrides of a test win).
  const sim = config.simClock && !o.now && !o.cron ? createSimClock(config.simClock.start) : null;
  const now = o.now ?? sim?.now ?? (() => new Date());
  const store = openStore(config.dbPath);
  const methodology = loadMethodology();
  const versions = loadMethodologySet();
  const book = loadContractBook(methodology);
  // Swappable: an operator key rotation over HTTP takes effect in the running process.
  const signer = swappableSigner(loadOrCreateSigner(config.keysDir));
  const historyDeps = { bundleDir: config.bundleDir, methodology, versions, signer, now, log };
  const scheduling = config.CPI_ROLE !== "api" && config.CPI_SCHEDULE === "on";
  // Loading the bundle writes: a scheduler does it in its term (once per install), a serve-only node up front.
  if (config.CPI_ROLE !== "api" && !scheduling && config.CPI_LOAD_BUNDLE === "on") await prepareHistory(store, historyDeps);

  const realFetcher = createFetcher({ proxy: config.proxy }, o.fetchDeps);
  const fetcher = sim ? withSimulatedTime(realFetcher, now) : realFetcher;
  const mirror = createUrlMapper(config.mirror);
  const enabled = (o.sources ?? allSources).filter((s) => sourceState(s, env).enabled);
  const fixDeps = { store, signer, methodology, versions, now };
  const scope = collectionScope(methodology);
  // After every fixing run: a signed manifest of the chain head (GET /v1/manifest), so a removed tail shows in any mirrored copy.
  const manifest = manifestPublisher(() =>
    publishManifest(store, signer, { now, methodologyVersion: methodology.version }).catch((error: unknown) => log.error({ error: error instanceof Error ? error.message : String(error) }, "manifest not published")),
  );
  let leader: LeaderNode | null = null;
  // Jobs check the lease when they start: a cron tick racing the loss of leadership does nothing.
  const holding = () => leader?.isLeader() ?? false;
  // Scheduled fixings wait for the term's catch-up: missed dates go first (each is the next one's prior value).
  let caughtUp: Promise<void> = Promise.resolve();
  const jobs = {
    collect: async (source: SourceDef) => (holding() ? collectSource(source, { store, fetcher, env, now, log, mirror, scope }) : null),
    fix: async (def: (typeof methodology.indices)[number]) => {
      await caughtUp;
      if (!holding()) return null;
      const outcome = await fixIndex(def, latestDueDate(def, now()), "final", fixDeps);
      await logFixing(log, store, outcome, now());
      await manifest();
      return outcome;
    },
  };
  const beginTerm = async (holds: () => boolean): Promise<Scheduler> => {
    if (config.CPI_LOAD_BUNDLE === "on") await prepareHistory(store, historyDeps);
    // Catch-up covers fixing times after the install first went live, never before: a fresh install has missed nothing.
    const firstLive = await recordFirstLiveStart(store, now(), methodology.indices.map((d) => d.code));
    const proxied = config.proxy.httpProxy ?? config.proxy.httpsProxy;
    log.info({ firstLiveStart: firstLive, proxy: proxied ? redactUrl(proxied) : null, noProxy: config.proxy.noProxy || null, mirror: config.mirror.base, mirrors: config.mirror.perSource }, "live collection and fixing");
    const freeze = {
      time: book.terms.freeze.time,
      // Like the fixings: only while leading, after the term's catch-up (a settlement reads the published fixings).
      run: async () => {
        await caughtUp;
        if (!holding()) return;
        const frozen = (await freezeSettlements({ store, signer, book, now }, firstLive)).filter((f) => f.published);
        for (const f of frozen) log.info({ contract: f.contract, month: f.month, value: f.record.value, method: f.record.method, freezeMoves: f.record.freezeMoves }, "final settlement frozen");
        // The manifest carries the settlement chain's head: a new final is in the next signed manifest at once.
        if (frozen.length > 0) await manifest();
      },
    };
    // Schedules first, then catch-up: a fixing time is either before the schedules existed (catch-up, whose clock
    // reads later, publishes it, flagged late) or after (its schedule fires and waits for the catch-up). None is lost.
    let done = () => undefined as void;
    caughtUp = new Promise<void>((resolve) => (done = resolve));
    const started = startScheduler(enabled, methodology.indices, { ...jobs, freeze }, log, o.cron ?? sim?.driver);
    try {
      for (const outcome of await catchUpFixings(fixDeps, log, firstLive)) await logFixing(log, store, outcome, now());
      await manifest();
    } catch (error) {
      started.stop();
      throw error;
    } finally {
      done();
    }
    // Under the schedules' overlap guard: a cron tick during this round skips instead of collecting twice.
    if ((o.collectOnStart ?? true) && holds()) for (const s of enabled) void started.run(`collect:${s.id}`, () => jobs.collect(s));
    return started;
  };
  if (scheduling) {
    leader = runWhileLeader(store, { retryMs: config.CPI_LEADER_RETRY_MS, log, beginTerm });
    // Elected at the first attempt (always, on SQLite): history and catch-up are done before serving, as before.
    await leader.started;
  }

  // The writer has migrated (PostgreSQL migrates on its first query) before a read-only store opens the schema.
  await store.lastChainHash();
  // CPI_DB_READ_URL (PostgreSQL) routes the API's reads to a replica or a read-only role.
  const readStore: ReadStore = config.dbPath === ":memory:" ? store : openReadStore(config.dbReadPath);
  const publicKeys = publishedKeys(config.keysDir, signer);
  // Operator actions (corrections, key rotation) exist over HTTP only with CPI_OPERATOR_TOKEN; they hold the
  // writable store, which the read routes never see.
  const writes = { store, methodology, versions, signer, keysDir: config.keysDir, now, onKeyRotated: () => publicKeys.splice(0, publicKeys.length, ...publishedKeys(config.keysDir, signer)) };
  const node = { role: config.CPI_ROLE, leader: () => (scheduling ? holding() : null) };
  const app = createApp({ store: readStore, methodology, contracts: book, sources: allSources, env, operatorToken: config.CPI_OPERATOR_TOKEN, now, publicKeys, log, node }, { writes });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
  log.info({ url, db: describeTarget(config.dbPath) }, "cpi is serving");

  let closed = false;
  const simulation = sim && leader ? runSimulation(sim, leader, config.simClock!.end, log, () => closed) : null;
  return {
    url,
    store,
    simulation,
    idle: async () => leader?.idle(),
    async close() {
      if (closed) return;
      closed = true;
      const stopping = leader?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopping;
      await simulation;
      await fetcher.close();
      if (readStore !== store) await readStore.close();
      await store.close();
    },
  };
}

/** Runs the schedules from the simulated start to `end` as fast as the jobs finish; the clock then stays at `end`. */
async function runSimulation(sim: ReturnType<typeof createSimClock>, scheduler: { idle(): Promise<void> }, end: Date, log: Logger, stopped: () => boolean) {
  const startedAt = Date.now();
  log.info({ event: "simulation", from: sim.now().toISOString(), to: end.toISOString() }, "simulated clock running");
  await scheduler.idle();
  const jobsFired = await sim.advanceTo(end, () => scheduler.idle(), stopped);
  const reached = sim.now().toISOString();
  log.info({ event: "simulation", reached, jobsFired, wallMs: Date.now() - startedAt, stopped: stopped() }, "simulated clock reached its end");
  return { jobsFired, reached };
}
