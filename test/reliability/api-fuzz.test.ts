// API fuzzing against the in-process app (read API + operator actions): no 5xx, JSON errors, no leaks, fixings untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzApp } from "./harness/fuzz.ts";
import { dropTemplate, published, TOKEN, type Published } from "./harness/published.ts";
import { fixingsSnapshot, immutabilityProblems } from "./harness/snapshot.ts";

/** Requests per run (the stress suite sends many more). */
const FUZZ_REQUESTS = 2500;

describe("API fuzzing", () => {
  let p: Published;
  beforeAll(async () => {
    p = await published({ token: TOKEN });
  });
  afterAll(async () => {
    await p.close();
    dropTemplate();
  });

  it(`${FUZZ_REQUESTS} generated requests: no 5xx, every 4xx the JSON error shape, no stack trace, path or secret, no fixing changed`, { timeout: 120_000 }, async () => {
    const before = fixingsSnapshot(p.world.dbPath);
    const result = await fuzzApp(p, FUZZ_REQUESTS, 1121);
    console.info(`api fuzz: ${result.sent} requests, statuses ${JSON.stringify(Object.fromEntries([...result.statuses].sort((a, b) => a[0] - b[0])))}, slowest ${result.slowestMs} ms`);
    expect(result.failures).toEqual([]);
    expect(await immutabilityProblems(p, before)).toEqual([]);
  });
});
