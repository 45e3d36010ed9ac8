import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openReadStore, openStore, type Store } from "../../src/db/index.ts";
import { fixingHash } from "../../src/index/chain.ts";
import { gpuObservation, fixingDraft } from "../helpers/observations.ts";

const sign = (h: string) => `test:${h.slice(0, 8)}`;

describe("sqlite store", () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(":memory:");
  });
  afterEach(async () => store.close());

  it("stores capture bytes once per sha256 and returns them intact", async () => {
    const bytes = new TextEncoder().encode("{\"data\":[]}");
    const a = await store.putCapture({ sourceId: "openrouter", url: "https://x/a", fetchedAt: "2026-05-01T00:00:00.000Z", httpStatus: 200, contentType: "application/json", bytes });
    const b = await store.putCapture({ sourceId: "openrouter", url: "https://x/a", fetchedAt: "2026-05-01T01:00:00.000Z", httpStatus: 200, contentType: "application/json", bytes });
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    const back = await store.getCapture(b.id);
    expect(new TextDecoder().decode(back!.bytes)).toBe("{\"data\":[]}");
  });

  it("ingests a capture once: a second ingest of the same capture writes nothing", async () => {
    const meta = await store.putCapture({ sourceId: "t", url: "u", fetchedAt: "2026-05-01T00:00:00.000Z", httpStatus: 200, contentType: null, bytes: new Uint8Array([1]) });
    const quote = { kind: "fx" as const, provider: "ecb", base: "EUR", quote: "USD", rate: "1.1", date: "2026-05-01", locator: "x" };
    const record = { captureId: meta.id, parsedAt: "2026-05-01T00:00:01.000Z", parseError: null, quotes: [{ quote, quarantineReason: null, observations: [gpuObservation({ captureId: meta.id })] }], skipped: [{ locator: "row 2", reason: "no price" }] };
    expect(await store.recordIngest(record)).toEqual({ quotes: 1, observations: 1, quarantined: 0, skipped: 1 });
    expect(await store.recordIngest(record)).toEqual({ quotes: 0, observations: 0, quarantined: 0, skipped: 0 });
    expect(await store.countObservations()).toBe(1);
  });

  it("filters, pages and streams observations", async () => {
    await store.insertObservations([
      gpuObservation({ price: "1" }),
      gpuObservation({ price: "2", product: "a100-sxm-80gb" }),
      gpuObservation({ price: "3", observedAt: "2026-05-03T12:00:00.000Z" }),
    ]);
    expect((await store.queryObservations({ products: ["h100-sxm-80gb"] })).map((o) => o.price)).toEqual(["1", "3"]);
    expect((await store.queryObservations({ from: "2026-05-02T00:00:00.000Z" })).map((o) => o.price)).toEqual(["3"]);
    const streamed: string[] = [];
    for await (const o of store.iterateObservations({})) streamed.push(o.price);
    expect(streamed).toEqual(["1", "2", "3"]);
    expect(await store.observationTimes({ products: ["h100-sxm-80gb"] })).toEqual(["2026-05-01T12:00:00.000Z", "2026-05-03T12:00:00.000Z"]);
  });

  it("appends fixings as revisions in a hash chain and refuses updates and deletes", async () => {
    const f1 = await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
    const f2 = await store.appendFixing(fixingDraft({ value: "3.0000", status: "republished", note: "correction" }), { publishedAt: "2026-05-01T17:00:00.000Z", sign });
    expect([f1.revision, f2.revision]).toEqual([1, 2]);
    expect(f2.prevHash).toBe(f1.hash);
    const { id: _id, hash, signature: _s, ...content } = f2;
    expect(fixingHash(content)).toBe(hash);
    expect((await store.getFixing("GPU-H100SXM-OD", "2026-05-01"))!.value).toBe("3.0000");
    expect((await store.getFixing("GPU-H100SXM-OD", "2026-05-01", "2026-05-01T16:30:00.000Z"))!.value).toBe("2.9900");
    expect(await store.getFixing("GPU-H100SXM-OD", "2026-05-01", "2026-05-01T15:00:00.000Z")).toBeNull();
    expect((await store.fixingRevisions("GPU-H100SXM-OD", "2026-05-01")).length).toBe(2);
  });

  it("records source runs as health", async () => {
    const run = await store.startRun("ecb", "2026-05-01T00:00:00.000Z");
    await store.finishRun(run, "2026-05-01T00:00:01.000Z", { status: "error", captures: 0, quotes: 0, observations: 0, skipped: 0, quarantined: 0, error: "HTTP 503" });
    const [h] = await store.sourceHealth();
    expect(h).toMatchObject({ sourceId: "ecb", lastStatus: "error", lastError: "HTTP 503", lastSuccessAt: null, runs: 1 });
  });
});

describe("sqlite files", () => {
  it("opens WAL on disk, and a read-only connection cannot write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cpi-store-"));
    try {
      const path = join(dir, "cpi.db");
      const writer = openStore(path);
      await writer.insertObservations([gpuObservation()]);
      const reader = openReadStore(path);
      expect(await reader.countObservations()).toBe(1);
      expect("insertObservations" in reader).toBe(false);
      await reader.close();
      await writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
