// A simulated month of the real publisher on the replayed internet (`npm run test:stress`): the three-day checks, thirty-one days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplayRun, type ReplayRun } from "../replay/harness.ts";
import { checkBoundary, checkFaults, checkLiveFixings, checkTransport, checkVerify, fixings, getJson } from "../replay/checks.ts";
import { monthFaults } from "../replay/faults.ts";

const START = "2026-12-01T00:00:00Z";
let run: ReplayRun;
let wallMs = 0;
beforeAll(async () => {
  const t0 = Date.now();
  run = await startReplayRun({ start: START, end: "2026-12-31T17:00:00Z", faults: monthFaults, timeoutMs: 1_500_000 });
  wallMs = Date.now() - t0;
}, 1_600_000);
afterAll(async () => run?.cleanup());

describe("a simulated month of the real publisher", () => {
  it("publishes a live fixing for every index on every day of the month", async () => {
    expect(run.finished.reached).toBe("2026-12-31T17:00:00.000Z");
    expect(await checkLiveFixings(run, "2026-12-01", "2026-12-31")).toBeGreaterThanOrEqual(31 * 49);
    checkTransport(run);
    await checkBoundary(run, "2026-12-01");
    console.log(`replay month: ${run.finished.jobsFired} jobs in ${Math.round(wallMs / 1000)} s wall, ${run.internet.requests.length} requests`);
  });

  it("shows every fault; through the AWS outage of the 13th a second source kept AWS in the hyperscaler H100 index", async () => {
    await checkFaults(run, "2026-12-02", "2026-12-03");
    const anomalies = (await getJson<{ data: { sourceId: string; at: string }[] }>(run, "/v1/operator/anomalies?limit=1000", true)).data;
    expect(anomalies.filter((a) => a.sourceId === "aws" && a.at.startsWith("2026-12-13")).length).toBe(2);
    expect(anomalies.filter((a) => a.sourceId === "huggingface" && a.at.startsWith("2026-12-21")).length).toBe(24);
    // The AWS price lists were down all day, but SkyPilot's AWS catalog still priced AWS: four providers throughout.
    const hyp = await fixings(run, "GPU-H100SXM-OD-HYP", "2026-12-12", "2026-12-14");
    expect(hyp.map((f) => [f.status, f.providerCount])).toEqual([["final", 4], ["final", 4], ["final", 4]]);
    const sourcesOf = async (date: string) => new Set((await getJson<{ observations: { source: string }[] }>(run, `/v1/indices/GPU-H100SXM-OD-HYP/fixings/${date}`)).observations.map((o) => o.source));
    expect([...(await sourcesOf("2026-12-13"))].sort()).toEqual(["azure", "skypilot"]);
    expect((await sourcesOf("2026-12-14")).has("aws")).toBe(true);
    // Five days of carried GLM values are the most the methodology allows; one day out is carried once.
    const glm = await fixings(run, "TOK-GLM52-BLEND-USD", "2026-12-20", "2026-12-22");
    expect(glm.map((f) => f.status)).toEqual(["final", "fallback", "final"]);
  });

  it("cpi verify reproduces the month exactly from the stored bytes", async () => {
    const { recomputed, captures } = await checkVerify(run);
    console.log(`replay month: cpi verify recomputed ${recomputed} fixings, re-hashed ${captures} captures`);
    expect(recomputed).toBeGreaterThan(31 * 49);
  }, 900_000);
});
