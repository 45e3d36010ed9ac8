// `cpi correct <CODE> <DATE> --reason "..." [--actor name]`: recompute a published fixing and republish or restate it.
import { userInfo } from "node:os";
import { correctFixing, CorrectionError } from "../jobs/correct.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

/** Who runs a CLI operator action: --actor, else the login name. */
export function cliActor(option: string | true | undefined): string {
  if (typeof option === "string" && option.trim() !== "") return option.trim();
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli:unknown";
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [code, date] = positional;
  if (!code || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof options.reason !== "string" || options.reason.trim() === "") {
    io.err('usage: cpi correct <CODE> <YYYY-MM-DD> --reason "why" [--actor name]');
    return 2;
  }
  return withContext(io, async (ctx) => {
    try {
      const outcome = await correctFixing(
        { code: code.toUpperCase(), date, reason: options.reason as string, actor: cliActor(options.actor) },
        { store: ctx.store, signer: ctx.signer, methodology: ctx.methodology, versions: ctx.versions, now: clockOf(io) },
      );
      const f = outcome.fixing;
      io.out(JSON.stringify({
        index: code.toUpperCase(), date, allowed: outcome.decision.allowed, kind: outcome.decision.kind, decision: outcome.decision.reason,
        previous: { revision: outcome.previous.revision, value: outcome.previous.value },
        published: f ? { revision: f.revision, status: f.status, value: f.value, note: f.note } : null,
      }));
      return outcome.decision.allowed ? 0 : 3;
    } catch (error) {
      if (error instanceof CorrectionError) {
        io.err(`cpi correct: ${error.message}`);
        return 2;
      }
      throw error;
    }
  });
}
