// `cpi settle <SERIES> <YYYY-MM> [--as-of T] [--indicative]`: one month's settlement lifecycle, as the API shows it;
// `cpi settle --freeze`: store the finals due now (what the scheduler does at the freeze time).
import { computeSettlement, monthDates } from "../index/index.ts";
import { loadContractBook } from "../jobs/contract-book.ts";
import { firstLiveStart } from "../jobs/first-live.ts";
import { freezeSettlements } from "../jobs/settle.ts";
import { settlementView } from "../jobs/settlement-view.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

const USAGE = "usage: cpi settle <SERIES> <YYYY-MM> [--as-of ISO] [--indicative] | cpi settle --freeze";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const now = clockOf(io);
  if (options.freeze === true) {
    return withContext(io, async ({ store, methodology, signer }) => {
      const outcomes = await freezeSettlements({ store, signer, book: loadContractBook(methodology), now }, await firstLiveStart(store));
      for (const o of outcomes) io.out(JSON.stringify({ contract: o.contract, month: o.month, value: o.record.value, method: o.record.method, published: o.published, hash: o.record.hash }));
      io.err(`cpi settle --freeze: ${outcomes.filter((o) => o.published).length} final settlements stored`);
      return 0;
    });
  }
  const code = positional[0]?.toUpperCase();
  const month = positional[1] ?? options.month;
  if (!code || typeof month !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    io.err(USAGE);
    return 2;
  }
  const asOf = typeof options["as-of"] === "string" ? new Date(options["as-of"]).toISOString() : undefined;
  return withContext(io, async ({ store, methodology }) => {
    const def = methodology.indices.find((d) => d.code === code);
    if (!def) {
      io.err(`cpi settle: unknown index ${code}`);
      return 2;
    }
    if (options.indicative === true) {
      // History analysis only: admits back-calculated days, never a contract settlement.
      const dates = monthDates(month);
      const s = computeSettlement(def, await store.fixingHistory(code, { from: dates[0], to: dates[dates.length - 1], asOf }), month, { indicative: true });
      io.out(JSON.stringify(s, null, 2));
      return s.value === null ? 1 : 0;
    }
    const view = await settlementView(store, loadContractBook(methodology), def, month, now(), asOf);
    io.out(JSON.stringify(view, null, 2));
    const c = view.coverage;
    io.err(`${code} ${month}: ${view.state}${view.stage && view.stage !== view.state ? ` (${view.stage})` : ""}, value ${view.value ?? "none"}` + (c ? `, ${c.computedDays} computed + ${c.carriedDays} carried of ${c.calendarDays} days (rule ${c.requiredComputedDays}), ${view.method}` : "") + (view.restatementsAfterFreeze.length > 0 ? `; ${view.restatementsAfterFreeze.length} restatements after the freeze (not applied)` : ""));
    return view.value === null ? 1 : 0;
  });
}
