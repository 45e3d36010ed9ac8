// HTTP behaviour: ETag and 304, Cache-Control everywhere, gzip and brotli, read-only methods, HEAD, CORS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Hono } from "hono";
import type { Store } from "../../src/db/index.ts";
import type { ApiEnv } from "../../src/api/registry.ts";
import { ErrorBody } from "../../src/api/errors.ts";
import { etagMatches } from "../../src/api/cache.ts";
import { pickEncoding } from "../../src/api/compress.ts";
import { gpuObservation } from "../helpers/observations.ts";
import { seededApp } from "./fixture.ts";

let store: Store;
let app: Hono<ApiEnv>;
beforeAll(async () => ({ store, app } = await seededApp()));
afterAll(async () => store.close());

describe("conditional requests", () => {
  it("answers 304 to If-None-Match with the current ETag, and 200 once data changed", async () => {
    const first = await app.request("/v1/indices/GPU-H100SXM-OD/fixings");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await app.request("/v1/indices/GPU-H100SXM-OD/fixings", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toContain("max-age=60");
    expect((await app.request("/v1/indices/GPU-H100SXM-OD/fixings", { headers: { "if-none-match": 'W/"other", ' + etag } })).status).toBe(304);
    expect((await app.request("/v1/indices/GPU-H100SXM-OD/fixings?format=csv", { headers: { "if-none-match": etag } })).status).toBe(200);
  });

  it("gives streamed CSV an ETag that changes when observations are added", async () => {
    const path = "/v1/observations?format=csv";
    const etag = (await app.request(path)).headers.get("etag")!;
    expect((await app.request(path, { headers: { "if-none-match": etag } })).status).toBe(304);
    await store.insertObservations([gpuObservation({ provider: "later" })]);
    const after = await app.request(path, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("compares weakly and honours *", () => {
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches("*", 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe("cache control", () => {
  it("is set on data, live, asset and error responses", async () => {
    const expectations: [string, string][] = [
      ["/v1/indices", "public, max-age=60, stale-while-revalidate=300"],
      ["/v1/health", "no-cache"],
      ["/metrics", "no-cache"],
      ["/assets/uPlot.iife.min.js", "public, max-age=3600"],
      ["/v1/indices/NOPE", "no-store"],
      ["/v1/indices?family=x", "no-store"],
      ["/nowhere", "no-store"],
    ];
    for (const [path, policy] of expectations) expect((await app.request(path)).headers.get("cache-control"), path).toBe(policy);
  });
});

describe("compression", () => {
  it("gzips and brotli-compresses when accepted, JSON and CSV alike", async () => {
    const plain = await (await app.request("/v1/indices")).text();
    const gz = await app.request("/v1/indices", { headers: { "accept-encoding": "gzip" } });
    expect([gz.headers.get("content-encoding"), gz.headers.get("vary")]).toEqual(["gzip", "Accept-Encoding"]);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(plain);
    const br = await app.request("/v1/indices/GPU-H100SXM-OD/fixings?format=csv", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const csv = brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString("utf8");
    expect(csv.startsWith("index_code,fixing_date")).toBe(true);
  });

  it("leaves small bodies and unaccepting clients alone", async () => {
    expect((await app.request("/v1/keys", { headers: { "accept-encoding": "gzip" } })).headers.get("content-encoding")).toBeNull();
    expect((await app.request("/v1/indices", { headers: { "accept-encoding": "identity" } })).headers.get("content-encoding")).toBeNull();
  });

  it("picks the encoding from Accept-Encoding with q-values", () => {
    expect(pickEncoding("gzip, br")).toBe("br");
    expect(pickEncoding("br;q=0, gzip")).toBe("gzip");
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("identity")).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe("read-only", () => {
  it("refuses POST, PUT, PATCH and DELETE everywhere with the JSON error shape", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/v1/indices", "/v1/indices/GPU-H100SXM-OD/fixings", `/v1/indices/GPU-H100SXM-OD/fixings/2026-07-31`, "/v1/observations", "/v1/fixings", "/"]) {
        const res = await app.request(path, { method, body: method === "DELETE" ? undefined : "{}", headers: { "content-type": "application/json" } });
        expect([405, 404], `${method} ${path}`).toContain(res.status);
        const body = ErrorBody.parse(await res.json());
        if (res.status === 405) {
          expect(res.headers.get("allow")).toBe("GET, HEAD");
          expect(body.error.code).toBe("method_not_allowed");
        }
      }
    }
    expect((await app.request("/v1/indices", { method: "DELETE" })).status).toBe(405);
    expect((await app.request(`/v1/indices/GPU-H100SXM-OD/fixings/2026-07-31`)).status).toBe(200);
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await app.request("/v1/indices", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^W\//);
    expect(await res.text()).toBe("");
  });

  it("allows cross-origin reads of /v1 (GET only)", async () => {
    const res = await app.request("/v1/indices", { headers: { origin: "https://analyst.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await app.request("/v1/indices", { method: "OPTIONS", headers: { origin: "https://analyst.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET,HEAD");
  });
});
