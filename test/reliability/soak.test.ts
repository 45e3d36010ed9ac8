// Soak (fast variant): a simulated week of collections every 10 minutes and daily fixings; the stress suite runs 4 weeks at 5 minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSoak, runSoak, SOAK_START, type SoakFigures } from "./harness/soak.ts";
import { makeWorld, type World } from "./harness/world.ts";

describe("soak: a simulated week against a local fake provider", () => {
  let world: World;
  let figures: SoakFigures;
  const days = 7;

  beforeAll(async () => {
    world = makeWorld("cpi-soak-");
    figures = await runSoak(world, { days, stepMinutes: 10, start: SOAK_START, stallEvery: 150 });
    console.info(`soak (fast): ${JSON.stringify(figures)}`);
  }, 180_000);
  afterAll(() => world.cleanup());

  it("publishes every scheduled fixing exactly once, prevents overlapping runs, keeps memory and handles flat, verifies", async () => {
    expect(figures.collections).toBeGreaterThan(1000);
    await checkSoak(world, figures, days);
  });
});
