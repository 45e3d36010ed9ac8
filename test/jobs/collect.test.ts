// The collection pipeline against a local fake provider: stored bytes, health states, quarantine, recovery.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Store } from "../../src/db/index.ts";
import { createFetcher } from "../../src/collect/http.ts";
import { collectSource } from "../../src/jobs/collect.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { openrouter } from "../../src/sources/token/openrouter.ts";
import type { SourceDef } from "../../src/sources/types.ts";
import type { Fetcher } from "../../src/collect/fetch-types.ts";
import { startFakeServer, json, send, sequence, type FakeServer } from "../helpers/fake-server.ts";
import { scratchStore } from "../helpers/stores.ts";

function model(id: string, prompt: string, completion: string) {
  return { id, name: id, pricing: { prompt, completion }, architecture: { tokenizer: "GPT" }, context_length: 131072 };
}
const MODELS = Array.from({ length: 120 }, (_, i) => model(`vendor/model-${i}`, "0.0000001", "0.0000004"));

describe("collectSource", () => {
  let server: FakeServer;
  let store: Store;
  let fetcher: Fetcher;
  let source: SourceDef;
  let clock = Date.parse("2026-05-01T10:00:00Z");
  const deps = () => ({ store, fetcher, env: {}, now: () => new Date((clock += 1000)), log: silentLogger });

  beforeEach(async () => {
    server = await startFakeServer();
    store = scratchStore();
    fetcher = createFetcher({ retries: 1, backoffBaseMs: 1, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 }, { sleep: async () => {} });
    source = { ...openrouter, requests: () => [{ url: server.url("/api/v1/models") }] };
  });
  afterEach(async () => {
    await fetcher.close();
    await server.close();
    await store.close();
  });

  it("stores the capture, parses it, and reports a healthy run", async () => {
    server.route("/api/v1/models", json({ data: MODELS }));
    const r = await collectSource(source, deps());
    expect(r).toMatchObject({ status: "ok", captures: 1, quotes: 120, quarantined: 0 });
    expect(r.observations).toBe(120 * 3);
    const [capture] = await store.listCaptures({ sourceId: "openrouter" });
    expect(capture!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.sourceHealth())[0]).toMatchObject({ lastStatus: "ok", lastQuotes: 120 });
  });

  it("keeps the capture of HTML served as JSON, records why, and publishes nothing", async () => {
    server.route("/api/v1/models", send("<html><body>Just a moment...</body></html>", { headers: { "content-type": "text/html" } }));
    const r = await collectSource(source, deps());
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/capture \d+/);
    expect(r.observations).toBe(0);
    const [capture] = await store.listCaptures({ sourceId: "openrouter" });
    expect(capture!.parseError).toBeTruthy();
    expect(await store.countObservations()).toBe(0);
    expect((await store.listAnomalies())[0]!.kind).toBe("collection_error");
  });

  it("marks a sudden empty list as schema drift (degraded) and recovers on the next run", async () => {
    server.route("/api/v1/models", sequence(json({ data: [] }), json({ data: MODELS })));
    const first = await collectSource(source, deps());
    expect(first.status).toBe("degraded");
    expect((await store.listAnomalies())[0]!.kind).toBe("schema_drift");
    const second = await collectSource(source, deps());
    expect(second.status).toBe("ok");
    expect((await store.sourceHealth())[0]!.lastStatus).toBe("ok");
  });

  it("records persistent 5xx as an error without a capture, and recovers", async () => {
    server.route("/api/v1/models", sequence(send("down", { status: 503 }), send("down", { status: 503 }), json({ data: MODELS })));
    const first = await collectSource(source, deps());
    expect(first).toMatchObject({ status: "error", captures: 0 });
    expect(first.error).toMatch(/503/);
    expect((await collectSource(source, deps())).status).toBe("ok");
  });

  it("uses conditional GET: an unchanged page costs a 304, and its stored bytes are observed again", async () => {
    let calls = 0;
    server.route("/api/v1/models", (req, res) => {
      calls++;
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", etag: '"v1"' }).end(JSON.stringify({ data: MODELS }));
    });
    expect((await collectSource(source, deps())).status).toBe("ok");
    const again = await collectSource(source, deps());
    expect(again.status).toBe("not_modified");
    expect(calls).toBe(2);
    // A new capture of the same blob (http status 304), so the series stays fresh for the next fixing.
    const captures = await store.listCaptures({});
    expect(captures.length).toBe(2);
    expect(captures.map((c) => c.httpStatus).sort()).toEqual([200, 304]);
    expect(new Set(captures.map((c) => c.sha256)).size).toBe(1);
    expect(again.observations).toBeGreaterThan(0);
  });

  it("quarantines a price 10x off the provider's previous quote", async () => {
    const jumped = MODELS.map((m, i) => (i === 0 ? model(m.id, "0.00001", "0.00004") : m));
    server.route("/api/v1/models", sequence(json({ data: MODELS }), json({ data: jumped })));
    await collectSource(source, deps());
    const r = await collectSource(source, deps());
    expect(r.quarantined).toBe(1);
    expect(r.observations).toBe(119 * 3);
  });

  it("lists a keyed source without its key as disabled, without fetching", async () => {
    const keyed: SourceDef = { ...source, id: "keyed", requiresKey: { env: "CPI_TEST_KEY", reason: "needs a key" } };
    const r = await collectSource(keyed, deps());
    expect(r.status).toBe("disabled");
    expect(r.error).toMatch(/CPI_TEST_KEY/);
    expect(server.requests.length).toBe(0);
  });
});
