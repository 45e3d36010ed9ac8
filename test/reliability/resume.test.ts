// A bundle load or back-calculation cut short at any batch resumes where it stopped: no row twice, none missing.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { type Store } from "../../src/db/index.ts";
import { BUNDLE_META_KEY, loadBundle } from "../../src/jobs/bundle.ts";
import { prepareHistory } from "../../src/jobs/history.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { methodology } from "./harness/seed.ts";
import { dailyRows, gpuRow, makeWorld, writeBundle, type World } from "./harness/world.ts";
import { scratchStore } from "../helpers/stores.ts";

/** The store, except that the (n+1)-th call of `method` dies before committing (as a SIGKILL would). */
function dyingAfter(store: Store, n: number, method: "insertObservations" | "appendFixing" = "insertObservations"): Store {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === method) {
        const real = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => (calls++ >= n ? Promise.reject(new Error("killed")) : real(...args));
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

function duplicates(store: Store): Promise<number> {
  return store.queryObservations({}).then((rows) => rows.length - new Set(rows.map((o) => `${o.provider}|${o.product}|${o.observedAt}`)).size);
}

describe("resumable history loading", () => {
  let world: World;
  afterEach(() => world.cleanup());

  it("property: a load cut after any number of committed batches, then rerun, holds every bundled row exactly once", async () => {
    world = makeWorld("cpi-resume-");
    const total = writeBundle(world.bundleDir, dailyRows("2026-01-01", 10, "historical_import", "history:test"), 3);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2 }), async (dieAfter, extraCrashes) => {
        const store = scratchStore();
        let n = dieAfter;
        for (let i = 0; i <= extraCrashes; i++, n += 3) await expect(loadBundle(dyingAfter(store, n), world.bundleDir, { batch: 37 })).rejects.toThrow("killed").catch(() => undefined);
        const result = await loadBundle(store, world.bundleDir, { batch: 37 });
        expect(await store.countObservations()).toBe(total);
        expect(await duplicates(store)).toBe(0);
        expect(await store.getMeta(BUNDLE_META_KEY)).toBe(result.sha256);
        await store.close();
      }),
      { numRuns: 25, seed: 99 },
    );
  });

  it("prepareHistory interrupted in the load or in the back-calculation finishes on the next start, same fixings as an uninterrupted run", async () => {
    world = makeWorld("cpi-resume-prep-");
    writeBundle(world.bundleDir, dailyRows("2026-01-01", 12, "historical_import", "history:test"), 2);
    const deps = { bundleDir: world.bundleDir, methodology, signer: ephemeralSigner(), now: () => new Date("2026-02-01T00:00:00.000Z"), log: silentLogger };
    const reference = scratchStore();
    await prepareHistory(reference, deps);
    const expected = (await reference.fixingHistory("GPU-H100SXM-OD", {})).map((f) => `${f.fixingDate} ${f.value} ${f.inputsDigest}`);
    const store = scratchStore();
    await expect(prepareHistory(dyingAfter(store, 1), deps)).rejects.toThrow("killed");
    await expect(prepareHistory(dyingAfter(store, 7, "appendFixing"), deps)).rejects.toThrow("killed");
    await expect(prepareHistory(dyingAfter(store, 5, "appendFixing"), deps)).rejects.toThrow("killed");
    await prepareHistory(store, deps);
    expect((await store.fixingHistory("GPU-H100SXM-OD", {})).map((f) => `${f.fixingDate} ${f.value} ${f.inputsDigest}`)).toEqual(expected);
    expect(await store.countObservations()).toBe(await reference.countObservations());
    expect(await store.getMeta("bundle_loaded_at")).not.toBeNull();
    await store.close();
    await reference.close();
  });

  it("a database that already holds other data is left alone (the bundle goes into fresh databases only)", async () => {
    world = makeWorld("cpi-resume-other-");
    writeBundle(world.bundleDir, dailyRows("2026-01-01", 3, "historical_import", "history:test"), 1);
    const store = scratchStore();
    await store.insertObservations([gpuRow("h100-sxm-80gb", "lambda", "2.10", "2026-01-05T12:00:00.000Z", "list_price", "collected")]);
    await prepareHistory(store, { bundleDir: world.bundleDir, methodology, signer: ephemeralSigner(), now: () => new Date(), log: silentLogger });
    expect(await store.countObservations()).toBe(1);
    await store.close();
  });
});
