// Fetcher against a hostile server: timeouts, stalls, truncation, oversize bodies, decompression bombs, secrets.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFetcher, type FetchOptions, type Fetcher, type FetchOutcome } from "../../src/collect/http.ts";
import { chunks, cutShort, delayed, json, raw, send, startFakeServer, type FakeServer } from "../helpers/fake-server.ts";

let server: FakeServer;
let fetcher: Fetcher | null = null;

beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await fetcher?.close();
  fetcher = null;
  await server.close();
});

function make(options: Partial<FetchOptions> = {}): Fetcher {
  fetcher = createFetcher({ retries: 0, ...options }, { sleep: async () => undefined, random: () => 0.5 });
  return fetcher;
}

function errorOf(out: FetchOutcome): string {
  expect(out.kind).toBe("error");
  return out.kind === "error" ? out.error : "";
}

function text(out: FetchOutcome): string {
  expect(out.kind).toBe("ok");
  return out.kind === "ok" ? Buffer.from(out.bytes).toString("utf8") : "";
}

describe("fetcher: timeouts", () => {
  it("fails when headers are slow", async () => {
    server.route("/slow", delayed(2_000, json({})));
    const out = await make({ headersTimeoutMs: 200 }).fetch({ url: server.url("/slow") });
    expect(errorOf(out)).toBe("headers timeout: no response headers within 200 ms");
    expect(out).toMatchObject({ retryable: true, status: null });
  });

  it("fails when the body stalls mid-way", async () => {
    server.route("/stall", chunks(['{"data":[', '{"gpu":"H100"},', "]}"], { stallAfter: 2 }));
    const out = await make({ bodyTimeoutMs: 200 }).fetch({ url: server.url("/stall") });
    expect(errorOf(out)).toBe("body stalled: no data for 200 ms");
    expect(out).toMatchObject({ retryable: true });
  });

  it("retries a stall and says how many attempts it made", async () => {
    server.route("/stall", chunks(["{", "}"], { stallAfter: 1 }));
    // undici checks header/body timeouts on a ~1 s tick, so each stalled attempt here costs about a second.
    const out = await make({ bodyTimeoutMs: 100, retries: 1 }).fetch({ url: server.url("/stall") });
    expect(errorOf(out)).toBe("body stalled: no data for 100 ms after 2 attempts");
  });

  it("bounds a trickling body with the total timeout", async () => {
    server.route("/trickle", chunks(Array.from({ length: 200 }, () => "x"), { gapMs: 20 }));
    const out = await make({ bodyTimeoutMs: 5_000, totalTimeoutMs: 300 }).fetch({ url: server.url("/trickle") });
    expect(errorOf(out)).toBe("total timeout: attempt took longer than 300 ms");
    expect(out).toMatchObject({ retryable: true });
  });
});

describe("fetcher: truncated responses", () => {
  // Documented behaviour: with Content-Length (or chunked framing) a cut connection is an error, retryable;
  // a close-delimited body (no length, no chunking) cannot be told from a complete one and comes back ok
  // and short: the parser rejects it (e.g. invalid JSON), which is why captures are parsed before trust.
  it("reports a body shorter than its Content-Length as an error", async () => {
    server.route("/cut", cutShort('{"data":[1,2,', 1000, { "content-type": "application/json" }));
    const out = await make().fetch({ url: server.url("/cut") });
    expect(errorOf(out)).toMatch(/^connection closed early/);
    expect(out).toMatchObject({ retryable: true });
  });

  it("reports a chunked body cut before its last chunk as an error", async () => {
    server.route("/cut", raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{"a":\r\n'));
    expect(errorOf(await make().fetch({ url: server.url("/cut") }))).toMatch(/^connection closed early/);
  });

  it("returns a close-delimited body cut short as ok with the short bytes", async () => {
    server.route("/cut", raw('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"data":[1,2,'));
    const out = await make().fetch({ url: server.url("/cut") });
    expect(text(out)).toBe('{"data":[1,2,');
  });
});

describe("fetcher: size caps", () => {
  const big = "x".repeat(5_000);

  it("refuses an honest oversized Content-Length before reading", async () => {
    server.route("/big", send(big));
    const out = await make({ maxBytes: 1_000 }).fetch({ url: server.url("/big") });
    expect(errorOf(out)).toBe("response exceeds 1000 bytes (Content-Length 5000)");
    expect(out).toMatchObject({ retryable: false, status: 200 });
  });

  it("aborts a chunked body (no Content-Length) as soon as it passes the cap", async () => {
    server.route("/big", chunks(Array.from({ length: 50 }, () => "y".repeat(500))));
    const out = await make({ maxBytes: 1_000 }).fetch({ url: server.url("/big") });
    expect(errorOf(out)).toBe("response exceeds 1000 bytes");
  });

  it("accepts a body exactly at the cap", async () => {
    server.route("/edge", send("z".repeat(1_000)));
    expect(text(await make({ maxBytes: 1_000 }).fetch({ url: server.url("/edge") }))).toHaveLength(1_000);
  });

  it("caps the raw bytes of a compressed body too", async () => {
    let seed = 42; // a tiny LCG: incompressible but deterministic bytes
    const noise = Buffer.from(Array.from({ length: 4_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23));
    server.route("/gz", send(gzipSync(noise), { headers: { "content-encoding": "gzip" } }));
    expect(errorOf(await make({ maxBytes: 1_000 }).fetch({ url: server.url("/gz") }))).toMatch(/^response exceeds 1000 bytes/);
  });
});

describe("fetcher: content encodings", () => {
  const payload = JSON.stringify({ models: Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, prompt: "0.000003" })) });

  it.each([
    ["gzip", gzipSync],
    ["br", brotliCompressSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
  ] as const)("decodes %s", async (coding, compress) => {
    server.route("/enc", send(compress(Buffer.from(payload)), { headers: { "content-encoding": coding, "content-type": "application/json" } }));
    expect(text(await make().fetch({ url: server.url("/enc") }))).toBe(payload);
  });

  it("decodes stacked codings in reverse order", async () => {
    const body = brotliCompressSync(gzipSync(Buffer.from(payload)));
    server.route("/enc", send(body, { headers: { "content-encoding": "gzip, br" } }));
    expect(text(await make().fetch({ url: server.url("/enc") }))).toBe(payload);
  });

  it("stops a gzip bomb at the decompressed cap", async () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    server.route("/bomb", send(bomb, { headers: { "content-encoding": "gzip", "content-type": "application/json" } }));
    const out = await make({ maxDecompressedBytes: 1024 * 1024 }).fetch({ url: server.url("/bomb") });
    expect(errorOf(out)).toBe("decompressed size exceeds 1048576 bytes");
    expect(out).toMatchObject({ retryable: false });
  });

  it("reports corrupt compressed data and unknown codings readably", async () => {
    server.route("/bad", send("this is not gzip", { headers: { "content-encoding": "gzip" } }));
    server.route("/zstd", send("whatever", { headers: { "content-encoding": "zstd" } }));
    const f = make();
    expect(errorOf(await f.fetch({ url: server.url("/bad") }))).toMatch(/^cannot decode gzip body: /);
    expect(errorOf(await f.fetch({ url: server.url("/zstd") }))).toBe("unsupported content-encoding: zstd");
  });

  it("returns an empty body with a Content-Encoding as empty", async () => {
    server.route("/empty", send("", { headers: { "content-encoding": "gzip" } }));
    expect(text(await make().fetch({ url: server.url("/empty") }))).toBe("");
  });
});

describe("fetcher: never throws, never leaks", () => {
  it("turns bad URLs into error outcomes without a request", async () => {
    const f = make();
    expect(await f.fetch({ url: "not a url" })).toMatchObject({ kind: "error", error: "invalid URL: not a url", attempts: 0, retryable: false });
    expect(await f.fetch({ url: "ftp://example.com/x" })).toMatchObject({ kind: "error", error: "unsupported protocol ftp:", attempts: 0 });
  });

  it("answers after close with an error outcome", async () => {
    const f = make();
    await f.close();
    expect(await f.fetch({ url: server.url("/x") })).toMatchObject({ kind: "error", error: "fetcher is closed" });
  });

  it("keeps query keys and Authorization out of outcomes", async () => {
    server.route("/api", send("denied", { status: 503 }));
    server.route("/ok", json({}));
    const f = make({ retries: 1 });
    const out = await f.fetch({ url: server.url("/api?api_key=K3Y-SECRET&region=us&token=T0K3N"), headers: { Authorization: "Bearer BEARER-SECRET" } });
    const dump = JSON.stringify(out);
    for (const secret of ["K3Y-SECRET", "T0K3N", "BEARER-SECRET"]) expect(dump).not.toContain(secret);
    expect(out.url).toBe(server.url("/api?api_key=REDACTED&region=us&token=REDACTED"));
    const ok = await f.fetch({ url: server.url("/ok?key=abc123") });
    expect(ok).toMatchObject({ kind: "ok", url: server.url("/ok?key=REDACTED"), finalUrl: server.url("/ok?key=REDACTED") });
    expect(server.requests.at(-1)!.url).toBe("/ok?key=abc123"); // the server still got the real key
  });
});
