// `cpi sources`: every source with schedule, enabled or disabled and why, last success and error, health.
import { allSources, sourceState } from "../sources/registry.ts";
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  return withContext(io, async ({ store }) => {
    const health = new Map((await store.sourceHealth()).map((h) => [h.sourceId, h]));
    const rows = allSources.map((s) => {
      const state = sourceState(s, io.env);
      const h = health.get(s.id);
      return {
        id: s.id,
        kind: s.kind,
        schedule: s.schedule,
        state: !state.enabled ? "disabled" : (h?.lastStatus ?? "pending"),
        reason: state.reason,
        lastSuccessAt: h?.lastSuccessAt ?? null,
        lastErrorAt: h?.lastErrorAt ?? null,
        lastError: h?.lastError ?? null,
        rowsLastParsed: h?.lastQuotes ?? null,
      };
    });
    if (options.json === true) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    io.out(`${"source".padEnd(22)}${"kind".padEnd(7)}${"state".padEnd(14)}${"schedule".padEnd(16)}${"rows".padStart(7)}  last success / note`);
    for (const r of rows) {
      const note = r.reason ?? r.lastError ?? "";
      io.out(`${r.id.padEnd(22)}${r.kind.padEnd(7)}${r.state.padEnd(14)}${r.schedule.padEnd(16)}${String(r.rowsLastParsed ?? "-").padStart(7)}  ${r.lastSuccessAt ?? "never"}${note ? `  ${note.slice(0, 120)}` : ""}`);
    }
    return 0;
  });
}
