// API fuzzing (long variant): 30 000 generated requests against the in-process app, another seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzApp } from "../reliability/harness/fuzz.ts";
import { dropTemplate, published, TOKEN, type Published } from "../reliability/harness/published.ts";
import { fixingsSnapshot, immutabilityProblems } from "../reliability/harness/snapshot.ts";

const REQUESTS = 30_000;

describe("API fuzzing, stress", () => {
  let p: Published;
  beforeAll(async () => {
    p = await published({ token: TOKEN });
  });
  afterAll(async () => {
    await p.close();
    dropTemplate();
  });

  it(`${REQUESTS} requests: no 5xx, JSON errors, no leaks, no fixing changed`, async () => {
    const before = fixingsSnapshot(p.world.dbPath);
    const seed = Number(process.env.CPI_FUZZ_SEED ?? 4242);
    const result = await fuzzApp(p, REQUESTS, seed);
    console.info(`STRESS api fuzz: seed ${seed}, ${result.sent} requests, statuses ${JSON.stringify(Object.fromEntries([...result.statuses].sort((a, b) => a[0] - b[0])))}, slowest ${result.slowestMs} ms`);
    expect(result.failures).toEqual([]);
    expect(await immutabilityProblems(p, before)).toEqual([]);
  });
});
