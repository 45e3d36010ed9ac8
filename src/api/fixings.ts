// /v1/indices/:code/fixings (history, as-of, status filter, cursor), the latest fixing, one fixing with its inputs.
import { z } from "zod";
import { FixingStatus, type Fixing } from "../schemas/fixing.ts";
import type { Observation } from "../schemas/observation.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { fixingSummary } from "./board.ts";
import { fixingColumnsFor } from "./fixing-view.ts";
import { API_LIMITS } from "./limits.ts";
import { date, enumList, format, intParam, time, withRange } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { CodeParam, findDefinition } from "./indices.ts";
import { FixingDetail, FixingPage, FixingSummary, type ProviderRow } from "./views.ts";
import type { CsvColumn } from "./csv.ts";

export const FixingsQuery = withRange(
  z
    .object({
      from: date("first fixing date (inclusive)").optional(),
      to: date("last fixing date (inclusive)").optional(),
      as_of: time("what had been published at this time (later revisions hidden)").optional(),
      status: enumList(FixingStatus.enum, "only fixings with these statuses").optional(),
      limit: intParam(1, API_LIMITS.fixingsPageMax, API_LIMITS.fixingsPageDefault, "page size"),
      cursor: date("continue after this fixing date (nextCursor of the previous page)").optional(),
      format,
    })
    .strict(),
);

export const asOfIso = (asOf: string | undefined) => (asOf ? new Date(asOf).toISOString() : undefined);

/** Included inputs, then exclusions grouped by provider and reason (price: the latest excluded observation's). */
export function providerRows(fixing: Fixing, observations: readonly Observation[]): ProviderRow[] {
  const byId = new Map(observations.map((o) => [o.id, o]));
  const rows: ProviderRow[] = fixing.inputs.map((i) => ({ provider: i.provider, included: true, price: i.price, weight: i.weight, reason: null, observationIds: i.observationIds }));
  const groups = new Map<string, ProviderRow>();
  for (const e of fixing.exclusions) {
    const key = `${e.provider}\u0000${e.reason}`;
    const row = groups.get(key) ?? { provider: e.provider, included: false, price: null, weight: null, reason: e.reason, observationIds: [] };
    if (e.observationId !== null) row.observationIds.push(e.observationId);
    groups.set(key, row);
  }
  for (const row of groups.values()) {
    const seen = row.observationIds.map((id) => byId.get(id)).filter((o): o is Observation => o !== undefined);
    seen.sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : a.id - b.id));
    row.price = seen[seen.length - 1]?.price ?? null;
    rows.push(row);
  }
  return rows;
}

const providerColumns: CsvColumn<ProviderRow>[] = [
  { name: "provider", value: (r) => r.provider },
  { name: "included", value: (r) => r.included },
  { name: "price", value: (r) => r.price },
  { name: "weight", value: (r) => r.weight },
  { name: "reason", value: (r) => r.reason },
  { name: "observation_ids", value: (r) => r.observationIds.join(" ") },
];

export function fixingRoutes(deps: AppDeps): AnyRoute[] {
  return [
    route({
      path: "/v1/indices/:code/fixings",
      operationId: "listFixings",
      summary: "Fixing history (latest revision per date), as published at as_of, by cursor pages",
      description: "Pages are ordered by fixing date; nextCursor (and a Link: rel=next header) gives the next page.",
      tag: "indices",
      params: CodeParam,
      query: FixingsQuery,
      response: FixingPage,
      produces: ["application/json", "text/csv"],
      errors: [404],
      cache: "data",
      handle: async (c, { params, query: q }) => {
        const def = findDefinition(deps, params.code);
        const rows = await deps.store.fixingHistory(def.code, { from: q.from, to: q.to, asOf: asOfIso(q.as_of), status: q.status, afterDate: q.cursor, limit: q.limit + 1 });
        const page = rows.slice(0, q.limit);
        const nextCursor = rows.length > q.limit ? page[page.length - 1]!.fixingDate : null;
        const headers: Record<string, string> = {};
        if (nextCursor) {
          const next = new URL(c.req.url);
          next.searchParams.set("cursor", nextCursor);
          headers["link"] = `<${next.pathname}${next.search}>; rel="next"`;
        }
        const span = `${q.from ?? page[0]?.fixingDate ?? "start"}_${q.to ?? page[page.length - 1]?.fixingDate ?? "end"}`;
        return respondList(c, {
          format: q.format,
          fileName: `${def.code}_fixings_${span}${q.as_of ? `_asof_${asOfIso(q.as_of)!.replace(/[:.]/g, "")}` : ""}.csv`,
          columns: fixingColumnsFor(page),
          rows: page,
          headers,
          json: () => ({ index: def.code, methodologyVersion: deps.methodology.version, asOf: asOfIso(q.as_of) ?? null, count: page.length, nextCursor, data: page.map(fixingSummary) }),
        });
      },
    }),
    route({
      path: "/v1/indices/:code/latest",
      operationId: "getLatestFixing",
      summary: "The latest fixing of one index (latest revision), or as published at as_of",
      tag: "indices",
      params: CodeParam,
      query: z.object({ as_of: time("the latest fixing as published at this time").optional() }).strict(),
      response: FixingSummary,
      errors: [404],
      cache: "data",
      handle: async (c, { params, query }) => {
        const def = findDefinition(deps, params.code);
        const latest = await deps.store.latestFixing(def.code, asOfIso(query.as_of));
        if (!latest) throw new ApiError(404, "not_found", `no fixing of ${def.code} published${query.as_of ? ` by ${query.as_of}` : " yet"}`);
        return c.json(fixingSummary(latest));
      },
    }),
    route({
      path: "/v1/indices/:code/fixings/:date",
      operationId: "getFixing",
      summary: "One fixing with its inputs, exclusions, revisions and the observations behind it",
      description: "CSV gives the provider table: included inputs with price and weight, then exclusions with the reason.",
      tag: "indices",
      params: CodeParam.extend({ date: date("fixing date") }),
      query: z.object({ as_of: time("the revision published at this time").optional(), format }).strict(),
      response: FixingDetail,
      produces: ["application/json", "text/csv"],
      errors: [404],
      cache: "data",
      handle: async (c, { params, query }) => {
        const def = findDefinition(deps, params.code);
        const fixing = await deps.store.getFixing(def.code, params.date, asOfIso(query.as_of));
        if (!fixing) throw new ApiError(404, "not_found", `no fixing of ${def.code} for ${params.date}${query.as_of ? ` as of ${query.as_of}` : ""}`);
        const ids = [...new Set([...fixing.inputs.flatMap((i) => i.observationIds), ...fixing.exclusions.flatMap((e) => (e.observationId === null ? [] : [e.observationId]))])];
        const observations = await deps.store.getObservations(ids);
        const providers = providerRows(fixing, observations);
        const revisions = await deps.store.fixingRevisions(def.code, params.date);
        return respondList(c, {
          format: query.format,
          fileName: `${def.code}_${params.date}_inputs.csv`,
          columns: providerColumns,
          rows: providers,
          json: () => ({
            ...fixing,
            revisions: revisions.map((r) => ({ revision: r.revision, status: r.status, value: r.value, publishedAt: r.publishedAt, note: r.note })),
            providers,
            observations: observations.map((o) => ({ ...o, capture: o.captureId ? `/v1/captures/${o.captureId}` : null })),
          }),
        });
      },
    }),
  ];
}
