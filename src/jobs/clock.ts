// The scheduler's clock seam: the real clock drives node-cron; a simulated clock runs days in seconds (replay tests).
import cron from "node-cron";
import { parseCron, wallClock } from "./cron.ts";

export interface ScheduledJob {
  stop(): void;
}

/** Who fires cron jobs: node-cron on the real clock, or the simulated clock below. */
export interface CronDriver {
  schedule(expr: string, timezone: string, name: string, fire: () => void): ScheduledJob;
}

export const realCronDriver: CronDriver = {
  schedule(expr, timezone, name, fire) {
    const task = cron.schedule(expr, fire, { timezone, name });
    return { stop: () => void task.stop() };
  },
};

export interface SimClock {
  now(): Date;
  driver: CronDriver;
  /**
   * Moves the clock minute by minute up to `to`, firing every job whose expression matches each minute, and
   * waiting for `settle` (the scheduler's idle) before the next minute: a run is deterministic and a job
   * always sees the minute it was scheduled for.
   */
  advanceTo(to: Date, settle: () => Promise<void>, stopped?: () => boolean): Promise<number>;
}

const MINUTE_MS = 60_000;

export function createSimClock(start: Date): SimClock {
  let nowMs = start.getTime();
  const jobs = new Set<{ matches: (at: Date) => boolean; fire: () => void }>();
  return {
    now: () => new Date(nowMs),
    driver: {
      schedule(expr, timezone, _name, fire) {
        const match = parseCron(expr);
        const job = { matches: (at: Date) => match(wallClock(at, timezone)), fire };
        jobs.add(job);
        return { stop: () => void jobs.delete(job) };
      },
    },
    async advanceTo(to, settle, stopped = () => false) {
      let fired = 0;
      for (let t = (Math.floor(nowMs / MINUTE_MS) + 1) * MINUTE_MS; t <= to.getTime(); t += MINUTE_MS) {
        if (stopped()) return fired;
        nowMs = t;
        const at = new Date(t);
        const due = [...jobs].filter((j) => j.matches(at));
        for (const j of due) j.fire();
        fired += due.length;
        if (due.length > 0) await settle();
      }
      nowMs = Math.max(nowMs, to.getTime());
      return fired;
    },
  };
}
