// What most commands need: validated config, the writable store, methodology and the signer.
import { loadConfig, type Config } from "../config.ts";
import { openStore, type Store } from "../db/index.ts";
import { loadMethodology, type Methodology } from "../index/index.ts";
import { loadOrCreateSigner, type Signer } from "../jobs/signing.ts";
import { loadMethodologySet } from "../jobs/methodologies.ts";
import type { MethodologySet } from "../index/versions.ts";
import type { CliIo } from "./io.ts";

export interface CommandContext {
  config: Config;
  store: Store;
  methodology: Methodology;
  signer: Signer;
  /** Every archived methodology version (methodology/versions). */
  versions: MethodologySet;
}

export async function withContext<T>(io: CliIo, body: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  const store = openStore(config.dbPath);
  try {
    return await body({ config, store, methodology: loadMethodology(), versions: loadMethodologySet(), signer: loadOrCreateSigner(config.keysDir) });
  } finally {
    await store.close();
  }
}
