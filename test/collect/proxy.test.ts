// HTTP_PROXY / HTTPS_PROXY / NO_PROXY: read by config, honoured by the fetcher through a local proxy on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createFetcher } from "../../src/collect/http.ts";
import { startFakeServer, type FakeServer } from "../helpers/fake-server.ts";
import { startProxyServer, type ProxyServer } from "../helpers/proxy-server.ts";

let target: FakeServer;
let proxy: ProxyServer;
beforeAll(async () => {
  target = await startFakeServer({ "/prices": (_q, r) => void r.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}') });
  const port = Number(new URL(target.origin).port);
  // Only the proxy knows where "prices.replay.test" lives; https tunnels are refused.
  proxy = await startProxyServer((host, p) => (host === "prices.replay.test" && p === 80 ? { host: "127.0.0.1", port } : null));
});
afterAll(async () => {
  await proxy?.close();
  await target?.close();
});

const fast = { retries: 0, connectTimeoutMs: 2000, headersTimeoutMs: 2000, totalTimeoutMs: 4000 };

describe("outbound proxy", () => {
  it("config reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY (lowercase wins) and rejects a non-URL", () => {
    const c = loadConfig({ HTTP_PROXY: "http://a.example:3128", https_proxy: "http://b.example:3128", HTTPS_PROXY: "http://ignored.example", no_proxy: "localhost,.internal" }, "/");
    expect(c.proxy).toEqual({ httpProxy: "http://a.example:3128", httpsProxy: "http://b.example:3128", noProxy: "localhost,.internal" });
    expect(loadConfig({}, "/").proxy).toEqual({ httpProxy: null, httpsProxy: null, noProxy: "" });
    expect(() => loadConfig({ HTTPS_PROXY: "proxy:3128" }, "/")).toThrow(/HTTPS_PROXY/);
  });

  it("sends http:// fetches through HTTP_PROXY (a host only the proxy can resolve)", async () => {
    const { proxy: settings } = loadConfig({ HTTP_PROXY: proxy.url }, "/");
    const fetcher = createFetcher({ ...fast, proxy: settings });
    const out = await fetcher.fetch({ url: "http://prices.replay.test/prices" });
    await fetcher.close();
    expect(out.kind).toBe("ok");
    expect(out.kind === "ok" && Buffer.from(out.bytes).toString()).toBe('{"ok":true}');
    expect(proxy.connects.map((c) => c.target)).toContain("prices.replay.test:80");
  });

  it("tunnels https:// fetches through HTTPS_PROXY with CONNECT host:443, proxy credentials included", async () => {
    const before = proxy.connects.length;
    const proxyUrl = proxy.url.replace("http://", "http://ops:s3cret@");
    const { proxy: settings } = loadConfig({ HTTPS_PROXY: proxyUrl }, "/");
    const fetcher = createFetcher({ ...fast, proxy: settings });
    const out = await fetcher.fetch({ url: "https://openrouter.ai/api/v1/models" });
    await fetcher.close();
    // This test proxy refuses https tunnels: the point is that the request went to it, with credentials.
    expect(out.kind).toBe("error");
    const seen = proxy.connects.slice(before);
    expect(seen.map((c) => c.target)).toEqual(["openrouter.ai:443"]);
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from("ops:s3cret").toString("base64")}`);
    expect(out.kind === "error" && out.error).not.toContain("s3cret");
  });

  it("goes direct for hosts in NO_PROXY", async () => {
    const before = proxy.connects.length;
    const { proxy: settings } = loadConfig({ HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" }, "/");
    const fetcher = createFetcher({ ...fast, proxy: settings });
    const out = await fetcher.fetch({ url: target.url("/prices") });
    await fetcher.close();
    expect(out.kind).toBe("ok");
    expect(proxy.connects.length).toBe(before);
  });

  it("without proxy settings nothing goes to the proxy", async () => {
    const before = proxy.connects.length;
    const fetcher = createFetcher(fast);
    expect((await fetcher.fetch({ url: target.url("/prices") })).kind).toBe("ok");
    await fetcher.close();
    expect(proxy.connects.length).toBe(before);
  });
});
