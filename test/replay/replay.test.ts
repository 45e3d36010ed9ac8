// The live path, proven on a replayed internet: `cpi serve` on a simulated clock for three days, faults included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplayRun, type ReplayRun } from "./harness.ts";
import { checkBoundary, checkFaults, checkFreshness, checkLiveFixings, checkOperatorView, checkTransport, checkVerify, checkWaiting } from "./checks.ts";
import { shortFaults } from "./faults.ts";

const START = "2026-12-01T00:00:00Z";
let run: ReplayRun;
beforeAll(async () => {
  // The first morning of a fresh install, up to an hour before its first fixing time.
  run = await startReplayRun({ start: START, end: "2026-12-01T15:00:00Z", faults: shortFaults });
}, 300_000);
afterAll(async () => run?.cleanup());

describe("three simulated days of the real publisher", () => {
  it("before its first live fixing every series says what it waits for (fixing time, sources), not a 0-provider fallback", async () => {
    await checkWaiting(run, START, "2026-12-01");
    // The rest of the run: the same database, the publisher restarted where the clock stopped.
    await run.serve("2026-12-01T15:00:00Z", "2026-12-03T17:00:00Z");
    expect(run.finished.reached).toBe("2026-12-03T17:00:00.000Z");
  }, 300_000);

  it("publishes live fixings every day from live captures, fetched through the mirror and (one source) the proxy", async () => {
    expect(await checkLiveFixings(run, "2026-12-01", "2026-12-03")).toBeGreaterThanOrEqual(3 * 49);
    checkTransport(run);
  });

  it("shows the boundary between back-calculated history and the live series in the API and the CSV", async () => {
    await checkBoundary(run, "2026-12-01");
  });

  it("shows each fault in source health, anomalies and the unmapped queue; the fixings follow the gates", async () => {
    await checkFaults(run, "2026-12-02", "2026-12-03");
    await checkFreshness(run);
  });

  it("logs a JSON line per collection and per fixing, and exposes the freshness gauges on /metrics", async () => {
    await checkOperatorView(run, "2026-12-01", "2026-12-03");
  });

  it("cpi verify reproduces every fixing exactly from the stored bytes", async () => {
    const { recomputed } = await checkVerify(run);
    expect(recomputed).toBeGreaterThan(3 * 49);
  }, 120_000);
});
