// Streamed CSV: rows are pulled from the store as the client reads, so a large download runs in constant memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { type ReadStore, type Store } from "../../src/db/index.ts";
import { createApp } from "../../src/api/app.ts";
import { gpuObservation } from "../helpers/observations.ts";
import { testDeps } from "./fixture.ts";
import { scratchStore } from "../helpers/stores.ts";

const ROWS = 30_000;
let store: Store;
let pulled = 0;

/** The store, with a counter of rows handed out by the export path (iterateObservationRecords). */
function counting(inner: ReadStore): ReadStore {
  return {
    ...inner,
    iterateObservationRecords: (filter) =>
      (async function* () {
        for await (const page of inner.iterateObservationRecords(filter)) {
          pulled += page.length;
          yield page;
        }
      })(),
  };
}

beforeAll(async () => {
  store = scratchStore();
  const rows = Array.from({ length: ROWS }, (_, i) => gpuObservation({ provider: `p${i % 50}`, price: `2.${String(i % 100).padStart(2, "0")}` }));
  await store.insertObservations(rows);
});
afterAll(async () => store.close());

async function countLines(stream: AsyncIterable<Uint8Array | Buffer>): Promise<number> {
  let lines = 0;
  for await (const chunk of stream) for (const byte of chunk) if (byte === 0x0a) lines++;
  return lines;
}

describe("streamed observations CSV", () => {
  it("pulls rows only as the body is read, and delivers every row", async () => {
    pulled = 0;
    const app = createApp({ ...testDeps(store), store: counting(store) }, { nonce: "t" });
    const res = await app.request("/v1/observations?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBeNull();
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value!).startsWith("id,observed_at,")).toBe(true);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(ROWS / 2);
    let lines = (new TextDecoder().decode(first.value!).match(/\r\n/g) ?? []).length;
    for (let r = await reader.read(); !r.done; r = await reader.read()) lines += (new TextDecoder().decode(r.value).match(/\r\n/g) ?? []).length;
    expect(lines).toBe(ROWS + 1);
    expect(pulled).toBe(ROWS);
  });

  it("streams through gzip too", async () => {
    const app = createApp(testDeps(store), { nonce: "t" });
    const res = await app.request("/v1/observations?format=csv", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const gunzip = Readable.fromWeb(res.body! as Parameters<typeof Readable.fromWeb>[0]).pipe(createGunzip());
    expect(await countLines(gunzip)).toBe(ROWS + 1);
  });

  it("stops pulling when the client goes away", async () => {
    pulled = 0;
    const app = createApp({ ...testDeps(store), store: counting(store) }, { nonce: "t" });
    const res = await app.request("/v1/observations?format=csv");
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const after = pulled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(after);
    expect(pulled).toBeLessThan(ROWS);
  });
});
