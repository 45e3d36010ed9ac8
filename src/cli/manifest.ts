// `cpi manifest [--out FILE]`: sign a manifest of what is published now; kept for GET /v1/manifest, printed or written.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { publishManifest } from "../jobs/manifest.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  if (options.out === true) {
    io.err("usage: cpi manifest [--out FILE]");
    return 2;
  }
  return withContext(io, async ({ store, methodology, signer }) => {
    const manifest = await publishManifest(store, signer, { now: clockOf(io), methodologyVersion: methodology.version });
    const json = `${JSON.stringify(manifest, null, 2)}\n`;
    if (typeof options.out === "string") {
      writeFileSync(resolve(io.cwd, options.out), json);
      io.err(`cpi manifest: ${manifest.fixings.count} fixings (head ${manifest.fixings.head.slice(0, 12)}…), ${manifest.files.length} files, signed by ${manifest.keyId}: ${options.out}`);
    } else {
      io.out(json.trimEnd());
    }
    return 0;
  });
}
