// Soak (long variant): 28 simulated days, collections every 5 minutes, daily fixings, stalls that overlap schedules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSoak, runSoak, SOAK_START, type SoakFigures } from "../reliability/harness/soak.ts";
import { makeWorld, type World } from "../reliability/harness/world.ts";

const DAYS = 28;

describe("soak, stress: four simulated weeks", () => {
  let world: World;
  let figures: SoakFigures;

  beforeAll(async () => {
    world = makeWorld("cpi-soak-stress-");
    figures = await runSoak(world, { days: DAYS, stepMinutes: 5, start: SOAK_START, stallEvery: 400 });
    console.info(`STRESS soak: ${JSON.stringify(figures)}`);
  });
  afterAll(() => world.cleanup());

  it("every scheduled fixing exactly once, overlaps prevented, memory and handles flat, verify passes", async () => {
    expect(figures.simulatedDays).toBe(DAYS);
    await checkSoak(world, figures, DAYS);
  });
});
