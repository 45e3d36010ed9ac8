// Composition root: config -> store -> bundled history -> signer -> schedules -> read API on localhost.
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "./config.ts";
import { openReadStore, openStore, type ReadStore, type Store } from "./db/index.ts";
import { loadMethodology } from "./index/index.ts";
import { allSources, sourceState } from "./sources/registry.ts";
import { createApp } from "./api/app.ts";
import { createFetcher } from "./collect/http.ts";
import { collectSource } from "./jobs/collect.ts";
import { fixIndex, latestDueDate } from "./jobs/fix.ts";
import { loadOrCreateSigner } from "./jobs/signing.ts";
import { createLogger, type Logger } from "./jobs/logger.ts";
import { startScheduler, type Scheduler } from "./jobs/scheduler.ts";
import { prepareHistory } from "./jobs/history.ts";
import { catchUpFixings } from "./jobs/catch-up.ts";
import type { SourceDef } from "./sources/types.ts";

export interface Publisher {
  url: string;
  store: Store;
  close(): Promise<void>;
}

export interface PublisherOverrides {
  now?: () => Date;
  log?: Logger;
  /** Run one collection round right after start (default true; tests turn it off). */
  collectOnStart?: boolean;
  /** The sources to schedule (default: every registered source); the reliability harness points them at a fake provider. */
  sources?: SourceDef[];
}

export async function startPublisher(config: Config, env: Record<string, string | undefined>, o: PublisherOverrides = {}): Promise<Publisher> {
  const log = o.log ?? createLogger({ level: config.LOG_LEVEL });
  const now = o.now ?? (() => new Date());
  const store = openStore(config.dbPath);
  const methodology = loadMethodology();
  const signer = loadOrCreateSigner(config.keysDir);
  if (config.CPI_LOAD_BUNDLE === "on") await prepareHistory(store, { bundleDir: config.bundleDir, methodology, signer, now, log });

  const fetcher = createFetcher();
  const enabled = (o.sources ?? allSources).filter((s) => sourceState(s, env).enabled);
  const fixDeps = { store, signer, methodology, now };
  const jobs = {
    collect: (source: (typeof allSources)[number]) => collectSource(source, { store, fetcher, env, now, log }),
    fix: (def: (typeof methodology.indices)[number]) => fixIndex(def, latestDueDate(def, now()), "final", fixDeps),
  };
  let scheduler: Scheduler | null = null;
  if (config.CPI_SCHEDULE === "on") {
    // Fixing times missed while the process was down are published first, flagged late (before any schedule fires).
    await catchUpFixings(fixDeps, log);
    const started = startScheduler(enabled, methodology.indices, jobs, log);
    scheduler = started;
    // Under the schedules' overlap guard: a cron tick during this round skips instead of collecting twice.
    if (o.collectOnStart ?? true) for (const s of enabled) void started.run(`collect:${s.id}`, () => jobs.collect(s));
  }

  const readStore: ReadStore = config.dbPath === ":memory:" ? store : openReadStore(config.dbPath);
  const app = createApp({
    store: readStore,
    methodology,
    sources: allSources,
    env,
    now,
    publicKeys: [{ keyId: signer.keyId, algorithm: "ed25519", publicKeyPem: signer.publicKeyPem, status: "active" }],
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
  log.info({ url, db: config.dbPath }, "cpi is serving");

  let closed = false;
  return {
    url,
    store,
    async close() {
      if (closed) return;
      closed = true;
      scheduler?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler?.idle();
      await fetcher.close();
      if (readStore !== store) await readStore.close();
      await store.close();
    },
  };
}
