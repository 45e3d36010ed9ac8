// The fetcher's small parts: backoff, Retry-After, redaction, the host semaphore, error messages, content types.
import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { codingsToUndo } from "../../src/collect/body.ts";
import { FetchFailure, toFailure } from "../../src/collect/errors.ts";
import { createFetcher, expectContentType, mediaType, type FetchOutcome } from "../../src/collect/http.ts";
import { KeyedSemaphore } from "../../src/collect/limits.ts";
import { redactUrl, scrub, secretsOf } from "../../src/collect/redact.ts";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "../../src/collect/retry.ts";

describe("retry policy", () => {
  it("retries 5xx, 408 and 429 only", () => {
    expect([500, 502, 503, 504, 408, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });

  it("backs off exponentially with full jitter under a ceiling", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 500, 30_000, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(backoffMs(20, 500, 30_000, () => 0.5)).toBe(15_000);
    expect(backoffMs(3, 500, 30_000, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or an HTTP date, capped, and ignores junk", () => {
    const now = Date.UTC(2025, 0, 1);
    expect(parseRetryAfter("7", now, 300_000)).toBe(7_000);
    expect(parseRetryAfter(" 0 ", now, 300_000)).toBe(0);
    expect(parseRetryAfter("3600", now, 300_000)).toBe(300_000);
    expect(parseRetryAfter(new Date(now + 42_000).toUTCString(), now, 300_000)).toBe(42_000);
    expect(parseRetryAfter(new Date(now - 42_000).toUTCString(), now, 300_000)).toBe(0);
    for (const junk of [null, "", "-5", "1.5", "soon", "12abc"]) expect(parseRetryAfter(junk, now, 300_000)).toBeNull();
  });
});

describe("redaction", () => {
  it("masks secret query values and userinfo, leaving the rest as written", () => {
    expect(redactUrl("https://api.x.com/v1/p?key=abc&page_token=p2&api_key=zz&Token=t&q=a%20b")).toBe(
      "https://api.x.com/v1/p?key=REDACTED&page_token=p2&api_key=REDACTED&Token=REDACTED&q=a%20b",
    );
    expect(redactUrl("https://u:pw@x.com/a")).toBe("https://REDACTED:REDACTED@x.com/a");
    expect(redactUrl("https://x.com/a?X-Amz-Signature=abcd&x=1")).toBe("https://x.com/a?X-Amz-Signature=REDACTED&x=1");
    expect(redactUrl("nonsense?key=abc")).toBe("nonsense?REDACTED");
  });

  it("scrubs header and query secrets from messages", () => {
    const secrets = secretsOf("https://x.com/?access_token=qwerty", { Authorization: "Bearer abc.def", "X-Api-Key": "k-123" });
    expect(scrub("got Bearer abc.def and abc.def and k-123 and qwerty", secrets)).toBe("got REDACTED and REDACTED and REDACTED and REDACTED");
  });
});

describe("KeyedSemaphore", () => {
  it("holds at most `limit` per key and hands slots on in order", async () => {
    const sem = new KeyedSemaphore(2);
    const order: string[] = [];
    const r1 = await sem.acquire("a");
    const r2 = await sem.acquire("a");
    const rb = await sem.acquire("b");
    const third = sem.acquire("a").then((release) => (order.push("third"), release));
    const fourth = sem.acquire("a").then((release) => (order.push("fourth"), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(sem.inFlight("a")).toBe(2);
    r1();
    r1(); // a double release must not free a second slot
    const r3 = await third;
    expect(order).toEqual(["third"]);
    expect(sem.inFlight("a")).toBe(2);
    r2();
    (await fourth)();
    r3();
    rb();
    expect(sem.inFlight("a")).toBe(0);
    expect(sem.inFlight("b")).toBe(0);
  });

  it("rejects a nonsensical limit", () => {
    expect(() => new KeyedSemaphore(0)).toThrow(RangeError);
  });
});

describe("error messages", () => {
  const timeouts = { connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 60_000 };
  const coded = (code: string, message = "boom") => Object.assign(new Error(message), { code });

  it("names undici timeouts and socket errors plainly", () => {
    expect(toFailure(coded("UND_ERR_CONNECT_TIMEOUT"), timeouts).message).toBe("connect timeout: no connection within 10000 ms");
    expect(toFailure(coded("UND_ERR_BODY_TIMEOUT"), timeouts).message).toBe("body stalled: no data for 60000 ms");
    expect(toFailure(coded("ECONNRESET"), timeouts)).toMatchObject({ message: "connection reset by peer (ECONNRESET)", retryable: true });
    expect(toFailure(coded("ENOTFOUND"), timeouts)).toMatchObject({ retryable: false });
    expect(toFailure(new AggregateError([coded("ECONNREFUSED")]), timeouts).message).toBe("connection refused (ECONNREFUSED)");
  });

  it("keeps one line, no stack, and does not retry unknown non-network errors", () => {
    const f = toFailure(new TypeError("bad thing\n    at foo (x.js:1:1)"), timeouts);
    expect(f).toMatchObject({ message: "network error: bad thing", retryable: false });
    const failure = new FetchFailure("x", true);
    expect(toFailure(failure, timeouts)).toBe(failure);
  });
});

describe("content types and codings", () => {
  const ok = (contentType: string | null): FetchOutcome => ({
    kind: "ok", url: "u", finalUrl: "u", status: 200, contentType, bytes: new Uint8Array(), etag: null, lastModified: null, attempts: 1, elapsedMs: 0,
  });

  it("compares media types without parameters or case", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(expectContentType(ok("application/json;charset=UTF-8"), ["application/json"])).toBeNull();
    expect(expectContentType(ok("text/csv"), ["text/*"])).toBeNull();
    expect(expectContentType(ok("application/xml"), ["application/json", "text/*"])).toBe("expected application/json or text/*, got application/xml");
    expect(expectContentType({ kind: "not_modified", url: "u", status: 304, attempts: 1, elapsedMs: 0 }, ["application/json"])).toBeNull();
  });

  it("undoes codings last-applied first and skips identity", () => {
    expect(codingsToUndo("gzip, BR")).toEqual(["br", "gzip"]);
    expect(codingsToUndo("identity")).toEqual([]);
    expect(codingsToUndo(null)).toEqual([]);
  });
});

describe("injected dispatcher", () => {
  it("uses deps.dispatcher (e.g. undici MockAgent) and leaves closing it to its owner", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get("https://api.example.test").intercept({ path: "/v1/models", method: "GET" }).reply(200, { data: [] }, { headers: { "content-type": "application/json" } });
    const fetcher = createFetcher({}, { dispatcher: agent });
    const out = await fetcher.fetch({ url: "https://api.example.test/v1/models" });
    expect(out).toMatchObject({ kind: "ok", status: 200, contentType: "application/json" });
    await fetcher.close();
    await agent.close();
  });
});
