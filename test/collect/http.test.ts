// Fetcher against a real local server: success, retries, Retry-After, redirects, conditional GET, concurrency.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFetcher, expectContentType, USER_AGENT, type FetchOptions, type Fetcher } from "../../src/collect/http.ts";
import { delayed, hangUp, json, redirect, send, sequence, startFakeServer, type FakeServer } from "../helpers/fake-server.ts";

let server: FakeServer;
let fetcher: Fetcher | null = null;
let slept: number[];

beforeEach(async () => {
  server = await startFakeServer();
  slept = [];
});
afterEach(async () => {
  await fetcher?.close();
  fetcher = null;
  await server.close();
});

function make(options: Partial<FetchOptions> = {}, now?: () => number): Fetcher {
  fetcher = createFetcher(options, { sleep: async (ms) => void slept.push(ms), random: () => 0.5, ...(now ? { now } : {}) });
  return fetcher;
}

describe("fetcher: happy path", () => {
  it("returns a 200 JSON body with its metadata and sends our User-Agent and Accept-Encoding", async () => {
    server.route("/prices", json({ gpu: "H100", usd: "2.49" }, { headers: { etag: '"v1"', "last-modified": "Tue, 01 Jul 2025 00:00:00 GMT" } }));
    const out = await make().fetch({ url: server.url("/prices") });
    expect(out.kind).toBe("ok");
    if (out.kind !== "ok") return;
    expect(out.status).toBe(200);
    expect(out.contentType).toBe("application/json");
    expect(JSON.parse(Buffer.from(out.bytes).toString("utf8"))).toEqual({ gpu: "H100", usd: "2.49" });
    expect(out.etag).toBe('"v1"');
    expect(out.lastModified).toBe("Tue, 01 Jul 2025 00:00:00 GMT");
    expect(out.attempts).toBe(1);
    expect(out.finalUrl).toBe(server.url("/prices"));
    expect(expectContentType(out, ["application/json"])).toBeNull();
    const seen = server.requests[0]!.headers;
    expect(seen["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^cpi\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/cpi-index\/cpi; open compute price index\)$/);
    expect(seen["accept-encoding"]).toBe("gzip, br");
  });

  it("returns an empty 200 body as ok with zero bytes", async () => {
    server.route("/empty", send("", { headers: { "content-type": "application/json" } }));
    const out = await make().fetch({ url: server.url("/empty") });
    expect(out).toMatchObject({ kind: "ok", status: 200 });
    if (out.kind === "ok") expect(out.bytes.length).toBe(0);
  });

  it("passes caller headers through", async () => {
    server.route("/h", json({}));
    await make().fetch({ url: server.url("/h"), headers: { "X-Client": "cpi-test", Accept: "application/json" } });
    expect(server.requests[0]!.headers["x-client"]).toBe("cpi-test");
    expect(server.requests[0]!.headers["accept"]).toBe("application/json");
  });
});

describe("fetcher: retries", () => {
  it("recovers from a 500 on the second attempt", async () => {
    server.route("/flaky", sequence(send("oops", { status: 500 }), json({ ok: true })));
    const out = await make().fetch({ url: server.url("/flaky") });
    expect(out).toMatchObject({ kind: "ok", attempts: 2 });
    expect(slept).toEqual([250]); // full jitter with random()=0.5 on a 500 ms base
  });

  it("gives up on a persistent 503 after 1 + retries attempts with exponential backoff", async () => {
    server.route("/down", send("busy", { status: 503 }));
    const out = await make().fetch({ url: server.url("/down") });
    expect(out).toMatchObject({ kind: "error", status: 503, error: "HTTP 503 after 4 attempts", retryable: true, attempts: 4 });
    expect(server.hits("/down")).toBe(4);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it("caps backoff at backoffMaxMs", async () => {
    server.route("/down", send("busy", { status: 502 }));
    await make({ retries: 5, backoffBaseMs: 1000, backoffMaxMs: 3000 }).fetch({ url: server.url("/down") });
    expect(slept).toEqual([500, 1000, 1500, 1500, 1500]);
  });

  it("retries 408 but not other 4xx", async () => {
    server.route("/timeout", sequence(send("", { status: 408 }), json({})));
    expect(await make().fetch({ url: server.url("/timeout") })).toMatchObject({ kind: "ok", attempts: 2 });
    server.route("/missing", send("no", { status: 404 }));
    server.route("/forbidden", send("no", { status: 403 }));
    expect(await fetcher!.fetch({ url: server.url("/missing") })).toMatchObject({ kind: "error", status: 404, error: "HTTP 404", retryable: false, attempts: 1 });
    expect(await fetcher!.fetch({ url: server.url("/forbidden") })).toMatchObject({ kind: "error", status: 403, retryable: false, attempts: 1 });
    expect(server.hits("/missing") + server.hits("/forbidden")).toBe(2);
  });

  it("honours Retry-After in seconds on 429", async () => {
    server.route("/limited", sequence(send("slow down", { status: 429, headers: { "retry-after": "7" } }), json({})));
    const out = await make().fetch({ url: server.url("/limited") });
    expect(out).toMatchObject({ kind: "ok", attempts: 2 });
    expect(slept).toEqual([7000]);
  });

  it("honours Retry-After as an HTTP date, and caps it", async () => {
    const now = Date.UTC(2025, 6, 1, 12, 0, 0);
    const at = new Date(now + 9000).toUTCString();
    server.route("/dated", sequence(send("", { status: 429, headers: { "retry-after": at } }), json({})));
    server.route("/greedy", sequence(send("", { status: 503, headers: { "retry-after": "86400" } }), json({})));
    const f = make({}, () => now);
    expect(await f.fetch({ url: server.url("/dated") })).toMatchObject({ kind: "ok" });
    expect(await f.fetch({ url: server.url("/greedy") })).toMatchObject({ kind: "ok" });
    expect(slept).toEqual([9000, 300_000]);
  });

  it("falls back to backoff on 429 without a usable Retry-After", async () => {
    server.route("/limited", sequence(send("", { status: 429, headers: { "retry-after": "soon" } }), json({})));
    expect(await make().fetch({ url: server.url("/limited") })).toMatchObject({ kind: "ok", attempts: 2 });
    expect(slept).toEqual([250]);
  });

  it("retries a dropped connection", async () => {
    server.route("/reset", sequence(hangUp(), json({ ok: 1 })));
    expect(await make().fetch({ url: server.url("/reset") })).toMatchObject({ kind: "ok", attempts: 2 });
  });

  it("reports a refused connection as a retryable error after all attempts", async () => {
    const gone = await startFakeServer();
    const url = gone.url("/x");
    await gone.close();
    const out = await make().fetch({ url });
    expect(out).toMatchObject({ kind: "error", status: null, retryable: true, attempts: 4 });
    if (out.kind === "error") expect(out.error).toMatch(/^connection refused \(ECONNREFUSED\) after 4 attempts$/);
  });
});

describe("fetcher: redirects", () => {
  it("follows a chain within the limit and reports the final URL", async () => {
    server.route("/a", redirect("/b", 301));
    server.route("/b", redirect(server.url("/c"), 307));
    server.route("/c", json({ end: true }));
    const out = await make().fetch({ url: server.url("/a") });
    expect(out).toMatchObject({ kind: "ok", url: server.url("/a"), finalUrl: server.url("/c") });
  });

  it("detects a redirect loop", async () => {
    server.route("/ping", redirect("/pong"));
    server.route("/pong", redirect("/ping"));
    const out = await make().fetch({ url: server.url("/ping") });
    expect(out).toMatchObject({ kind: "error", retryable: false, attempts: 1 });
    if (out.kind === "error") expect(out.error).toBe(`redirect loop at ${server.url("/ping")}`);
  });

  it("stops after maxRedirects", async () => {
    for (let i = 0; i < 10; i++) server.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    const out = await make({ maxRedirects: 5 }).fetch({ url: server.url("/hop0") });
    expect(out).toMatchObject({ kind: "error", error: "too many redirects (more than 5)", retryable: false });
    expect(server.hits("/hop5")).toBe(1);
    expect(server.hits("/hop6")).toBe(0);
  });

  it("does not carry Authorization to another origin", async () => {
    const other = await startFakeServer({ "/land": json({}) });
    try {
      server.route("/go", redirect(other.url("/land")));
      const out = await make().fetch({ url: server.url("/go"), headers: { Authorization: "Bearer s3cr3t-token" } });
      expect(out.kind).toBe("ok");
      expect(server.requests[0]!.headers["authorization"]).toBe("Bearer s3cr3t-token");
      expect(other.requests[0]!.headers["authorization"]).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("fetcher: conditional GET", () => {
  it("sends If-None-Match / If-Modified-Since and returns not_modified on 304", async () => {
    server.route("/cond", (req, res) => {
      if (req.headers["if-none-match"] === '"v7"') res.writeHead(304).end();
      else json({ fresh: true })(req, res, { hit: 1, wait: async () => true });
    });
    const lastModified = "Tue, 01 Jul 2025 00:00:00 GMT";
    const out = await make().fetch({ url: server.url("/cond"), etag: '"v7"', lastModified });
    expect(out).toMatchObject({ kind: "not_modified", status: 304, attempts: 1 });
    expect(server.requests[0]!.headers["if-modified-since"]).toBe(lastModified);
    expect(await fetcher!.fetch({ url: server.url("/cond"), etag: '"v6"' })).toMatchObject({ kind: "ok" });
    expect(await fetcher!.fetch({ url: server.url("/cond") })).toMatchObject({ kind: "ok" });
    expect(server.requests[2]!.headers["if-none-match"]).toBeUndefined();
  });
});

describe("fetcher: per-host concurrency", () => {
  it("never has more than perHostConcurrency requests in flight to one host", async () => {
    server.route("/slow", delayed(60, json({})));
    const f = make({ perHostConcurrency: 2 });
    const outs = await Promise.all(Array.from({ length: 7 }, () => f.fetch({ url: server.url("/slow") })));
    expect(outs.every((o) => o.kind === "ok")).toBe(true);
    expect(server.hits("/slow")).toBe(7);
    expect(server.maxConcurrent).toBeLessThanOrEqual(2);
    expect(server.maxConcurrent).toBeGreaterThanOrEqual(1);
  });
});

describe("fetcher: content types", () => {
  it("returns HTML served where JSON was expected as ok; expectContentType says no", async () => {
    server.route("/challenge", send("<!doctype html><title>Just a moment...</title>", { headers: { "content-type": "text/html; charset=UTF-8" } }));
    const out = await make().fetch({ url: server.url("/challenge") });
    expect(out).toMatchObject({ kind: "ok", contentType: "text/html; charset=UTF-8" });
    expect(expectContentType(out, ["application/json"])).toBe("expected application/json, got text/html; charset=UTF-8");
    expect(expectContentType(out, ["application/json", "text/*"])).toBeNull();
  });

  it("flags a wrong or missing content type", async () => {
    server.route("/plain", send("{}", { headers: { "content-type": "text/plain" } }));
    server.route("/none", send("{}"));
    const f = make();
    expect(expectContentType(await f.fetch({ url: server.url("/plain") }), ["application/json"])).toBe("expected application/json, got text/plain");
    expect(expectContentType(await f.fetch({ url: server.url("/none") }), ["application/json"])).toBe("expected application/json, got no Content-Type");
  });
});
