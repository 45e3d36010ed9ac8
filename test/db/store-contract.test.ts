// One contract for every Store: each behaviour runs against SQLite and PostgreSQL (when a server is reachable).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { OBSERVATION_EXPORT_COLUMNS, openReadStore, openStore, type Store } from "../../src/db/index.ts";
import { fixingHash, GENESIS_HASH, settlementHash } from "../../src/index/chain.ts";
import { gpuObservation, fixingDraft, settlementDraft } from "../helpers/observations.ts";
import { adminQuery, createTestSchema } from "../helpers/pg.ts";
import { storeKinds, type StoreKind } from "../helpers/stores.ts";

const sign = (h: string) => `test:${h.slice(0, 8)}`;
const T0 = "2026-05-01T00:00:00.000Z";

interface Opened {
  store: Store;
  target: string;
  /** Run SQL straight on the database, around the Store (to prove what the database itself refuses). */
  raw(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A file-backed SQLite or a fresh PostgreSQL schema, so raw SQL can reach the same data. */
async function open(kind: StoreKind): Promise<Opened> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cpi-contract-"));
    const target = join(dir, "cpi.db");
    const store = openStore(target);
    return {
      store,
      target,
      raw: async (sql) => {
        const db = new Database(target);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const store = openStore(schema.url);
  return {
    store,
    target: schema.url,
    raw: async (sql) => void (await adminQuery(`SET search_path = ${schema.name}; ${sql}`)),
    cleanup: async () => {
      await store.close();
      await schema.drop();
    },
  };
}

describe.each(storeKinds)("store contract: %s", (kind) => {
  let o: Opened;
  let store: Store;
  beforeEach(async () => {
    o = await open(kind);
    store = o.store;
  });
  afterEach(async () => o.cleanup());

  it("stores capture bytes once per sha256 and returns every byte value intact", async () => {
    const bytes = new Uint8Array(512).map((_, i) => i % 256);
    const a = await store.putCapture({ sourceId: "openrouter", url: "https://x/a", fetchedAt: T0, httpStatus: 200, contentType: "application/octet-stream", bytes });
    const b = await store.putCapture({ sourceId: "openrouter", url: "https://x/a", fetchedAt: "2026-05-01T01:00:00.000Z", httpStatus: 304, contentType: null, bytes });
    expect(a.sha256).toBe(b.sha256);
    expect(b.id).toBeGreaterThan(a.id);
    expect(Buffer.from((await store.getCapture(b.id))!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(await store.getCaptureMeta(a.id)).toEqual(a);
    expect(await store.getCapture(999_999)).toBeNull();
    await store.putCapture({ sourceId: "ecb", url: "https://x/b", fetchedAt: T0, httpStatus: 200, contentType: "text/xml", bytes: new Uint8Array() });
    expect((await store.listCaptures({})).map((c) => c.sourceId)).toEqual(["ecb", "openrouter", "openrouter"]);
    expect((await store.listCaptures({ sourceId: "openrouter", limit: 1 })).map((c) => c.id)).toEqual([b.id]);
  });

  it("ingests a capture once: quotes, quarantine, skips and observations together", async () => {
    const meta = await store.putCapture({ sourceId: "t", url: "u", fetchedAt: T0, httpStatus: 200, contentType: null, bytes: new Uint8Array([1]) });
    const quote = { kind: "fx" as const, provider: "ecb", base: "EUR", quote: "USD", rate: "1.1", date: "2026-05-01", locator: "x" };
    const record = {
      captureId: meta.id, parsedAt: "2026-05-01T00:00:01.000Z", parseError: null,
      quotes: [
        { quote, quarantineReason: null, observations: [gpuObservation({ captureId: meta.id }), gpuObservation({ captureId: meta.id, price: "3.10" })] },
        { quote: { ...quote, locator: "y" }, quarantineReason: "jump", observations: [] },
      ],
      skipped: [{ locator: "row 2", reason: "no price" }],
    };
    expect(await store.recordIngest(record)).toEqual({ quotes: 2, observations: 2, quarantined: 1, skipped: 1 });
    expect(await store.recordIngest(record)).toEqual({ quotes: 0, observations: 0, quarantined: 0, skipped: 0 });
    expect((await store.queryObservations({})).map((x) => [x.captureId, x.price])).toEqual([[meta.id, "2.99"], [meta.id, "3.10"]]);
    const failed = await store.putCapture({ sourceId: "t", url: "u2", fetchedAt: T0, httpStatus: 200, contentType: null, bytes: new Uint8Array([2]) });
    await store.recordIngest({ captureId: failed.id, parsedAt: T0, parseError: "bad json", quotes: [], skipped: [] });
    expect((await store.getCaptureMeta(failed.id))!.parseError).toBe("bad json");
    await expect(store.recordIngest({ ...record, captureId: 424242 })).rejects.toThrow(/does not exist/);
  });

  it("filters, pages and streams observations", async () => {
    await store.insertObservations([
      gpuObservation({ price: "1", attrs: { nested: { a: [1, "x"] } } }),
      gpuObservation({ price: "2", product: "a100-sxm-80gb", provider: "nebius", region: null }),
      gpuObservation({ price: "3", observedAt: "2026-05-03T12:00:00.000Z", term: "spot" }),
      gpuObservation({ price: "4", kind: "token", product: "m", metric: "input", unit: "USD/1M tokens", tier: "historical_import", source: "s2" }),
    ]);
    const prices = async (f: Parameters<Store["queryObservations"]>[0]) => (await store.queryObservations(f)).map((x) => x.price);
    expect(await prices({ products: ["h100-sxm-80gb"] })).toEqual(["1", "3"]);
    expect(await prices({ from: "2026-05-02T00:00:00.000Z" })).toEqual(["3"]);
    expect(await prices({ to: "2026-05-02T00:00:00.000Z", kind: "gpu" })).toEqual(["1", "2"]);
    expect(await prices({ provider: "nebius" })).toEqual(["2"]);
    expect(await prices({ kind: "gpu", region: "us-east-1", term: "on_demand" })).toEqual(["1"]);
    expect(await prices({ metric: "input", tier: "historical_import", source: "s2", providerTier: "neocloud" })).toEqual(["4"]);
    const all = await store.queryObservations({});
    expect(all[0]!.attrs).toEqual({ nested: { a: [1, "x"] } });
    expect(all[1]!.region).toBeNull();
    expect(await prices({ afterId: all[0]!.id, limit: 2 })).toEqual(["2", "3"]);
    expect(await prices({ maxId: all[1]!.id })).toEqual(["1", "2"]);
    const streamed: string[] = [];
    for await (const x of store.iterateObservations({ kind: "gpu" })) streamed.push(x.price);
    expect(streamed).toEqual(["1", "2", "3"]);
    // The export path: stored values in OBSERVATION_EXPORT_COLUMNS order, the same rows as the objects.
    const records: (readonly unknown[])[] = [];
    for await (const page of store.iterateObservationRecords({ kind: "gpu" })) records.push(...page);
    const objects = all.filter((o) => o.kind === "gpu");
    expect(records).toEqual(objects.map((o) => [o.id, o.observedAt, o.source, o.provider, o.providerTier, o.kind, o.product, o.rawName, o.metric,
      o.quantization, o.term, o.region, o.unit, o.currency, o.price, o.tier, o.volume, o.captureId, JSON.stringify(o.attrs)]));
    expect(OBSERVATION_EXPORT_COLUMNS).toHaveLength(records[0]!.length);
    const paged: number[] = [];
    for await (const page of store.iterateObservationRecords({ afterId: all[0]!.id, limit: 2 })) paged.push(...page.map((r) => r[0] as number));
    expect(paged).toEqual([all[1]!.id, all[2]!.id]);
    expect((await store.getObservations([all[2]!.id, all[0]!.id, 999_999])).map((x) => x.price)).toEqual(["1", "3"]);
    expect(await store.countObservations()).toBe(4);
    expect(await store.countObservations({ kind: "gpu" })).toBe(3);
    expect(await store.maxObservationId()).toBe(all[3]!.id);
    expect(await store.observationTimes({ products: ["h100-sxm-80gb"] })).toEqual(["2026-05-01T12:00:00.000Z", "2026-05-03T12:00:00.000Z"]);
  });

  it("keeps resumable progress in the insert's transaction", async () => {
    await store.insertObservations([gpuObservation()], { key: "bundle_progress", value: "1" });
    await store.insertObservations([gpuObservation()], { key: "bundle_progress", value: "2" });
    expect(await store.getMeta("bundle_progress")).toBe("2");
    expect(await store.getMeta("nothing")).toBeNull();
    await store.setMeta("k", "v1");
    await store.setMeta("k", "v2");
    expect(await store.getMeta("k")).toBe("v2");
  });

  it("finds the previous price, matching null terms and regions", async () => {
    await store.insertObservations([
      gpuObservation({ price: "1", observedAt: "2026-05-01T12:00:00.000Z", region: null }),
      gpuObservation({ price: "2", observedAt: "2026-05-02T12:00:00.000Z", region: null }),
      gpuObservation({ price: "9", observedAt: "2026-05-02T12:00:00.000Z" }),
    ]);
    const key = { source: "test", provider: "lambda", rawName: "gpu_8x_h100_sxm5", metric: "gpu_hour", term: "on_demand", region: null };
    expect(await store.previousPrice({ ...key, before: "2026-05-03T00:00:00.000Z" })).toBe("2");
    expect(await store.previousPrice({ ...key, before: "2026-05-02T00:00:00.000Z" })).toBe("1");
    expect(await store.previousPrice({ ...key, region: "us-east-1", before: "2026-05-03T00:00:00.000Z" })).toBe("9");
    expect(await store.previousPrice({ ...key, before: "2026-05-01T00:00:00.000Z" })).toBeNull();
  });

  it("lists unmapped names per source with their reason", async () => {
    await store.insertObservations([
      gpuObservation({ product: "unclassified", rawName: "mystery", attrs: { unmappedReason: "no rule" } }),
      gpuObservation({ product: "unclassified", rawName: "mystery", observedAt: "2026-05-02T12:00:00.000Z", attrs: { unmappedReason: "no rule" } }),
      gpuObservation({ product: "unclassified", rawName: "other" }),
    ]);
    expect(await store.unmapped()).toEqual([
      { source: "test", kind: "gpu", rawName: "mystery", count: 2, lastSeen: "2026-05-02T12:00:00.000Z", reason: "no rule" },
      { source: "test", kind: "gpu", rawName: "other", count: 1, lastSeen: "2026-05-01T12:00:00.000Z", reason: null },
    ]);
  });

  it("appends fixings as revisions in one hash chain, readable by date, range and as-of time", async () => {
    expect(await store.lastChainHash()).toBe(GENESIS_HASH);
    const f1 = await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
    const f2 = await store.appendFixing(fixingDraft({ value: "3.0000", status: "republished", note: "correction" }), { publishedAt: "2026-05-01T17:00:00.000Z", sign });
    const d2 = await store.appendFixing(fixingDraft({ fixingDate: "2026-05-02", value: null, status: "fallback" }), { publishedAt: "2026-05-02T16:00:05.000Z", sign });
    const d3 = await store.appendFixing(fixingDraft({ fixingDate: "2026-05-03", value: "3.1000" }), { publishedAt: "2026-05-03T16:00:05.000Z", sign });
    expect([f1.revision, f2.revision, d2.revision]).toEqual([1, 2, 1]);
    expect(f2.prevHash).toBe(f1.hash);
    const { id: _id, hash, signature: _s, ...content } = f2;
    expect(fixingHash(content)).toBe(hash);
    expect(await store.lastChainHash()).toBe(d3.hash);
    const code = "GPU-H100SXM-OD";
    expect((await store.getFixing(code, "2026-05-01"))!.value).toBe("3.0000");
    expect((await store.getFixing(code, "2026-05-01", "2026-05-01T16:30:00.000Z"))!.value).toBe("2.9900");
    expect(await store.getFixing(code, "2026-05-01", "2026-05-01T15:00:00.000Z")).toBeNull();
    expect(await store.getFixing("OTHER", "2026-05-01")).toBeNull();
    expect((await store.fixingRevisions(code, "2026-05-01")).map((f) => f.revision)).toEqual([1, 2]);
    expect((await store.latestFixing(code))!.fixingDate).toBe("2026-05-03");
    expect((await store.latestFixing(code, "2026-05-02T20:00:00.000Z"))!.fixingDate).toBe("2026-05-02");
    expect((await store.latestValuedFixing(code, "2026-05-02T20:00:00.000Z"))!.value).toBe("3.0000");
    const dates = async (q: Parameters<Store["fixingHistory"]>[1]) => (await store.fixingHistory(code, q)).map((f) => `${f.fixingDate}/${f.revision}`);
    expect(await dates({})).toEqual(["2026-05-01/2", "2026-05-02/1", "2026-05-03/1"]);
    expect(await dates({ from: "2026-05-02", to: "2026-05-02" })).toEqual(["2026-05-02/1"]);
    expect(await dates({ afterDate: "2026-05-01", limit: 1 })).toEqual(["2026-05-02/1"]);
    // The status filter applies to the latest revision: 05-01's latest is republished, so "final" skips it.
    expect(await dates({ status: ["final"] })).toEqual(["2026-05-03/1"]);
    expect(await dates({ status: ["final"], asOf: "2026-05-01T16:30:00.000Z" })).toEqual(["2026-05-01/1"]);
    const chain = [];
    for await (const f of store.iterateFixingChain()) chain.push(f);
    expect(chain.map((f) => f.hash)).toEqual([f1.hash, f2.hash, d2.hash, d3.hash]);
    expect(chain.every((f) => f.columnMismatch === undefined)).toBe(true);
    expect(chain[3]).toEqual(d3);
  });

  it("with ifAbsent, publishes a date once and returns the existing publication", async () => {
    const first = await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign, ifAbsent: true });
    const again = await store.appendFixing(fixingDraft({ value: "9.0000" }), { publishedAt: "2026-05-01T16:00:06.000Z", sign, ifAbsent: true });
    expect(again).toEqual(first);
    expect((await store.fixingRevisions("GPU-H100SXM-OD", "2026-05-01")).length).toBe(1);
  });

  it("the database itself refuses updates and deletes of fixings and the audit log", async () => {
    await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
    await store.addAudit({ at: T0, actor: "ops", action: "correct", target: "X 2026-05-01", reason: "typo" });
    await expect(o.raw("UPDATE fixings SET value = '1'")).rejects.toThrow(/append-only/);
    await expect(o.raw("DELETE FROM fixings")).rejects.toThrow(/append-only/);
    await expect(o.raw("UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(o.raw("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    expect((await store.listAudit()).map((a) => a.reason)).toEqual(["typo"]);
    expect((await store.getFixing("GPU-H100SXM-OD", "2026-05-01"))!.value).toBe("2.9900");
  });

  it("appends final settlements once per contract month on their own signed hash chain", async () => {
    expect(await store.lastSettlementHash()).toBe(GENESIS_HASH);
    await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
    const dec = await store.appendSettlement(settlementDraft(), { publishedAt: "2027-01-05T16:00:01.000Z", sign, ifAbsent: true });
    const again = await store.appendSettlement(settlementDraft({ value: "9.9999" }), { publishedAt: "2027-01-06T16:00:01.000Z", sign, ifAbsent: true });
    expect(again).toEqual(dec);
    const jan = await store.appendSettlement(settlementDraft({ month: "2027-01", value: null, method: "none" }), { publishedAt: "2027-02-02T16:00:01.000Z", sign, ifAbsent: true });
    const other = await store.appendSettlement(settlementDraft({ contract: "GPU-B200-OD", indexCode: "GPU-B200-OD" }), { publishedAt: "2027-01-05T16:00:02.000Z", sign, ifAbsent: true });
    // One chain for settlements, apart from the fixings' chain.
    expect([dec.prevHash, jan.prevHash, other.prevHash]).toEqual([GENESIS_HASH, dec.hash, jan.hash]);
    expect([dec.revision, dec.signature]).toEqual([1, sign(dec.hash)]);
    const { id: _id, hash, signature: _s, ...content } = jan;
    expect(settlementHash(content)).toBe(hash);
    expect(await store.lastSettlementHash()).toBe(other.hash);
    expect((await store.latestSettlement("GPU-H100SXM-OD", "2026-12"))!.value).toBe("2.4000");
    expect(await store.latestSettlement("GPU-H100SXM-OD", "2026-12", "2027-01-05T16:00:00.000Z")).toBeNull();
    expect(await store.latestSettlement("GPU-H100SXM-OD", "2027-02")).toBeNull();
    // Without ifAbsent (an administrator's determination) a new revision; the list shows the latest of each month.
    const rev2 = await store.appendSettlement(settlementDraft({ month: "2027-01", value: "2.5000", method: "fallback_previous_settlement" }), { publishedAt: "2027-02-03T10:00:00.000Z", sign });
    expect(rev2.revision).toBe(2);
    const list = async (q: Parameters<Store["listSettlements"]>[0]) => (await store.listSettlements(q)).map((s) => `${s.contract} ${s.month}/${s.revision}`);
    expect(await list({})).toEqual(["GPU-B200-OD 2026-12/1", "GPU-H100SXM-OD 2026-12/1", "GPU-H100SXM-OD 2027-01/2"]);
    expect(await list({ contract: "GPU-H100SXM-OD", afterMonth: "2026-12" })).toEqual(["GPU-H100SXM-OD 2027-01/2"]);
    expect(await list({ contract: "GPU-H100SXM-OD", limit: 1 })).toEqual(["GPU-H100SXM-OD 2026-12/1"]);
    const chain = [];
    for await (const s of store.iterateSettlementChain()) chain.push(s);
    expect(chain.map((s) => s.hash)).toEqual([dec.hash, jan.hash, other.hash, rev2.hash]);
    expect(chain.every((s) => s.columnMismatch === undefined)).toBe(true);
    expect(chain[0]).toEqual(dec);
    await expect(o.raw("UPDATE settlements SET value = '1'")).rejects.toThrow(/append-only/);
    await expect(o.raw("DELETE FROM settlements")).rejects.toThrow(/append-only/);
  });

  it("concurrent freezes of one contract month store one final", async () => {
    const runs = await Promise.all([1, 2, 3, 4].map((i) => store.appendSettlement(settlementDraft({ value: `2.400${i}` }), { publishedAt: `2027-01-05T16:00:0${i}.000Z`, sign, ifAbsent: true })));
    expect(new Set(runs.map((r) => r.hash)).size).toBe(1);
    expect((await store.listSettlements({})).length).toBe(1);
  });

  it("lists restatements: each later revision beside the value it replaced, filtered and paged", async () => {
    await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
    await store.appendFixing(fixingDraft({ fixingDate: "2026-05-02" }), { publishedAt: "2026-05-02T16:00:05.000Z", sign });
    const r1 = await store.appendFixing(fixingDraft({ value: "3.0000", status: "republished", note: "correction: late input" }), { publishedAt: "2026-05-03T09:00:00.000Z", sign });
    await store.appendFixing(fixingDraft({ value: "3.1000", status: "republished", note: "second" }), { publishedAt: "2026-05-04T09:00:00.000Z", sign });
    await store.appendFixing(fixingDraft({ indexCode: "GPU-B200-OD", fixingDate: "2026-05-02" }), { publishedAt: "2026-05-02T16:00:05.000Z", sign });
    await store.appendFixing(fixingDraft({ indexCode: "GPU-B200-OD", fixingDate: "2026-05-02", value: null, status: "fallback" }), { publishedAt: "2026-05-05T09:00:00.000Z", sign });
    const all = await store.listRestatements({});
    expect(all.map((r) => [r.indexCode, r.fixingDate, r.revision, r.oldValue, r.newValue])).toEqual([
      ["GPU-H100SXM-OD", "2026-05-01", 2, "2.9900", "3.0000"],
      ["GPU-H100SXM-OD", "2026-05-01", 3, "3.0000", "3.1000"],
      ["GPU-B200-OD", "2026-05-02", 2, "2.9900", null],
    ]);
    expect(all[0]).toEqual({
      id: r1.id, indexCode: "GPU-H100SXM-OD", fixingDate: "2026-05-01", revision: 2, oldValue: "2.9900", newValue: "3.0000", oldStatus: "final", newStatus: "republished",
      reason: "correction: late input", publishedAt: "2026-05-01T16:00:05.000Z", restatedAt: "2026-05-03T09:00:00.000Z", methodologyVersion: "1.0.0", hash: r1.hash,
    });
    const revs = async (q: Parameters<Store["listRestatements"]>[0]) => (await store.listRestatements(q)).map((r) => `${r.indexCode}/${r.revision}`);
    expect(await revs({ indexCode: "GPU-B200-OD" })).toEqual(["GPU-B200-OD/2"]);
    expect(await revs({ from: "2026-05-02", to: "2026-05-31" })).toEqual(["GPU-B200-OD/2"]);
    expect(await revs({ restatedAfter: "2026-05-03T09:00:00.000Z" })).toEqual(["GPU-H100SXM-OD/3", "GPU-B200-OD/2"]);
    expect(await revs({ afterId: r1.id, limit: 1 })).toEqual(["GPU-H100SXM-OD/3"]);
  });

  it("records source runs as health, anomalies, the audit log and HTTP validators", async () => {
    const run = await store.startRun("ecb", T0);
    await store.finishRun(run, "2026-05-01T00:00:01.000Z", { status: "error", captures: 0, quotes: 0, observations: 0, skipped: 0, quarantined: 0, error: "HTTP 503" });
    const ok = await store.startRun("ecb", "2026-05-01T01:00:00.000Z");
    await store.finishRun(ok, "2026-05-01T01:00:01.000Z", { status: "ok", captures: 1, quotes: 5, observations: 4, skipped: 1, quarantined: 0, error: null });
    expect(await store.sourceHealth()).toEqual([{
      sourceId: "ecb", runs: 2, lastRunAt: "2026-05-01T01:00:00.000Z", lastStatus: "ok", lastSuccessAt: "2026-05-01T01:00:01.000Z",
      lastErrorAt: "2026-05-01T00:00:01.000Z", lastError: "HTTP 503", lastQuotes: 5, lastObservations: 4,
    }]);
    await store.addAnomaly({ sourceId: "ecb", at: T0, kind: "drift", message: "a" });
    await store.addAnomaly({ sourceId: "ecb", at: T0, kind: "drift", message: "b" });
    expect((await store.listAnomalies(1)).map((a) => a.message)).toEqual(["b"]);
    await store.addAudit({ at: T0, actor: "ops", action: "rotate-key", target: "k1", reason: "schedule" });
    expect(await store.listAudit()).toEqual([{ id: expect.any(Number), at: T0, actor: "ops", action: "rotate-key", target: "k1", reason: "schedule" }]);
    expect(await store.getHttpCache("https://x")).toBeNull();
    await store.setHttpCache("https://x", { etag: "\"1\"", lastModified: null, captureId: null, at: T0 });
    await store.setHttpCache("https://x", { etag: "\"2\"", lastModified: "Fri, 01 May 2026 00:00:00 GMT", captureId: null, at: T0 });
    expect(await store.getHttpCache("https://x")).toEqual({ etag: "\"2\"", lastModified: "Fri, 01 May 2026 00:00:00 GMT", captureId: null });
  });

  it("moves the data version on every committed write, seen by a separate read-only connection", async () => {
    await store.lastChainHash(); // the writer has created the schema
    const reader = openReadStore(o.target);
    try {
      const v0 = await reader.dataVersion();
      expect(await reader.dataVersion()).toBe(v0);
      await store.insertObservations([gpuObservation()]);
      const v1 = await reader.dataVersion();
      expect(v1).not.toBe(v0);
      await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign });
      expect(await reader.dataVersion()).not.toBe(v1);
      expect(await reader.countObservations()).toBe(1);
      expect("insertObservations" in reader).toBe(false);
    } finally {
      await reader.close();
    }
  });
});
