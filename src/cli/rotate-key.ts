// `cpi rotate-key --reason "..." [--actor name]`: retire the signing key (kept for verification) and create a new one.
import { rotateSigningKey } from "../jobs/rotate.ts";
import { cliActor } from "./correct.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  if (typeof options.reason !== "string" || options.reason.trim() === "") {
    io.err('usage: cpi rotate-key --reason "why" [--actor name]');
    return 2;
  }
  const reason = options.reason;
  return withContext(io, async ({ store, config }) => {
    const r = await rotateSigningKey(config.keysDir, { actor: cliActor(options.actor), reason }, { store, now: clockOf(io) });
    io.out(JSON.stringify({ retiredKeyId: r.retiredKeyId, keyId: r.keyId, retiredPublicKey: r.retiredPath }));
    io.err("cpi rotate-key: a running `cpi serve` keeps signing with the retired key until it is restarted (its signatures still verify)");
    return 0;
  });
}
