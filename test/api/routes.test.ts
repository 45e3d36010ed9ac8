// Every route answers, with a body matching its documented schema; 404s and 400s name what is wrong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Store } from "../../src/db/index.ts";
import { apiRoutes } from "../../src/api/app.ts";
import type { ApiEnv } from "../../src/api/registry.ts";
import { ErrorBody } from "../../src/api/errors.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { LAST_DATE, seededApp, testDeps } from "./fixture.ts";

const SAMPLE: Record<string, string> = { code: "GPU-H100SXM-OD", series: "GPU-H100SXM-OD", date: LAST_DATE, id: "1", name: "style.css", file: "gpu.md", doc: "complaints.md" };
const sampleUrl = (path: string) => path.replace(/:([a-z]+)/g, (_, p: string) => SAMPLE[p]!);

let store: Store;
let app: Hono<ApiEnv>;
beforeAll(async () => ({ store, app } = await seededApp()));
afterAll(async () => store.close());

async function json(path: string, status = 200) {
  const res = await app.request(path);
  expect(res.status, `${path}: ${res.status}`).toBe(status);
  return (await res.json()) as Record<string, unknown> & { data: Record<string, unknown>[] };
}

async function errorOf(path: string, status: number) {
  const body = ErrorBody.parse(await json(path, status));
  expect(body.error.status).toBe(status);
  return body.error;
}

describe("every route", () => {
  it("answers 200 with a body that matches its response schema", async () => {
    const routes = apiRoutes(testDeps(store), "t", () => ({}));
    expect(routes.length).toBeGreaterThan(15);
    for (const spec of routes) {
      const res = await app.request(sampleUrl(spec.path));
      expect(res.status, spec.path).toBe(200);
      expect(res.headers.get("cache-control"), spec.path).toBeTruthy();
      expect(res.headers.get("etag"), spec.path).toMatch(/^W\/"/);
      if (spec.response) {
        const parsed = spec.response.safeParse(await res.json());
        expect(parsed.success ? "ok" : `${spec.path}: ${parsed.error.message}`).toBe("ok");
      }
    }
  });
});

describe("indices", () => {
  it("lists indices with latest value, changes and a sparkline; filters by family, class and term", async () => {
    const all = await json("/v1/indices?spark=7");
    const h100 = all.data.find((d) => d.code === "GPU-H100SXM-OD") as { latest: { value: string }; changes: { d1: unknown }; spark: unknown[] };
    expect(h100.latest.value).toBe("2.3800");
    expect(h100.changes.d1).toEqual({ since: "2026-07-30", base: "2.5200", change: "-0.14", percent: "-5.56" });
    expect(h100.spark).toHaveLength(7);
    expect((await json("/v1/indices?family=token")).data.every((d) => d.family === "token")).toBe(true);
    expect((await json("/v1/indices?class=h100-pcie-80gb")).data.map((d) => d.code)).toEqual(["GPU-H100PCIE-OD"]);
    expect((await json("/v1/indices?term=spot")).data.map((d) => d.code)).toEqual(["GPU-H100SXM-SPOT"]);
    const usdTokens = loadMethodology().indices.filter((d) => d.unit === "USD/1M tokens").length;
    expect((await json("/v1/indices?currency=usd&unit=USD/1M%20tokens")).data.length).toBe(usdTokens);
  });

  it("gives one index with its definition, document link and methodology summary", async () => {
    const ix = await json("/v1/indices/gpu-h100sxm-od");
    expect(ix.code).toBe("GPU-H100SXM-OD");
    expect(ix.document).toBe("/methodology/gpu.md");
    expect((ix.summary as string[]).length).toBeGreaterThan(4);
    expect((await json("/v1/indices/TOK-GPTOSS120B-BLEND-USD")).tokensPerChineseChar).toBe("0.77836735");
    expect(await errorOf("/v1/indices/GPU-NOPE-OD", 404)).toMatchObject({ code: "not_found" });
    expect(await errorOf("/v1/indices/GPU-NOPE-OD/fixings", 404)).toMatchObject({ code: "not_found" });
  });

  it("pages fixings by cursor and filters by range and status", async () => {
    const first = await json("/v1/indices/GPU-H100SXM-OD/fixings?limit=50");
    expect(first.count).toBe(50);
    const second = await json(`/v1/indices/GPU-H100SXM-OD/fixings?limit=50&cursor=${first.nextCursor}`);
    const third = await json(`/v1/indices/GPU-H100SXM-OD/fixings?limit=50&cursor=${second.nextCursor}`);
    expect([second.count, third.count, third.nextCursor]).toEqual([50, 20, null]);
    const dates = [...first.data, ...second.data, ...third.data].map((f) => f.fixingDate);
    expect(new Set(dates).size).toBe(120);
    const july = await json("/v1/indices/GPU-H100SXM-OD/fixings?from=2026-07-01&to=2026-07-31&status=fallback");
    expect(july.data.map((f) => f.fixingDate)).toEqual(["2026-07-20", "2026-07-21"]);
    expect((await json("/v1/indices/GPU-H100SXM-OD/fixings?status=back-calculated")).count).toBe(30);
  });

  it("answers as of a past time with what had been published then", async () => {
    const now = await json(`/v1/indices/GPU-H100PCIE-OD/fixings/${LAST_DATE}`);
    expect([now.value, now.status, now.revision]).toEqual(["2.1234", "republished", 2]);
    expect((now.revisions as unknown[]).length).toBe(2);
    const before = await json(`/v1/indices/GPU-H100PCIE-OD/fixings/${LAST_DATE}?as_of=${LAST_DATE}T17:00:00Z`);
    expect([before.status, before.revision]).toEqual(["final", 1]);
    const page = await json(`/v1/indices/GPU-H100PCIE-OD/fixings?from=${LAST_DATE}&as_of=${LAST_DATE}T16:30:00%2B00:00`);
    expect(page.data.map((f) => f.status)).toEqual(["final"]);
    await errorOf(`/v1/indices/GPU-H100PCIE-OD/fixings/${LAST_DATE}?as_of=2026-01-01T00:00:00Z`, 404);
  });

  it("shows one fixing's providers: inputs with weights, then exclusions with the reason and price", async () => {
    const f = await json(`/v1/indices/GPU-H100SXM-OD/fixings/${LAST_DATE}`);
    const providers = f.providers as { provider: string; included: boolean; price: string; reason: string | null }[];
    expect(providers.map((p) => [p.provider, p.included])).toEqual([["lambda", true], ["runpod", true], ["vast", true], ["aws", false]]);
    expect(providers[3]).toMatchObject({ price: "11.7000", reason: "outlier: 6.1 scaled MADs from the median" });
    expect((f.observations as { capture: string | null }[])[0]!.capture).toBe("/v1/captures/1");
  });

  it("settles a month on final, republished and fallback days, skipping none of July here", async () => {
    const s = await json("/v1/indices/GPU-H100SXM-OD/settlement?month=2026-07");
    expect([s.calendarDays, (s.used as unknown[]).length, s.complete]).toEqual([31, 31, true]);
    expect(s.value).toMatch(/^\d+\.\d{4}$/);
    const defaultMonth = await json("/v1/indices/GPU-H100SXM-OD/settlement");
    expect(defaultMonth.month).toBe("2026-07");
    const april = await json("/v1/indices/GPU-H100SXM-OD/settlement?month=2026-04");
    expect((april.skipped as { reason: string }[]).some((d) => d.reason.startsWith("back-calculated"))).toBe(true);
  });
});

describe("observations, catalog and status", () => {
  it("filters observations and pages them by id cursor", async () => {
    const page = await json("/v1/observations?class=h100-sxm-80gb&limit=3");
    expect([page.count, page.nextCursor]).toEqual([3, 3]);
    const rest = await json("/v1/observations?class=h100-sxm-80gb&limit=3&cursor=3");
    expect(rest.data.map((o) => o.provider)).toEqual(["aws"]);
    expect((await json("/v1/observations?provider_tier=hyperscaler")).data.map((o) => o.provider)).toEqual(["aws"]);
    expect((await json(`/v1/observations?from=${LAST_DATE}&to=${LAST_DATE}`)).count).toBe(4);
    expect((await json(`/v1/observations?from=${LAST_DATE}T12:00:01Z`)).count).toBe(0);
  });

  it("lists unmapped names, classes, models, sources, keys and health", async () => {
    expect((await json("/v1/unmapped")).data[0]).toMatchObject({ rawName: "mystery-gpu-9000", reason: "no known GPU name" });
    const classes = await json("/v1/classes?indexed=true");
    expect(classes.data.map((c) => c.id)).toContain("mi300x-192gb");
    const indexedModels = new Set(loadMethodology().indices.flatMap((d) => (d.product.kind === "token" ? d.product.models : [])));
    expect((await json("/v1/models?indexed=true")).count).toBe(indexedModels.size);
    const sources = await json("/v1/sources");
    expect(sources.data.map((s) => [s.id, s.health])).toEqual([["skypilot-lambda", "healthy"], ["openrouter", "error"], ["runpod", "disabled"]]);
    expect((await json("/v1/keys")).data[0]).toMatchObject({ keyId: "test-key" });
    expect(await json("/v1/health")).toMatchObject({ status: "degraded", observations: 5, latestFixingDate: LAST_DATE });
    expect(await json("/v1/captures/1")).toMatchObject({ sourceId: "skypilot-lambda", size: 20 });
    await errorOf("/v1/captures/99", 404);
  });

  it("exposes Prometheus metrics", async () => {
    const text = await (await app.request("/metrics")).text();
    expect(text).toContain('cpi_index_latest_value{index="GPU-H100SXM-OD"} 2.3800');
    expect(text).toContain('cpi_source_up{source="openrouter"} 0');
    // Freshness: seconds since each source's last success and since each latest fixing's newest input.
    expect(text).toMatch(/cpi_source_age_seconds\{source="skypilot-lambda"\} \d+/);
    expect(text).toMatch(/cpi_index_input_age_seconds\{index="GPU-H100SXM-OD"\} \d+/);
    expect(text).toMatch(/cpi_http_requests_total\{method="GET",route="\/v1\/indices",status="200"\} \d+/);
  });
});

describe("invalid parameters", () => {
  const cases: [string, string, RegExp][] = [
    ["/v1/indices?family=cpu", "family", /one of: gpu, token/],
    ["/v1/indices?colour=red", "colour", /unknown parameter/],
    ["/v1/indices?spark=9999", "spark", /integer from 0 to 365/],
    ["/v1/indices?format=xml", "format", /"json" or "csv"/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?limit=0", "limit", /integer from 1 to 5000/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?limit=abc", "limit", /integer/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?from=2026-13-01", "from", /YYYY-MM-DD/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?from=2026-07-02&to=2026-07-01", "from", /before to/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?from=2000-01-01&to=2026-01-01", "to", /3700 days/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?status=final,bogus", "status", /comma-separated list/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?as_of=yesterday", "as_of", /ISO 8601/],
    ["/v1/indices/GPU-H100SXM-OD/fixings?cursor=7", "cursor", /YYYY-MM-DD/],
    ["/v1/indices/GPU-H100SXM-OD/fixings/2026-02-30", "date", /YYYY-MM-DD/],
    ["/v1/indices/GPU-H100SXM-OD/settlement?month=2026-13", "month", /YYYY-MM/],
    ["/v1/observations?term=forever", "term", /one of: on_demand/],
    ["/v1/observations?from=last%20week", "from", /date YYYY-MM-DD or an ISO 8601 time/],
    ["/v1/observations?limit=100000", "limit", /integer from 1 to 5000/],
    ["/v1/observations?cursor=-1", "cursor", /integer/],
    ["/v1/classes?indexed=yes", "indexed", /"true" or "false"/],
    ["/v1/captures/abc", "id", /integer/],
    ["/v1/health?verbose=1", "verbose", /takes none/],
  ];
  it.each(cases)("%s -> 400 naming %s", async (path, parameter, rule) => {
    const error = await errorOf(path, 400);
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(`"${parameter}"`);
    expect(error.message).toMatch(rule);
  });

  it("refuses an overlong query string with 414", async () => {
    await errorOf(`/v1/indices?unit=${"x".repeat(3000)}`, 414);
  });
});

describe("operator routes", () => {
  it("do not exist without a token", async () => {
    await errorOf("/v1/operator/audit", 404);
  });

  it("need the bearer token when one is configured", async () => {
    const token = "a-long-operator-token-for-tests-0123456789";
    const { app: guarded, store: s } = await seededApp({ CPI_OPERATOR_TOKEN: token });
    try {
      expect((await guarded.request("/v1/operator/audit")).status).toBe(401);
      const wrong = await guarded.request("/v1/operator/audit", { headers: { authorization: "Bearer nope" } });
      expect([wrong.status, wrong.headers.get("www-authenticate")]).toEqual([401, 'Bearer realm="cpi-operator"']);
      const ok = await guarded.request("/v1/operator/anomalies", { headers: { authorization: `Bearer ${token}` } });
      expect([ok.status, ok.headers.get("cache-control")]).toEqual([200, "private, no-store"]);
      const doc = (await (await guarded.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toContain("/v1/operator/audit");
    } finally {
      await s.close();
    }
  });
});
