// `cpi settle <CODE> --month YYYY-MM [--indicative] [--as-of T]`: the monthly settlement price with its fixings.
import { computeSettlement } from "../index/index.ts";
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const code = positional[0]?.toUpperCase();
  const month = options.month;
  if (!code || typeof month !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    io.err("usage: cpi settle <CODE> --month YYYY-MM [--indicative] [--as-of ISO]");
    return 2;
  }
  const asOf = typeof options["as-of"] === "string" ? new Date(options["as-of"]).toISOString() : undefined;
  return withContext(io, async ({ store, methodology }) => {
    const def = methodology.indices.find((d) => d.code === code);
    if (!def) {
      io.err(`cpi settle: unknown index ${code}`);
      return 2;
    }
    const fixings = await store.fixingHistory(code, { from: `${month}-01`, to: `${month}-31`, asOf });
    const settlement = computeSettlement(def, fixings, month, { indicative: options.indicative === true });
    io.out(JSON.stringify(settlement, null, 2));
    return settlement.value === null ? 1 : 0;
  });
}
