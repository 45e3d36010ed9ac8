// The live path, proven on a replayed internet: `cpi serve` on a simulated clock for three days, faults included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplayRun, type ReplayRun } from "./harness.ts";
import { checkFaults, checkLiveFixings, checkTransport, checkVerify } from "./checks.ts";
import { shortFaults } from "./faults.ts";

let run: ReplayRun;
beforeAll(async () => {
  run = await startReplayRun({ start: "2026-12-01T00:00:00Z", end: "2026-12-03T17:00:00Z", faults: shortFaults });
}, 300_000);
afterAll(async () => run?.cleanup());

describe("three simulated days of the real publisher", () => {
  it("publishes live fixings every day from live captures, fetched through the mirror and (one source) the proxy", async () => {
    expect(run.finished.reached).toBe("2026-12-03T17:00:00.000Z");
    expect(await checkLiveFixings(run, "2026-12-01", "2026-12-03")).toBeGreaterThanOrEqual(3 * 49);
    checkTransport(run);
  });

  it("shows each fault in source health, anomalies and the unmapped queue; the fixings follow the gates", async () => {
    await checkFaults(run, "2026-12-02", "2026-12-03");
  });

  it("cpi verify reproduces every fixing exactly from the stored bytes", async () => {
    const { recomputed } = await checkVerify(run);
    expect(recomputed).toBeGreaterThan(3 * 49);
  }, 120_000);
});
