// The API fuzz suite, defined once: the fast and the stress variants differ only in size, seed and label.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzApp } from "./fuzz.ts";
import { dropTemplate, published, TOKEN, type Published } from "./published.ts";
import { fixingsSnapshot, immutabilityProblems } from "./snapshot.ts";

export function apiFuzzSuite(opts: { label: string; requests: number; seed: number; timeoutMs?: number }): void {
  describe(opts.label, () => {
    let p: Published;
    beforeAll(async () => {
      p = await published({ token: TOKEN });
    });
    afterAll(async () => {
      await p.close();
      dropTemplate();
    });

    it(`${opts.requests} generated requests: no 5xx, every 4xx the JSON error shape, no stack trace, path or secret, no fixing changed`, { timeout: opts.timeoutMs ?? 120_000 }, async () => {
      const before = fixingsSnapshot(p.world.dbPath);
      const result = await fuzzApp(p, opts.requests, opts.seed);
      const statuses = JSON.stringify(Object.fromEntries([...result.statuses].sort((a, b) => a[0] - b[0])));
      console.info(`${opts.label}: seed ${opts.seed}, ${result.sent} requests, statuses ${statuses}, slowest ${result.slowestMs} ms`);
      expect(result.failures).toEqual([]);
      expect(await immutabilityProblems(p, before)).toEqual([]);
    });
  });
}
