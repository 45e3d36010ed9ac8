// /v1/health and /v1/sources: is the publisher alive, and how is every source doing.
import { z } from "zod";
import { sourceState } from "../sources/registry.ts";
import type { AppDeps } from "./deps.ts";
import { enumParam, format } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { Health, SourceList, type SourceRow } from "./views.ts";

export async function sourceRows(deps: AppDeps): Promise<SourceRow[]> {
  const health = new Map((await deps.store.sourceHealth()).map((h) => [h.sourceId, h]));
  return deps.sources.map((s) => {
    const state = sourceState(s, deps.env);
    const h = health.get(s.id);
    const lastStatus = h?.lastStatus ?? null;
    const status = !state.enabled ? "disabled" : lastStatus === null || lastStatus === "running" ? "pending" : lastStatus === "ok" || lastStatus === "not_modified" ? "healthy" : lastStatus;
    return {
      id: s.id,
      title: s.title,
      kind: s.kind,
      homepage: s.homepage,
      schedule: s.schedule,
      tier: s.tier,
      enabled: state.enabled,
      disabledReason: state.reason,
      health: status,
      lastRunAt: h?.lastRunAt ?? null,
      lastSuccessAt: h?.lastSuccessAt ?? null,
      lastErrorAt: h?.lastErrorAt ?? null,
      lastError: h?.lastError ?? null,
      rowsLastParsed: h?.lastQuotes ?? null,
      observationsLastParsed: h?.lastObservations ?? null,
      runs: h?.runs ?? 0,
    };
  });
}

const sourceColumns = (Object.keys(SourceList.shape.data.element.shape) as (keyof SourceRow)[]).map((key) => ({
  name: key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`),
  value: (r: SourceRow) => r[key],
}));

export function healthRoutes(deps: AppDeps): AnyRoute[] {
  return [
    route({
      path: "/v1/health",
      operationId: "getHealth",
      summary: "Liveness and a one-line state per source (status ok, degraded or failing)",
      tag: "status",
      response: Health,
      cache: "live",
      handle: async (c) => {
        const sources = await sourceRows(deps);
        const enabled = sources.filter((s) => s.enabled);
        const failing = enabled.filter((s) => s.health === "error" || s.health === "degraded");
        const latest = (await Promise.all(deps.methodology.indices.map((d) => deps.store.latestFixing(d.code)))).reduce<string | null>(
          (max, f) => (f && (max === null || f.fixingDate > max) ? f.fixingDate : max),
          null,
        );
        return c.json({
          status: failing.length === 0 ? "ok" : failing.length < enabled.length ? "degraded" : "failing",
          now: (deps.now?.() ?? new Date()).toISOString(),
          methodologyVersion: deps.methodology.version,
          observations: await deps.store.countObservations(),
          latestFixingDate: latest,
          role: deps.node?.role ?? "all",
          leader: deps.node?.leader() ?? null,
          sources: sources.map((s) => ({ id: s.id, enabled: s.enabled, health: s.health, lastSuccessAt: s.lastSuccessAt, lastErrorAt: s.lastErrorAt, lastError: s.lastError })),
        });
      },
    }),
    route({
      path: "/v1/sources",
      operationId: "listSources",
      summary: "Every source: schedule, input tier, enabled or why not, last run, last success, last error",
      tag: "status",
      query: z.object({ kind: enumParam(["gpu", "token", "fx"], "gpu, token or fx").optional(), format }).strict(),
      response: SourceList,
      produces: ["application/json", "text/csv"],
      cache: "live",
      handle: async (c, { query }) => {
        const rows = (await sourceRows(deps)).filter((s) => !query.kind || s.kind === query.kind);
        return respondList(c, { format: query.format, fileName: "cpi_sources.csv", columns: sourceColumns, rows, json: () => ({ count: rows.length, data: rows }) });
      },
    }),
  ];
}
