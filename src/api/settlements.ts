// Contract settlements: one month's lifecycle (provisional, final), a series' finals, the public restatement register.
import { z } from "zod";
import { findContract, monthDates } from "../index/index.ts";
import type { ContractBook } from "../schemas/contract.ts";
import { ContractMonth, type Restatement, type SettlementDay, type SettlementRecord } from "../schemas/settlement.ts";
import { settlementView } from "../jobs/settlement-view.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { date, format, intParam, text, time, withRange } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";
import { CodeParam, findDefinition } from "./indices.ts";
import { asOfIso } from "./fixings.ts";
import { RestatementPage, SettlementList, SettlementView } from "./settlement-views.ts";
import type { CsvColumn } from "./csv.ts";

const dayColumns: CsvColumn<SettlementDay>[] = [
  { name: "fixing_date", value: (r) => r.fixingDate },
  { name: "used", value: (r) => r.counted && r.value !== null },
  { name: "status", value: (r) => r.status },
  { name: "revision", value: (r) => r.revision },
  { name: "value", value: (r) => r.value },
  { name: "reason", value: (r) => r.reason },
  { name: "kind", value: (r) => r.kind },
];

const finalColumns: CsvColumn<SettlementRecord>[] = [
  { name: "contract", value: (r) => r.contract },
  { name: "month", value: (r) => r.month },
  { name: "revision", value: (r) => r.revision },
  { name: "value", value: (r) => r.value },
  { name: "method", value: (r) => r.method },
  { name: "computed_days", value: (r) => r.coverage.computedDays },
  { name: "carried_days", value: (r) => r.coverage.carriedDays },
  { name: "coverage_share", value: (r) => r.coverage.share },
  { name: "methodology_versions", value: (r) => r.methodologyVersions.join(" ") },
  { name: "freeze_at", value: (r) => r.freezeAt },
  { name: "cutoff", value: (r) => r.cutoff },
  { name: "published_at", value: (r) => r.publishedAt },
  { name: "hash", value: (r) => r.hash },
  { name: "signature", value: (r) => r.signature },
  { name: "basis", value: (r) => r.basis },
];

const restatementColumns: CsvColumn<Restatement>[] = [
  { name: "index", value: (r) => r.indexCode },
  { name: "fixing_date", value: (r) => r.fixingDate },
  { name: "revision", value: (r) => r.revision },
  { name: "old_value", value: (r) => r.oldValue },
  { name: "new_value", value: (r) => r.newValue },
  { name: "old_status", value: (r) => r.oldStatus },
  { name: "new_status", value: (r) => r.newStatus },
  { name: "reason", value: (r) => r.reason },
  { name: "published_at", value: (r) => r.publishedAt },
  { name: "restated_at", value: (r) => r.restatedAt },
  { name: "methodology_version", value: (r) => r.methodologyVersion },
  { name: "hash", value: (r) => r.hash },
];

/** Sets a Link: rel=next header from the current URL when there is a next page. */
function nextLink(url: string, cursor: string | number | null): Record<string, string> {
  if (cursor === null) return {};
  const next = new URL(url);
  next.searchParams.set("cursor", String(cursor));
  return { link: `<${next.pathname}${next.search}>; rel="next"` };
}

export const RestatementQuery = withRange(
  z
    .object({
      index: text("only restatements of this index code").optional(),
      from: date("first fixing date (inclusive)").optional(),
      to: date("last fixing date (inclusive)").optional(),
      limit: intParam(1, API_LIMITS.restatementsPageMax, API_LIMITS.restatementsPageDefault, "page size"),
      cursor: z.coerce.number({ error: "must be a restatement id" }).int({ error: "must be a restatement id" }).positive({ error: "must be a restatement id" }).optional().describe("continue after this id (nextCursor)"),
      format,
    })
    .strict(),
);

export function settlementRoutes(deps: AppDeps, book: ContractBook): AnyRoute[] {
  return [
    route({
      path: "/v1/indices/:code/settlement",
      operationId: "getSettlement",
      summary: "Monthly settlement: provisional while the month runs, the stored final record from the freeze on",
      description:
        "Contract series (methodology/contracts.md): coverage rule, carried-day limit and fallback; final = the signed record written at the freeze, " +
        "served whatever is restated later (restatementsAfterFreeze lists those). Other indices: the indicative mean. Defaults to the last complete month.",
      tag: "indices",
      params: CodeParam,
      query: z
        .object({
          month: ContractMonth.optional().describe("YYYY-MM (default: last complete month)"),
          as_of: time("the settlement as it stood at this time").optional(),
          format,
        })
        .strict(),
      response: SettlementView,
      produces: ["application/json", "text/csv"],
      errors: [404],
      cache: "data",
      handle: async (c, { params, query }) => {
        const def = findDefinition(deps, params.code);
        const now = deps.now?.() ?? new Date();
        const month = query.month ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
        const view = await settlementView(deps.store, book, def, month, now, asOfIso(query.as_of));
        const rows: SettlementDay[] = view.days.length > 0 ? view.days : monthDates(month).map((d) => indicativeDay(view, d));
        return respondList(c, { format: query.format, fileName: `${def.code}_settlement_${month}.csv`, columns: dayColumns, rows, json: () => view });
      },
    }),
    route({
      path: "/v1/contracts/:series/settlements",
      operationId: "listFinalSettlements",
      summary: "Every final settlement of one contract series, by month, with its hash and signature",
      tag: "indices",
      params: z.object({ series: z.string().describe("contract series = index code, e.g. GPU-H100SXM-OD (case-insensitive)") }),
      query: z
        .object({
          limit: intParam(1, API_LIMITS.settlementsPageMax, API_LIMITS.settlementsPageDefault, "page size"),
          cursor: ContractMonth.optional().describe("continue after this month (nextCursor)"),
          format,
        })
        .strict(),
      response: SettlementList,
      produces: ["application/json", "text/csv"],
      errors: [404],
      cache: "data",
      handle: async (c, { params, query }) => {
        const spec = findContract(book, params.series.toUpperCase());
        if (!spec) throw new ApiError(404, "not_found", `no contract on "${params.series}" (methodology/contracts.json)`, "series");
        const rows = await deps.store.listSettlements({ contract: spec.index, afterMonth: query.cursor, limit: query.limit + 1 });
        const page = rows.slice(0, query.limit);
        const nextCursor = rows.length > query.limit ? page[page.length - 1]!.month : null;
        return respondList(c, {
          format: query.format,
          fileName: `${spec.index}_final_settlements.csv`,
          columns: finalColumns,
          rows: page,
          headers: nextLink(c.req.url, nextCursor),
          json: () => ({ contract: spec.index, count: page.length, nextCursor, data: page }),
        });
      },
    }),
    route({
      path: "/v1/restatements",
      operationId: "listRestatements",
      summary: "The restatement register: every fixing revision that replaced a published one, old and new value, reason",
      description: "In publication order of the restating revision; nextCursor (and a Link: rel=next header) gives the next page.",
      tag: "indices",
      query: RestatementQuery,
      response: RestatementPage,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: async (c, { query: q }) => {
        const rows = await deps.store.listRestatements({ indexCode: q.index?.toUpperCase(), from: q.from, to: q.to, afterId: q.cursor, limit: q.limit + 1 });
        const page = rows.slice(0, q.limit);
        const nextCursor = rows.length > q.limit ? page[page.length - 1]!.id : null;
        return respondList(c, {
          format: q.format,
          fileName: `cpi_restatements${q.index ? `_${q.index.toUpperCase()}` : ""}${q.from || q.to ? `_${q.from ?? "start"}_${q.to ?? "end"}` : ""}.csv`,
          columns: restatementColumns,
          rows: page,
          headers: nextLink(c.req.url, nextCursor),
          json: () => ({ count: page.length, nextCursor, data: page }),
        });
      },
    }),
  ];
}

/** A CSV day row of an index without a contract (used or skipped, as the indicative mean counted it). */
function indicativeDay(view: Awaited<ReturnType<typeof settlementView>>, fixingDate: string): SettlementDay {
  const used = view.used.find((u) => u.fixingDate === fixingDate);
  const reason = view.skipped.find((s) => s.fixingDate === fixingDate)?.reason ?? null;
  if (used) return { fixingDate, kind: "computed", counted: true, value: used.value, status: used.status, revision: used.revision, hash: null, reason: null };
  return { fixingDate, kind: "excluded", counted: false, value: null, status: null, revision: null, hash: null, reason };
}
