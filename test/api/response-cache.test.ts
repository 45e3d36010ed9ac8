// The rendered-response cache: reused while nothing is committed, dropped when the data version moves.
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { responseCache } from "../../src/api/response-cache.ts";
import type { ReadStore } from "../../src/db/index.ts";

function app(version: { v: string }, opts = { maxEntries: 2, maxBodyBytes: 1000, maxTotalBytes: 1000 }) {
  let renders = 0;
  const store = { dataVersion: async () => version.v } as unknown as ReadStore;
  const a = new Hono();
  a.use("*", responseCache(store, { prefixes: ["/v1/"], ...opts }).middleware);
  a.get("/v1/x/:n", (c) => {
    renders++;
    return c.body(`body ${c.req.param("n")} ${renders}`, 200, { "content-length": String(`body ${c.req.param("n")} ${renders}`.length) });
  });
  return { a, renders: () => renders };
}

describe("responseCache", () => {
  it("serves the same bytes until the data version changes", async () => {
    const version = { v: "1.0" };
    const { a, renders } = app(version);
    const first = await (await a.request("/v1/x/1")).text();
    expect(await (await a.request("/v1/x/1")).text()).toBe(first);
    expect(renders()).toBe(1);
    version.v = "2.0";
    expect(await (await a.request("/v1/x/1")).text()).not.toBe(first);
    expect(renders()).toBe(2);
  });

  it("lets revalidation through and bounds the number of entries", async () => {
    const { a, renders } = app({ v: "1" });
    await a.request("/v1/x/1");
    await a.request("/v1/x/1", { headers: { "if-none-match": 'W/"x"' } });
    expect(renders()).toBe(2);
    await a.request("/v1/x/2");
    await a.request("/v1/x/3");
    await a.request("/v1/x/1");
    expect(renders()).toBe(5);
  });
});

describe("cache hits ahead of routing", () => {
  it("answers a repeated read from the cache without the middleware chain, byte for byte, and still counts it", async () => {
    const { seededApp } = await import("./fixture.ts");
    const { store, app } = await seededApp();
    try {
      const first = await app.request("/v1/indices/GPU-H100SXM-OD");
      const firstBody = await first.text();
      const second = await app.request("/v1/indices/GPU-H100SXM-OD");
      expect(await second.text()).toBe(firstBody);
      expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
      expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
      const metrics = await (await app.request("/metrics")).text();
      expect(metrics).toContain('cpi_http_requests_total{method="GET",route="/v1/indices/:code",status="200"} 2');
      // Revalidation still goes through the chain and answers 304.
      const revalidated = await app.request("/v1/indices/GPU-H100SXM-OD", { headers: { "if-none-match": first.headers.get("etag")! } });
      expect(revalidated.status).toBe(304);
    } finally {
      await store.close();
    }
  });
});
