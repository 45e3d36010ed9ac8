// `cpi unmapped [--json]`: names the classifier could not map, counted per source, with the reason.
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  return withContext(io, async ({ store }) => {
    const rows = await store.unmapped();
    if (options.json === true) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    io.out(`${"count".padStart(7)}  ${"source".padEnd(24)}${"kind".padEnd(7)}name  (reason)`);
    for (const r of rows) io.out(`${String(r.count).padStart(7)}  ${r.source.padEnd(24)}${r.kind.padEnd(7)}${r.rawName}${r.reason ? `  (${r.reason})` : ""}`);
    io.out(`${rows.length} unmapped names, ${rows.reduce((n, r) => n + r.count, 0)} observations`);
    return 0;
  });
}
