// /v1/contracts: the contract book (methodology/contracts.json) with each series' trial status, listed months and rules in words.
import { z } from "zod";
import type { ContractBook, ContractSpec } from "../schemas/contract.ts";
import { SettlementCalendar, ContractSpec as ContractSpecSchema, ContractTerms } from "../schemas/contract.ts";
import { contractStatus, firstSettleableMonth, freezeTime, listedMonths } from "../index/contracts.ts";
import type { AppDeps } from "./deps.ts";
import { format } from "./params.ts";
import { route, type AnyRoute } from "./registry.ts";
import { respondList } from "./respond.ts";

/** The fallback steps of a month under the coverage rule, in order (methodology/contracts.md; settleContractMonth). */
export const FALLBACK_STEPS = [
  "the last computed fixing of the contract month",
  "else the previous contract month's final settlement value",
  "else no value: the administrator's determination procedure applies",
] as const;

export const ContractRow = ContractSpecSchema.extend({
  name: z.string().describe("the index's name"),
  indexUnit: z.string().describe("unit of the index value, e.g. USD/GPU-hour"),
  firstSettleableMonth: z.string().describe("first month beginning on or after the trial's end"),
  status: z.enum(["settleable", "shadow"]).describe("for the current month: shadow = trial period, visible, never settles"),
  listed: z.array(z.string()).describe("months listed today"),
  currentFreezeAt: z.string().describe("freeze of the current month's settlement"),
});
export type ContractRow = z.infer<typeof ContractRow>;

export const ContractList = z.object({
  today: z.string().describe("the publisher's current date (UTC) that status, listed months and freeze refer to"),
  version: z.string(),
  document: z.string().describe("link to the contract terms document"),
  calendar: SettlementCalendar,
  terms: ContractTerms,
  rules: z.object({ freeze: z.string(), coverage: z.string(), carried: z.string(), fallback: z.array(z.string()) }).describe("the shared terms in words"),
  count: z.number().int(),
  data: z.array(ContractRow),
});

const ordinal = (n: number) => `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;

export function contractRules(book: ContractBook): z.infer<typeof ContractList>["rules"] {
  const t = book.terms;
  return {
    freeze: `${t.freeze.time} UTC on the ${ordinal(t.freeze.businessDaysAfterMonthEnd)} business day after the month ends (calendar ${book.calendar.id})`,
    coverage: `at least ${Math.round(t.coverage.minComputedShare * 100)}% of the calendar days (rounded up) with a computed, not carried, live fixing; below it the fallback applies`,
    carried: `at most ${t.maxCarriedDays} carried (fallback) days of a month enter the mean; later ones are listed and skipped`,
    fallback: [...FALLBACK_STEPS],
  };
}

function contractRow(deps: AppDeps, book: ContractBook, spec: ContractSpec, today: string): ContractRow {
  const def = deps.methodology.indices.find((d) => d.code === spec.index);
  const month = today.slice(0, 7);
  return {
    ...spec,
    name: def?.name ?? spec.index,
    indexUnit: def?.unit ?? spec.unit,
    firstSettleableMonth: firstSettleableMonth(spec),
    status: contractStatus(spec, month),
    listed: listedMonths(spec, today),
    currentFreezeAt: freezeTime(book, month),
  };
}

/** `contracts` is called on the first request (apps built over a test methodology without the series never load it). */
export function contractRoutes(deps: AppDeps, contracts: () => ContractBook): AnyRoute[] {
  return [
    route({
      path: "/v1/contracts",
      operationId: "listContracts",
      summary: "Contract specifications of every settleable series: unit, multiplier, months, freeze, coverage rule, fallback, trial status",
      tag: "indices",
      query: z.object({ format }).strict(),
      response: ContractList,
      produces: ["application/json", "text/csv"],
      cache: "data",
      handle: (c, { query }) => {
        const book = contracts();
        const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
        const rows = book.contracts.map((s) => contractRow(deps, book, s, today));
        return respondList(c, {
          format: query.format,
          fileName: `cpi_contracts_v${book.version}.csv`,
          columns: [
            { name: "index", value: (r: ContractRow) => r.index },
            { name: "unit", value: (r) => r.unit },
            { name: "multiplier", value: (r) => r.multiplier },
            { name: "currency", value: (r) => r.currency },
            { name: "region", value: (r) => r.region },
            { name: "listed_months", value: (r) => r.listedMonths },
            { name: "rounding_decimals", value: (r) => r.rounding.decimals },
            { name: "rounding_mode", value: (r) => r.rounding.mode },
            { name: "trial_start", value: (r) => r.trial.start },
            { name: "trial_months", value: (r) => r.trial.months },
            { name: "first_settleable_month", value: (r) => r.firstSettleableMonth },
            { name: "status", value: (r) => r.status },
            { name: "successor", value: (r) => r.successor },
          ],
          rows,
          json: () => ({ today, version: book.version, document: `/methodology/${book.document}`, calendar: book.calendar, terms: book.terms, rules: contractRules(book), count: rows.length, data: rows }),
        });
      },
    }),
  ];
}
