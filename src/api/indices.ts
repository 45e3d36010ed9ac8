// /v1/indices and /v1/indices/:code: definitions with the latest fixing, changes and an optional sparkline.
import { z } from "zod";
import { Term } from "../schemas/quote.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { changes, daysBefore, fixingSummary, methodologySummary } from "./board.ts";
import { API_LIMITS } from "./limits.ts";
import { enumOf, enumParam, format, intParam, text } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { tokensPerChineseChar, tokenizerOf, type Taxonomy } from "./taxonomy.ts";
import { IndexDetail, IndexList, type IndexRow } from "./views.ts";
import type { CsvColumn } from "./csv.ts";
import { liveState } from "./live-state.ts";

export const IndexListQuery = z
  .object({
    family: enumParam(["gpu", "token"], "gpu or token"),
    unit: text("unit, e.g. USD/GPU-hour"),
    currency: text("currency of the unit, e.g. USD"),
    class: text("hardware class id, e.g. h100-sxm-80gb"),
    model: text("canonical model id, e.g. openai/gpt-oss-120b"),
    term: enumOf(Term.enum, "lease term of GPU indices"),
    spark: intParam(0, API_LIMITS.sparkMaxDays, 0, "attach the last N days of values per index (JSON only)"),
    format,
  })
  .partial({ family: true, unit: true, currency: true, class: true, model: true, term: true })
  .strict();

export const CodeParam = z.object({ code: z.string().describe("index code, e.g. GPU-H100SXM-OD (case-insensitive)") });

function matches(def: IndexDefinition, q: z.output<typeof IndexListQuery>): boolean {
  if (q.family && def.family !== q.family) return false;
  if (q.unit && def.unit !== q.unit) return false;
  if (q.currency && def.currency !== q.currency.toUpperCase()) return false;
  if (q.class && !(def.product.kind === "gpu" && def.product.classIds.includes(q.class))) return false;
  if (q.model && !(def.product.kind === "token" && def.product.models.includes(q.model))) return false;
  if (q.term && !(def.product.kind === "gpu" && def.product.term === q.term)) return false;
  return true;
}

export function findDefinition(deps: AppDeps, code: string): IndexDefinition {
  const def = deps.methodology.indices.find((d) => d.code === code.toUpperCase());
  if (!def) throw new ApiError(404, "not_found", `unknown index "${code}" (see /v1/indices)`, "code");
  return def;
}

/** One board row: definition, latest fixing, changes, and `sparkDays` of history when asked. */
export async function indexRow(deps: AppDeps, def: IndexDefinition, sparkDays = 0): Promise<IndexRow> {
  const latest = await deps.store.latestFixing(def.code);
  // Changes and the sparkline run to the last published number, which a later no-value fallback does not erase.
  const lastValue = latest && latest.value !== null ? latest : await deps.store.latestValuedFixing(def.code);
  const history = lastValue ? await deps.store.fixingHistory(def.code, { from: daysBefore(lastValue.fixingDate, Math.max(45, sparkDays)), to: lastValue.fixingDate }) : [];
  const row: IndexRow = {
    code: def.code,
    name: def.name,
    family: def.family,
    unit: def.unit,
    currency: def.currency,
    product: def.product,
    fixing: def.fixing,
    estimator: def.estimator,
    methodologyVersion: deps.methodology.version,
    document: `/methodology/${def.document}`,
    latest: latest ? fixingSummary(latest) : null,
    lastValue: lastValue ? fixingSummary(lastValue) : null,
    changes: changes(lastValue, history),
    live: await liveState(deps, def),
  };
  if (sparkDays > 0 && lastValue) {
    const since = daysBefore(lastValue.fixingDate, sparkDays - 1);
    row.spark = history.filter((f) => f.fixingDate >= since).map((f) => ({ date: f.fixingDate, value: f.value, status: f.status }));
  }
  return row;
}

const indexColumns: CsvColumn<IndexRow>[] = [
  { name: "code", value: (r) => r.code },
  { name: "name", value: (r) => r.name },
  { name: "family", value: (r) => r.family },
  { name: "unit", value: (r) => r.unit },
  { name: "currency", value: (r) => r.currency },
  { name: "methodology_version", value: (r) => r.methodologyVersion },
  { name: "latest_date", value: (r) => r.latest?.fixingDate },
  { name: "latest_value", value: (r) => r.latest?.value },
  { name: "latest_status", value: (r) => r.latest?.status },
  { name: "provider_count", value: (r) => r.latest?.providerCount },
  { name: "last_value_date", value: (r) => r.lastValue?.fixingDate },
  { name: "last_value", value: (r) => r.lastValue?.value },
  { name: "last_value_status", value: (r) => r.lastValue?.status },
  { name: "change_1d", value: (r) => r.changes.d1?.change },
  { name: "change_1d_pct", value: (r) => r.changes.d1?.percent },
  { name: "change_7d", value: (r) => r.changes.d7?.change },
  { name: "change_7d_pct", value: (r) => r.changes.d7?.percent },
  { name: "change_30d", value: (r) => r.changes.d30?.change },
  { name: "change_30d_pct", value: (r) => r.changes.d30?.percent },
  { name: "document", value: (r) => r.document },
  // Appended: the boundary between back-calculated history and the live series, and the first live fixing awaited.
  { name: "back_calculated_until", value: (r) => r.live.backCalculatedUntil },
  { name: "live_since", value: (r) => r.live.liveSince },
  { name: "waiting_next_fixing_time", value: (r) => r.live.waiting?.nextFixingTime },
];

export function indexRoutes(deps: AppDeps, taxonomy: Taxonomy): AnyRoute[] {
  return [
    route({
      path: "/v1/indices",
      operationId: "listIndices",
      summary: "Every index with its latest fixing and changes over 1, 7 and 30 days",
      tag: "indices",
      query: IndexListQuery,
      response: IndexList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: async (c, { query }) => {
        const defs = deps.methodology.indices.filter((d) => matches(d, query));
        const rows = await Promise.all(defs.map((d) => indexRow(deps, d, query.spark)));
        return respondList(c, {
          format: query.format,
          fileName: `cpi_indices_${(deps.now?.() ?? new Date()).toISOString().slice(0, 10)}.csv`,
          columns: indexColumns,
          rows,
          json: () => ({ methodologyVersion: deps.methodology.version, count: rows.length, data: rows }),
        });
      },
    }),
    route({
      path: "/v1/indices/:code",
      operationId: "getIndex",
      summary: "One index: definition, methodology version and document, summary, latest fixing",
      tag: "indices",
      params: CodeParam,
      query: z.object({ spark: intParam(0, API_LIMITS.sparkMaxDays, 0, "attach the last N days of values") }).strict(),
      response: IndexDetail,
      errors: [404],
      cache: "data",
      handle: async (c, { params, query }) => {
        const def = findDefinition(deps, params.code);
        const tokenizer = tokenizerOf(taxonomy, def);
        return c.json({
          ...(await indexRow(deps, def, query.spark)),
          definition: def,
          summary: methodologySummary(def),
          tokenizer,
          tokensPerChineseChar: tokenizer ? tokensPerChineseChar(tokenizer) : null,
        });
      },
    }),
  ];
}
