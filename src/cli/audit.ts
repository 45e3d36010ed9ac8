// `cpi audit [--limit N] [--json]`: the operator audit log (corrections, refusals, key rotations), newest first.
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    io.err("cpi audit: --limit must be an integer from 1 to 100000");
    return 2;
  }
  return withContext(io, async ({ store }) => {
    const entries = await store.listAudit(limit);
    for (const e of entries) io.out(options.json ? JSON.stringify(e) : `${e.at}  ${e.actor}  ${e.action}  ${e.target}  ${e.reason}`);
    if (entries.length === 0 && !options.json) io.err("cpi audit: the audit log is empty");
    return 0;
  });
}
