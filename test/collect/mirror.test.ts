// Source mirrors: URL mapping both ways, config validation, and a paged collection through a mirror.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createUrlMapper, parseMirrorMap } from "../../src/collect/mirror.ts";
import { createFetcher } from "../../src/collect/http.ts";
import { openStore, type Store } from "../../src/db/index.ts";
import { collectSource } from "../../src/jobs/collect.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import type { SourceDef } from "../../src/sources/types.ts";
import { startFakeServer, type FakeServer } from "../helpers/fake-server.ts";

describe("mirror URL mapping", () => {
  const m = createUrlMapper({ base: "http://mirror.internal/cpi/", perSource: { aws: "https://aws-mirror.internal" } });
  it("puts the upstream host under the base and keeps path and query byte for byte", () => {
    const up = "https://prices.azure.com/api/retail/prices?$filter=serviceName%20eq%20'Virtual%20Machines'";
    const mirrored = m.toMirror("azure", up);
    expect(mirrored).toBe("http://mirror.internal/cpi/prices.azure.com/api/retail/prices?$filter=serviceName%20eq%20'Virtual%20Machines'");
    expect(m.toMirror("azure", mirrored)).toBe(mirrored);
    expect(m.fromMirror("azure", mirrored)).toBe(up);
    expect(m.fromMirror("azure", up)).toBe(up);
  });
  it("a per-source base wins over the common one; no base leaves URLs alone", () => {
    expect(m.toMirror("aws", "https://pricing.us-east-1.amazonaws.com/x/index.csv")).toBe("https://aws-mirror.internal/pricing.us-east-1.amazonaws.com/x/index.csv");
    expect(createUrlMapper({ base: null, perSource: {} }).toMirror("aws", "https://a.example/x")).toBe("https://a.example/x");
  });
  it("config validates the base, the map's syntax, its source ids and its URLs", () => {
    expect(loadConfig({ CPI_SOURCE_MIRROR: "http://127.0.0.1:9000/m", CPI_SOURCE_MIRRORS: "aws=http://a.internal, ecb=https://e.internal" }, "/").mirror).toEqual({
      base: "http://127.0.0.1:9000/m",
      perSource: { aws: "http://a.internal", ecb: "https://e.internal" },
    });
    expect(() => loadConfig({ CPI_SOURCE_MIRROR: "ftp://x" }, "/")).toThrow(/CPI_SOURCE_MIRROR/);
    expect(() => loadConfig({ CPI_SOURCE_MIRRORS: "nosuch=http://x.internal" }, "/")).toThrow(/unknown source "nosuch"/);
    expect(() => loadConfig({ CPI_SOURCE_MIRRORS: "aws=not a url" }, "/")).toThrow(/base of "aws"/);
    expect(() => parseMirrorMap("aws")).toThrow(/source-id=base-url/);
  });
});

describe("collecting through a mirror", () => {
  let server: FakeServer;
  let store: Store;
  beforeEach(async () => {
    server = await startFakeServer();
    store = openStore(":memory:");
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  it("fetches every page from the mirror and stores the upstream URLs", async () => {
    // Page 1's link points upstream, page 2's into the mirror: both are followed through the mirror.
    const pages: Record<string, unknown> = {
      "1": { items: [1, 2], next: "https://api.example.com/list?page=2" },
      "2": { items: [3], next: `${server.origin}/mirror/api.example.com/list?page=3` },
      "3": { items: [4], next: null },
    };
    server.route("/mirror/api.example.com/list", (req, res) => {
      const page = new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? "1";
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(pages[page]));
    });
    const source: SourceDef = {
      id: "paged", title: "paged", kind: "gpu", homepage: "", schedule: "* * * * *", tier: "list_price",
      requests: () => [{ url: "https://api.example.com/list?page=1" }],
      nextPage: (c) => (JSON.parse(Buffer.from(c.bytes).toString()) as { next: string | null }).next,
      parse: () => ({ quotes: [], skipped: [] }),
    };
    const fetcher = createFetcher({ retries: 0 });
    const mirror = createUrlMapper({ base: `${server.origin}/mirror`, perSource: {} });
    const result = await collectSource(source, { store, fetcher, env: {}, now: () => new Date("2026-12-02T10:00:00Z"), log: silentLogger, mirror });
    await fetcher.close();
    expect(result.captures).toBe(3);
    expect(server.requests.map((r) => r.url)).toEqual(["/mirror/api.example.com/list?page=1", "/mirror/api.example.com/list?page=2", "/mirror/api.example.com/list?page=3"]);
    expect((await store.listCaptures({})).map((c) => c.url).sort()).toEqual([1, 2, 3].map((n) => `https://api.example.com/list?page=${n}`));
  });
});
