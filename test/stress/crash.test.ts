// Crash consistency (long variant): 56 SIGKILLs of the real publisher process across 14 fresh installations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeServer } from "../helpers/fake-server.ts";
import { crashRound, seededRandom, startProvider, type CrashFigures } from "../reliability/harness/crash.ts";

const ROUNDS = 7;
const KILLS_PER_ROUND = 4;

describe("crash consistency, stress: at least 50 kills", () => {
  let provider: FakeServer;
  const figures: CrashFigures = { kills: 0, cleanRuns: 0, phases: {}, capturesJournaled: 0, fixingsAtEnd: 0, problems: [] };
  const seed = Number(process.env.CPI_CRASH_SEED ?? 20261121);
  const random = seededRandom(seed);

  beforeAll(async () => {
    provider = await startProvider(600);
  });
  afterAll(async () => {
    await provider.close();
    console.info(`STRESS crash: seed ${seed}, ${figures.kills} kills survived, ${figures.cleanRuns} clean SIGTERM stops, phases ${JSON.stringify(figures.phases)}, ${figures.capturesJournaled} journaled captures checked, ${figures.fixingsAtEnd} fixings compared`);
  });

  it(`${ROUNDS} first starts and ${ROUNDS} restarts after an outage, ${KILLS_PER_ROUND} kills each: every invariant holds`, async () => {
    for (let r = 0; r < ROUNDS; r++) {
      await crashRound("first-start", KILLS_PER_ROUND, provider.origin, random, figures);
      await crashRound("restart-after-downtime", KILLS_PER_ROUND, provider.origin, random, figures);
      expect(figures.problems).toEqual([]);
    }
    expect(figures.kills).toBeGreaterThanOrEqual(50);
  });
});
