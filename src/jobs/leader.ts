// The scheduler role: collect and publish only while this process holds the install's leader lease.
import type { Store } from "../db/index.ts";
import type { Logger } from "./logger.ts";
import type { Scheduler } from "./scheduler.ts";

export interface LeaderNode {
  isLeader(): boolean;
  /** Settles once the first election attempt is over and, when it elected this process, its term has started. */
  started: Promise<void>;
  /** Resolves when no scheduled job of the current term is running. */
  idle(): Promise<void>;
  /** Stop scheduling, then give up the lease (a standby takes over at its next retry). */
  stop(): Promise<void>;
}

export interface LeaderOptions {
  retryMs: number;
  log: Logger;
  /** A term's start: history, catch-up, then the schedules; `holds()` turns false the moment the lease is lost. */
  beginTerm(holds: () => boolean): Promise<Scheduler>;
}

/**
 * Each election begins a term; losing the lease stops that term's schedules at once (a job already running
 * finishes: its fixing is appended with ifAbsent, so a date the next leader also publishes exists once).
 */
export function runWhileLeader(store: Store, opts: LeaderOptions): LeaderNode {
  let term = 0;
  /** Schedulers of every term (a stopped one may still be finishing a job), newest last. */
  const terms: Scheduler[] = [];
  let starting: Promise<void> = Promise.resolve();
  const stopAll = () => terms.forEach((s) => s.stop());
  const election = store.campaign({
    retryMs: opts.retryMs,
    onElected: () => {
      const mine = ++term;
      const holds = () => term === mine && election.isLeader();
      opts.log.info({ term: mine }, "elected scheduler leader: collecting and publishing");
      starting = opts.beginTerm(holds).then((s) => {
        terms.push(s);
        if (!holds()) s.stop();
      });
      // A failed later term is logged; the first one fails the start (awaited through `started`).
      starting.catch((error: unknown) => opts.log.error({ term: mine, error: error instanceof Error ? error.message : String(error) }, "scheduler term failed to start"));
    },
    onLost: (reason) => {
      term++;
      stopAll();
      opts.log.warn({ reason }, "scheduler lease lost: schedules stopped");
    },
  });
  const idle = async () => {
    await starting.catch(() => undefined);
    await Promise.all(terms.map((s) => s.idle()));
  };
  return {
    isLeader: () => election.isLeader(),
    started: election.firstAttempt.then((elected) => (elected ? starting : undefined)),
    idle,
    async stop() {
      term++;
      stopAll();
      await starting.catch(() => undefined);
      stopAll();
      await idle();
      await election.stop();
    },
  };
}
