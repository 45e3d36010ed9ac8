// /v1/health and /v1/sources: is the publisher alive, and how is every source doing.
import { z } from "zod";
import { sourceState } from "../sources/registry.ts";
import type { AppDeps } from "./deps.ts";
import { enumParam, format } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { Health, SourceList, type SourceRow } from "./views.ts";
import { nextRunAt } from "./live-state.ts";
import { ageSeconds } from "../jobs/freshness.ts";

/**
 * A source is stale when the second scheduled run after its last success has passed without a new success
 * (one failed run is a blip; two in a row mean its prices are getting old), or when it has run but never succeeded.
 */
export function sourceFreshness(row: Pick<SourceRow, "enabled" | "schedule" | "lastSuccessAt" | "runs">, now: Date): { ageSeconds: number | null; stale: boolean; nextRunAt: string | null } {
  if (!row.enabled) return { ageSeconds: null, stale: false, nextRunAt: null };
  const next = nextRunAt(row.schedule, now);
  if (row.lastSuccessAt === null) return { ageSeconds: null, stale: row.runs > 0, nextRunAt: next };
  const firstDue = nextRunAt(row.schedule, new Date(Date.parse(row.lastSuccessAt) + 60_000));
  const secondDue = firstDue ? nextRunAt(row.schedule, new Date(Date.parse(firstDue) + 60_000)) : null;
  return { ageSeconds: ageSeconds(row.lastSuccessAt, now), stale: secondDue !== null && Date.parse(secondDue) < now.getTime(), nextRunAt: next };
}

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
        const now = deps.now?.() ?? new Date();
        const sources = (await sourceRows(deps)).map((s) => ({ ...s, ...sourceFreshness(s, now) }));
        const enabled = sources.filter((s) => s.enabled);
        const failing = enabled.filter((s) => s.health === "error" || s.health === "degraded");
        // A stale source degrades the publisher (its prices are ageing) without counting as failing.
        const stale = enabled.filter((s) => s.stale);
        const latest = (await Promise.all(deps.methodology.indices.map((d) => deps.store.latestFixing(d.code)))).reduce<string | null>(
          (max, f) => (f && (max === null || f.fixingDate > max) ? f.fixingDate : max),
          null,
        );
        return c.json({
          status: failing.length > 0 && failing.length === enabled.length ? "failing" : failing.length > 0 || stale.length > 0 ? "degraded" : "ok",
          now: now.toISOString(),
          methodologyVersion: deps.methodology.version,
          observations: await deps.store.countObservations(),
          latestFixingDate: latest,
          role: deps.node?.role ?? "all",
          leader: deps.node?.leader() ?? null,
          stale: stale.map((s) => s.id),
          sources: sources.map((s) => ({ id: s.id, enabled: s.enabled, health: s.health, lastSuccessAt: s.lastSuccessAt, lastErrorAt: s.lastErrorAt, lastError: s.lastError, ageSeconds: s.ageSeconds, stale: s.stale, nextRunAt: s.nextRunAt })),
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
