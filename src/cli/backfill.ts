// `cpi backfill [--from D] [--to D] [--index CODE]`: back-calculated fixings over stored (imported) history.
import { backfill } from "../jobs/history.ts";
import { silentLogger } from "../jobs/logger.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  for (const name of ["from", "to"] as const) {
    const v = options[name];
    if (v !== undefined && (typeof v !== "string" || !DATE.test(v))) {
      io.err(`cpi backfill: --${name} must be YYYY-MM-DD`);
      return 2;
    }
  }
  const codes = typeof options.index === "string" ? options.index.split(",").map((c) => c.trim().toUpperCase()) : undefined;
  return withContext(io, async ({ store, methodology, versions, signer }) => {
    const outcomes = await backfill(store, { methodology, versions, signer, now: clockOf(io), log: silentLogger }, {
      from: typeof options.from === "string" ? options.from : undefined,
      to: typeof options.to === "string" ? options.to : undefined,
      codes,
    });
    const published = outcomes.filter((o) => o.published);
    const perIndex = new Map<string, number>();
    for (const o of published) perIndex.set(o.code, (perIndex.get(o.code) ?? 0) + 1);
    for (const [code, n] of perIndex) io.out(`${code.padEnd(28)} ${n} back-calculated fixings`);
    io.out(`${published.length} published, ${outcomes.length - published.length} dates already had a publication`);
    return 0;
  });
}
