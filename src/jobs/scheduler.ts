// Schedules: collectors on their cron, each index's daily fixing at its local fixing time (through a clock's cron driver).
import { realCronDriver, type CronDriver, type ScheduledJob } from "./clock.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { SourceDef } from "../sources/types.ts";
import type { Logger } from "./logger.ts";

export interface SchedulerJobs {
  collect(source: SourceDef): Promise<unknown>;
  fix(def: IndexDefinition): Promise<unknown>;
  /** The settlement freeze: run daily at `time` UTC (the job itself skips non-business days). */
  freeze?: { time: string; run(): Promise<unknown> };
}

export interface Scheduler {
  stop(): void;
  /** Resolves when no job is running (for graceful shutdown). */
  idle(): Promise<void>;
  running(): string[];
  /** Run a job under the same overlap guard as the schedules (e.g. the collection round on start). */
  run(name: string, job: () => Promise<unknown>): Promise<unknown> | null;
}

/** Runs `job` unless a run with the same name is still going (overlapping runs are skipped, not queued). */
export function createGuard(log: Logger) {
  const active = new Map<string, Promise<unknown>>();
  return {
    run(name: string, job: () => Promise<unknown>): Promise<unknown> | null {
      if (active.has(name)) {
        log.warn({ job: name }, "skipped: previous run still going");
        return null;
      }
      const p = job()
        .catch((error: unknown) => log.error({ job: name, error: error instanceof Error ? error.message : String(error) }, "job failed"))
        .finally(() => active.delete(name));
      active.set(name, p);
      return p;
    },
    names: () => [...active.keys()],
    async idle() {
      while (active.size > 0) await Promise.allSettled([...active.values()]);
    },
  };
}

/** "HH:MM" -> the cron expression firing at that time every day. */
function dailyCron(time: string): string {
  const [hh, mm] = time.split(":");
  return `${Number(mm)} ${Number(hh)} * * *`;
}

export function startScheduler(sources: SourceDef[], indices: IndexDefinition[], jobs: SchedulerJobs, log: Logger, driver: CronDriver = realCronDriver): Scheduler {
  const guard = createGuard(log);
  const tasks: ScheduledJob[] = [];
  for (const source of sources) {
    const name = `collect:${source.id}`;
    tasks.push(driver.schedule(source.schedule, "UTC", name, () => void guard.run(name, () => jobs.collect(source))));
  }
  for (const def of indices) {
    const name = `fix:${def.code}`;
    tasks.push(driver.schedule(dailyCron(def.fixing.time), def.fixing.timezone, name, () => void guard.run(name, () => jobs.fix(def))));
  }
  if (jobs.freeze) {
    const { time, run } = jobs.freeze;
    tasks.push(driver.schedule(dailyCron(time), "UTC", "freeze", () => void guard.run("freeze", run)));
  }
  log.info({ collectors: sources.length, fixings: indices.length, freeze: jobs.freeze?.time ?? null }, "schedules started");
  return {
    stop: () => tasks.forEach((t) => t.stop()),
    idle: () => guard.idle(),
    running: () => guard.names(),
    run: (name, job) => guard.run(name, job),
  };
}
