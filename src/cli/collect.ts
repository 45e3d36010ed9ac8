// `cpi collect [source...]`: fetch sources now (all enabled ones by default) and ingest their captures.
import { allSources, findSource, sourceState } from "../sources/registry.ts";
import { createFetcher } from "../collect/http.ts";
import { collectionScope, collectSource } from "../jobs/collect.ts";
import { silentLogger } from "../jobs/logger.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args);
  const unknown = positional.filter((id) => !findSource(id));
  if (unknown.length > 0) {
    io.err(`cpi collect: unknown source(s): ${unknown.join(", ")} (known: ${allSources.map((s) => s.id).join(", ")})`);
    return 2;
  }
  const chosen = positional.length > 0 ? positional.map((id) => findSource(id)!) : allSources.filter((s) => sourceState(s, io.env).enabled);
  return withContext(io, async ({ store, methodology }) => {
    const fetcher = createFetcher();
    let failures = 0;
    try {
      for (const source of chosen) {
        const r = await collectSource(source, { store, fetcher, env: io.env, now: clockOf(io), log: silentLogger, scope: collectionScope(methodology) });
        if (r.status === "error") failures++;
        io.out(JSON.stringify({ source: source.id, ...r }));
      }
    } finally {
      await fetcher.close();
    }
    return failures > 0 ? 1 : 0;
  });
}
