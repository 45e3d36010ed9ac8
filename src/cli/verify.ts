// `cpi verify [--from D] [--to D]`: recompute and check every published fixing and final settlement; exit 1 on any problem.
import { verify } from "../jobs/verify.ts";
import { knownPublicKeys } from "../jobs/signing.ts";
import { loadContractBook } from "../jobs/contract-book.ts";
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const from = typeof options.from === "string" ? options.from : undefined;
  const to = typeof options.to === "string" ? options.to : undefined;
  return withContext(io, async ({ store, methodology, versions, signer, config }) => {
    const report = await verify(store, methodology, knownPublicKeys(config.keysDir, signer), { from, to, versions, contracts: loadContractBook(methodology) });
    for (const p of report.problems) io.out(`FAIL ${p.row}: ${p.problem}`);
    io.out(
      `${report.problems.length === 0 ? "OK" : "FAILED"}: ${report.fixingsChecked} fixings chain-checked, ${report.fixingsRecomputed} recomputed, ` +
        `${report.capturesChecked} captures re-hashed, ${report.observationsReparsed} observations re-parsed, ` +
        `${report.settlementsChecked} settlements chain-checked, ${report.settlementsRecomputed} recomputed; ${report.problems.length} problems`,
    );
    return report.problems.length === 0 ? 0 : 1;
  });
}
