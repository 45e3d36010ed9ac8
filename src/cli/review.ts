// `cpi review [--from D] [--to D] [--json]`: the figures of the annual methodology review, per series (governance/oversight.md).
import { reviewMarkdown, reviewPeriod } from "../jobs/review.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const daysBefore = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const yesterday = daysBefore(clockOf(io)().toISOString().slice(0, 10), 1);
  const to = typeof options.to === "string" ? options.to : yesterday;
  const from = typeof options.from === "string" ? options.from : daysBefore(to, 364);
  if (!DATE.test(from) || !DATE.test(to) || from > to) {
    io.err("usage: cpi review [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] (default: the 365 days to yesterday)");
    return 2;
  }
  return withContext(io, async ({ store, methodology }) => {
    const rows = await reviewPeriod(store, methodology.indices, from, to);
    io.out(options.json ? JSON.stringify({ from, to, methodologyVersion: methodology.version, series: rows }) : reviewMarkdown(rows, from, to));
    return 0;
  });
}
