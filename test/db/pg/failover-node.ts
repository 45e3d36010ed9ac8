// Child process of the failover test: `cpi serve --role <role>` itself, on a fast simulated clock and no sources.
// The clock is shared by every node (FAILOVER_SIM_START at the parent's FAILOVER_T0, FAILOVER_SPEED times real
// time), so whichever node leads sees the same fixing times; a ticker fires each simulated minute's cron jobs.
import { run } from "../../../src/cli/serve.ts";
import { processIo } from "../../../src/cli/io.ts";
import { parseCron, wallClock } from "../../../src/jobs/cron.ts";
import type { CronDriver } from "../../../src/jobs/clock.ts";

const MINUTE_MS = 60_000;
const env = process.env;
const simStart = Date.parse(env.FAILOVER_SIM_START!);
const t0 = Number(env.FAILOVER_T0);
const speed = Number(env.FAILOVER_SPEED);
const now = () => new Date(simStart + (Date.now() - t0) * speed);

/** Fires every job whose expression matches each simulated minute that passed since the last tick (none skipped). */
function fastCron(): CronDriver {
  const jobs = new Set<{ matches: (at: Date) => boolean; fire: () => void }>();
  let lastMinute = Math.floor(now().getTime() / MINUTE_MS);
  const ticker = setInterval(() => {
    const current = Math.floor(now().getTime() / MINUTE_MS);
    for (let m = lastMinute + 1; m <= current; m++) {
      const at = new Date(m * MINUTE_MS);
      for (const j of jobs) if (j.matches(at)) j.fire();
    }
    lastMinute = current;
  }, 5);
  ticker.unref();
  return {
    schedule(expr, timezone, _name, fire) {
      const match = parseCron(expr);
      const job = { matches: (at: Date) => match(wallClock(at, timezone)), fire };
      jobs.add(job);
      return { stop: () => void jobs.delete(job) };
    },
  };
}

process.exitCode = await run(process.argv.slice(2), processIo, { now, cron: fastCron(), sources: [], collectOnStart: false });
