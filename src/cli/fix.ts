// `cpi fix [--date D] [--index CODE]`: compute and publish the fixings of a date (idempotent per date).
import { fixAll, latestDueDate } from "../jobs/fix.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const date = typeof options.date === "string" ? options.date : null;
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    io.err(`cpi fix: --date must be YYYY-MM-DD, got "${date}"`);
    return 2;
  }
  const codes = typeof options.index === "string" ? options.index.split(",").map((c) => c.trim().toUpperCase()) : undefined;
  return withContext(io, async ({ store, methodology, versions, signer }) => {
    const unknown = (codes ?? []).filter((c) => !methodology.indices.some((d) => d.code === c));
    if (unknown.length > 0) {
      io.err(`cpi fix: unknown index ${unknown.join(", ")}`);
      return 2;
    }
    const now = clockOf(io);
    const deps = { store, signer, methodology, versions, now };
    const byDate = new Map<string, string[]>();
    for (const def of methodology.indices) {
      if (codes && !codes.includes(def.code)) continue;
      const d = date ?? latestDueDate(def, now());
      byDate.set(d, [...(byDate.get(d) ?? []), def.code]);
    }
    for (const [d, list] of byDate) {
      for (const o of await fixAll(d, "final", deps, list)) {
        const f = o.fixing;
        io.out(JSON.stringify({ index: o.code, date: o.date, published: o.published, status: f.status, value: f.value, observations: f.observationCount, providers: f.providerCount, revision: f.revision, note: f.note }));
      }
    }
    return 0;
  });
}
