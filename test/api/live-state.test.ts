// The first day of a series: waiting (fixing time, sources) until its first live value; the live/back-calculated boundary; freshness.
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/db/index.ts";
import { liveState, nextRunAt } from "../../src/api/live-state.ts";
import { sourceFreshness } from "../../src/api/health.ts";
import { FIRST_LIVE_START_KEY } from "../../src/jobs/first-live.ts";
import { fixingDraft } from "../helpers/observations.ts";
import { testDeps } from "./fixture.ts";

const sign = () => "sig";
const DEF = "GPU-H100SXM-OD";

async function storeWith(fixings: { date: string; status: "back-calculated" | "final" | "fallback"; value: string | null; calculation?: "live" | "back-calculated" }[]) {
  const store = openStore(":memory:");
  for (const f of fixings) {
    await store.appendFixing({ ...fixingDraft({ indexCode: DEF, fixingDate: f.date, fixingTime: `${f.date}T16:00:00.000Z`, status: f.status, value: f.value }), calculation: f.calculation ?? (f.status === "back-calculated" ? "back-calculated" : "live") }, { publishedAt: `${f.date}T16:00:05.000Z`, sign });
  }
  return store;
}

describe("a series' live state", () => {
  it("waits for its first live value with the next fixing time; a live fallback without a value still waits", async () => {
    const store = await storeWith([
      { date: "2026-07-30", status: "back-calculated", value: "2.5000" },
      { date: "2026-07-31", status: "back-calculated", value: "2.5100" },
      { date: "2026-08-01", status: "fallback", value: null },
    ]);
    await store.setMeta(FIRST_LIVE_START_KEY, "2026-08-01T09:00:00.000Z");
    const deps = testDeps(store);
    const def = deps.methodology.indices.find((d) => d.code === DEF)!;
    const state = await liveState({ ...deps, now: () => new Date("2026-08-01T17:00:00.000Z") }, def);
    expect(state).toMatchObject({ firstLiveStart: "2026-08-01T09:00:00.000Z", liveSince: "2026-08-01", backCalculatedUntil: "2026-07-31" });
    expect(state.waiting?.nextFixingTime).toBe("2026-08-02T16:00:00.000Z");
    // Nothing priced it yet: every GPU source of the test registry is listed, disabled ones without a next run.
    expect(state.waiting!.sources.every((s) => !s.priced && (s.enabled || s.nextRunAt === null))).toBe(true);
    await store.close();
  });

  it("stops waiting at the first live value; back-calculated history ends the day before", async () => {
    const store = await storeWith([
      { date: "2026-07-31", status: "back-calculated", value: "2.5100" },
      { date: "2026-08-01", status: "final", value: "2.4900" },
      { date: "2026-08-02", status: "final", value: "2.4800" },
    ]);
    await store.setMeta(FIRST_LIVE_START_KEY, "2026-08-01T09:00:00.000Z");
    const deps = testDeps(store);
    const def = deps.methodology.indices.find((d) => d.code === DEF)!;
    expect(await liveState({ ...deps, now: () => new Date("2026-08-03T00:00:00.000Z") }, def)).toEqual({ firstLiveStart: "2026-08-01T09:00:00.000Z", liveSince: "2026-08-01", backCalculatedUntil: "2026-07-31", waiting: null });
    await store.close();
  });
});

describe("source freshness", () => {
  it("the next run of a cron schedule, UTC", () => {
    expect(nextRunAt("7 * * * *", new Date("2026-12-01T10:07:30Z"))).toBe("2026-12-01T11:07:00.000Z");
    expect(nextRunAt("30 15 * * 1-5", new Date("2026-12-05T00:00:00Z"))).toBe("2026-12-07T15:30:00.000Z"); // Saturday -> Monday
    expect(nextRunAt("0 0 1 1 *", new Date("2026-12-01T00:00:00Z"))).toBeNull(); // beyond the horizon: a manual source
  });

  it("is stale once the second scheduled run after the last success has passed", () => {
    const row = { enabled: true, schedule: "7 * * * *", lastSuccessAt: "2026-12-01T10:07:05.000Z", runs: 3 };
    expect(sourceFreshness(row, new Date("2026-12-01T11:30:00Z"))).toEqual({ ageSeconds: 4975, stale: false, nextRunAt: "2026-12-01T12:07:00.000Z" });
    expect(sourceFreshness(row, new Date("2026-12-01T12:08:00Z")).stale).toBe(true);
    expect(sourceFreshness({ ...row, lastSuccessAt: null }, new Date("2026-12-01T12:08:00Z"))).toMatchObject({ ageSeconds: null, stale: true });
    expect(sourceFreshness({ ...row, enabled: false }, new Date("2026-12-01T12:08:00Z"))).toEqual({ ageSeconds: null, stale: false, nextRunAt: null });
  });
});
