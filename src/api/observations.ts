// /v1/observations (JSON pages, CSV streamed in constant memory), /v1/unmapped, /v1/captures/:id.
import { z } from "zod";
import { Metric, ProviderTier, type Observation } from "../schemas/observation.ts";
import { InputTier, Term } from "../schemas/quote.ts";
import { OBSERVATION_EXPORT_COLUMNS, type ObservationFilter } from "../db/index.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { notModifiedFor, weakEtag } from "./cache.ts";
import { API_LIMITS, CACHE_POLICY } from "./limits.ts";
import { dateOrTime, endOf, enumOf, enumParam, format, idList, intParam, startOf, text, withRange } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondCsvRecords, respondList, wantedFormat } from "./respond.ts";
import { CaptureView, ObservationPage, UnmappedList } from "./views.ts";
import type { CsvColumn } from "./csv.ts";
import type { UnmappedName } from "../db/index.ts";

export const ObservationsQuery = withRange(
  z
    .object({
      kind: enumParam(["gpu", "token"], "gpu or token").optional(),
      class: idList("hardware class ids, e.g. h100-sxm-80gb").optional(),
      model: idList("canonical model ids, e.g. openai/gpt-oss-120b").optional(),
      metric: enumOf(Metric.enum, "price component").optional(),
      provider: text("provider id, e.g. lambda").optional(),
      provider_tier: enumOf(ProviderTier.enum, "provider tier").optional(),
      term: enumOf(Term.enum, "lease term").optional(),
      region: text("region as the source names it, e.g. us-east-1").optional(),
      source: text("source id, e.g. skypilot-aws").optional(),
      tier: enumOf(InputTier.enum, "input tier").optional(),
      from: dateOrTime("observed at or after (a date means 00:00 UTC)").optional(),
      to: dateOrTime("observed before (a date includes that whole day)").optional(),
      cursor: intParam(0, Number.MAX_SAFE_INTEGER, 0, "continue after this observation id (nextCursor)"),
      limit: intParam(1, API_LIMITS.observationsPageMax, API_LIMITS.observationsPageDefault, "page size (JSON only; CSV streams every row)"),
      format,
    })
    .strict(),
);
type ObservationsQuery = z.output<typeof ObservationsQuery>;


function filterOf(q: ObservationsQuery): ObservationFilter {
  const products = [...(q.class ?? []), ...(q.model ?? [])];
  return {
    kind: q.kind,
    products: products.length ? products : undefined,
    metric: q.metric,
    provider: q.provider,
    term: q.term,
    region: q.region,
    source: q.source,
    providerTier: q.provider_tier,
    tier: q.tier,
    from: q.from ? startOf(q.from) : undefined,
    to: q.to ? endOf(q.to) : undefined,
    afterId: q.cursor > 0 ? q.cursor : undefined,
  };
}

function csvName(q: ObservationsQuery): string {
  const what = [...(q.class ?? []), ...(q.model ?? []), q.kind, q.metric, q.provider, q.term, q.source].filter(Boolean).join("_") || "all";
  return `cpi_observations_${what}_${q.from?.slice(0, 10) ?? "start"}_${q.to?.slice(0, 10) ?? "end"}.csv`;
}

export function observationRoutes(deps: AppDeps, nonce: string): AnyRoute[] {
  return [
    route({
      path: "/v1/observations",
      operationId: "listObservations",
      summary: "Normalized price observations (JSON by cursor pages; CSV streams every matching row)",
      tag: "observations",
      query: ObservationsQuery,
      response: ObservationPage,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: async (c, { query }) => {
        const filter = filterOf(query);
        if (wantedFormat(c, query.format) === "csv") {
          const etag = weakEtag(nonce, await deps.store.dataVersion(), c.req.url, "csv");
          const cached = notModifiedFor(c, etag, CACHE_POLICY.data);
          if (cached) return cached;
          // Stored values straight to CSV (attrs as stored JSON text): no Observation is built for a download.
          return respondCsvRecords(c, csvName(query), OBSERVATION_EXPORT_COLUMNS, deps.store.iterateObservationRecords(filter), { etag });
        }
        const page = await deps.store.queryObservations({ ...filter, limit: query.limit + 1 });
        const nextCursor = page.length > query.limit ? page[query.limit - 1]!.id : null;
        const data = page.slice(0, query.limit).map((o) => ({ ...o, capture: o.captureId ? `/v1/captures/${o.captureId}` : null }));
        return c.json({ count: data.length, nextCursor, data });
      },
    }),
    route({
      path: "/v1/unmapped",
      operationId: "listUnmapped",
      summary: "Raw names no class or model could be assigned to (never fixed on), most frequent first",
      tag: "observations",
      query: z.object({ source: text("source id").optional(), kind: enumParam(["gpu", "token"], "gpu or token").optional(), format }).strict(),
      response: UnmappedList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: async (c, { query }) => {
        const rows = (await deps.store.unmapped()).filter((u) => (!query.source || u.source === query.source) && (!query.kind || u.kind === query.kind));
        return respondList(c, {
          format: query.format,
          fileName: "cpi_unmapped.csv",
          columns: [
            { name: "source", value: (u: UnmappedName) => u.source },
            { name: "kind", value: (u) => u.kind },
            { name: "raw_name", value: (u) => u.rawName },
            { name: "count", value: (u) => u.count },
            { name: "last_seen", value: (u) => u.lastSeen },
            { name: "reason", value: (u) => u.reason },
          ],
          rows,
          json: () => ({ count: rows.length, data: rows }),
        });
      },
    }),
    route({
      path: "/v1/captures/:id",
      operationId: "getCapture",
      summary: "Metadata of one raw capture (source, URL, time, sha256, size): the audit trail of an observation",
      tag: "observations",
      params: z.object({ id: intParam(1, Number.MAX_SAFE_INTEGER, 1, "capture id") }),
      response: CaptureView,
      errors: [404],
      cache: "data",
      handle: async (c, { params }) => {
        const meta = await deps.store.getCaptureMeta(params.id);
        if (!meta) throw new ApiError(404, "not_found", `no capture ${params.id}`);
        return c.json(meta);
      },
    }),
  ];
}
