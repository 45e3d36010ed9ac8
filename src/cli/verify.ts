// `cpi verify [--from D] [--to D]`: recompute and check every published fixing and final settlement; `--manifest <file|url>`: check a signed manifest. Exit 1 on any problem.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { request } from "undici";
import { verify } from "../jobs/verify.ts";
import { knownPublicKeys } from "../jobs/signing.ts";
import { checkManifest } from "../jobs/manifest-check.ts";
import { settlementChainOf } from "../jobs/manifest-chains.ts";
import { loadContractBook } from "../jobs/contract-book.ts";
import { httpGetJson, verifyOverApi } from "./verify-remote.ts";
import { withContext } from "./context.ts";
import { parseArgs, type CliIo } from "./io.ts";

/** A manifest file, or one fetched over HTTP(S) (e.g. a mirror of GET /v1/manifest). */
async function readManifest(where: string, cwd: string): Promise<unknown> {
  if (!/^https?:\/\//i.test(where)) return JSON.parse(readFileSync(resolve(cwd, where), "utf8"));
  const res = await request(where, { headersTimeout: 30_000, bodyTimeout: 30_000 });
  if (res.statusCode !== 200) throw new Error(`GET ${where}: HTTP ${res.statusCode}`);
  return res.body.json();
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const from = typeof options.from === "string" ? options.from : undefined;
  const to = typeof options.to === "string" ? options.to : undefined;
  if (options.manifest === true) {
    io.err("usage: cpi verify --manifest <file|url>");
    return 2;
  }
  const manifestAt = typeof options.manifest === "string" ? options.manifest : undefined;
  const input = manifestAt ? await readManifest(manifestAt, io.cwd) : undefined;
  if (manifestAt && typeof options.api === "string") return verifyOverApi(input, httpGetJson(options.api), io);
  return withContext(io, async ({ store, methodology, versions, signer, config }) => {
    const keys = knownPublicKeys(config.keysDir, signer);
    if (manifestAt) {
      const r = await checkManifest(input, store, keys, { settlements: settlementChainOf(store) });
      for (const p of r.problems) io.out(`FAIL ${p.row}: ${p.problem}`);
      io.out(
        `${r.problems.length === 0 ? "OK" : "FAILED"}: manifest of ${r.manifest?.createdAt ?? "?"}: ${r.filesChecked} files, ${r.fixingsChecked} fixings checked ` +
          `(${r.fixingsSince} appended since); ${r.problems.length} problems`,
      );
      return r.problems.length === 0 ? 0 : 1;
    }
    const report = await verify(store, methodology, keys, { from, to, versions, contracts: loadContractBook(methodology) });
    for (const p of report.problems) io.out(`FAIL ${p.row}: ${p.problem}`);
    io.out(
      `${report.problems.length === 0 ? "OK" : "FAILED"}: ${report.fixingsChecked} fixings chain-checked, ${report.fixingsRecomputed} recomputed, ` +
        `${report.capturesChecked} captures re-hashed, ${report.observationsReparsed} observations re-parsed, ` +
        `${report.settlementsChecked} settlements chain-checked, ${report.settlementsRecomputed} recomputed; ${report.problems.length} problems`,
    );
    return report.problems.length === 0 ? 0 : 1;
  });
}
