// /metrics in Prometheus text format: request counters of this app, plus index, source and store gauges.
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "./deps.ts";
import { sourceRows } from "./health.ts";
import { route, type AnyRoute, type ApiEnv } from "./registry.ts";
import { ageSeconds, newestInputAt } from "../jobs/freshness.ts";

const label = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const seconds = (iso: string | null) => (iso ? String(Math.floor(Date.parse(iso) / 1000)) : null);

export interface Metrics {
  middleware: MiddlewareHandler<ApiEnv>;
  /** Count a request answered outside the middleware chain (a response-cache hit ahead of routing). */
  count(method: string, route: string, status: number): void;
  routes: AnyRoute[];
}

export function createMetrics(deps: AppDeps): Metrics {
  const requests = new Map<string, number>();
  const count = (method: string, route: string, status: number) => {
    const key = `method="${method}",route="${label(route)}",status="${status}"`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
  };
  const middleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
    await next();
    count(c.req.method, c.get("route") ?? "unmatched", c.res.status);
  };

  async function render(): Promise<string> {
    const lines: string[] = [];
    const metric = (name: string, type: "counter" | "gauge", help: string, samples: [string, string | number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
    };
    metric("cpi_info", "gauge", "Methodology version served.", [[`methodology_version="${label(deps.methodology.version)}"`, 1]]);
    const leader = deps.node?.leader() ?? null;
    metric("cpi_node_role", "gauge", "1 for the role this process runs (cpi serve --role).", [[`role="${deps.node?.role ?? "all"}"`, 1]]);
    metric("cpi_scheduler_leader", "gauge", "1 while this process holds the scheduler lease, 0 while it stands by (absent when it does not campaign).", leader === null ? [] : [["", leader ? 1 : 0]]);
    metric("cpi_http_requests_total", "counter", "HTTP requests served by this process, by route and status.", [...requests].sort());
    metric("cpi_observations", "gauge", "Observations stored.", [["", await deps.store.countObservations()]]);
    const latest = await Promise.all(deps.methodology.indices.map(async (d) => [d.code, await deps.store.latestFixing(d.code)] as const));
    const valued = latest.filter(([, f]) => f !== null && f.value !== null);
    metric("cpi_index_latest_value", "gauge", "Latest published value per index, as published (exact decimal).", valued.map(([code, f]) => [`index="${code}"`, f!.value!]));
    metric("cpi_index_latest_fixing_timestamp_seconds", "gauge", "Fixing time of the latest fixing per index.", latest.flatMap(([code, f]) => (f ? [[`index="${code}"`, seconds(f.fixingTime)!] as [string, string]] : [])));
    metric("cpi_index_latest_providers", "gauge", "Providers in the latest fixing per index.", latest.flatMap(([code, f]) => (f ? [[`index="${code}"`, f.providerCount] as [string, number]] : [])));
    const now = deps.now?.() ?? new Date();
    const inputAges = await Promise.all(latest.map(async ([code, f]) => [code, f ? ageSeconds(await newestInputAt(deps.store, f), now) : null] as const));
    metric("cpi_index_input_age_seconds", "gauge", "Age of the newest observation used by the latest fixing per index (absent for fixings without inputs).", inputAges.flatMap(([code, age]) => (age === null ? [] : [[`index="${code}"`, age] as [string, number]])));
    const sources = await sourceRows(deps);
    metric("cpi_source_age_seconds", "gauge", "Seconds since the last successful run per source (freshness).", sources.flatMap((s) => (s.lastSuccessAt ? [[`source="${label(s.id)}"`, ageSeconds(s.lastSuccessAt, now)!] as [string, number]] : [])));
    metric("cpi_source_up", "gauge", "1 when the source's last run succeeded (disabled and pending sources are 0).", sources.map((s) => [`source="${label(s.id)}"`, s.health === "healthy" ? 1 : 0]));
    metric("cpi_source_enabled", "gauge", "1 when the source is enabled.", sources.map((s) => [`source="${label(s.id)}"`, s.enabled ? 1 : 0]));
    metric("cpi_source_runs", "gauge", "Collection runs recorded per source.", sources.map((s) => [`source="${label(s.id)}"`, s.runs]));
    metric("cpi_source_last_success_timestamp_seconds", "gauge", "Time of the last successful run per source.", sources.flatMap((s) => (s.lastSuccessAt ? [[`source="${label(s.id)}"`, seconds(s.lastSuccessAt)!] as [string, string]] : [])));
    return lines.join("\n") + "\n";
  }

  const routes = [
    route({
      path: "/metrics",
      operationId: "getMetrics",
      summary: "Prometheus metrics (text exposition format 0.0.4)",
      tag: "status",
      produces: ["text/plain"],
      cache: "live",
      handle: async (c) => c.body(await render(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
    }),
  ];
  return { middleware, count, routes };
}
