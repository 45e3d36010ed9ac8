// A seeded publisher world on disk (database, key) cloned per test, and the app over it with the operator actions mounted.
import { openReadStore, openStore, type ReadStore, type Store } from "../../../src/db/index.ts";
import { createApp } from "../../../src/api/app.ts";
import { allSources } from "../../../src/sources/registry.ts";
import { loadOrCreateSigner } from "../../../src/jobs/signing.ts";
import { swappableSigner, type SwappableSigner } from "../../../src/jobs/rotate.ts";
import { methodology, seedPublished } from "./seed.ts";
import { cloneWorld, makeWorld, type World } from "./world.ts";

export const TOKEN = "op-token-4f9c1e7a2b3d5c6e8f0a1b2c";

let template: World | null = null;

/** The seeded world, built once per test file (the clones are what tests touch). */
async function seededTemplate(): Promise<World> {
  if (template) return template;
  const world = makeWorld("cpi-seed-");
  const store = openStore(world.dbPath);
  await seedPublished(store, loadOrCreateSigner(world.keysDir));
  await store.close();
  template = world;
  return world;
}

export function dropTemplate(): void {
  template?.cleanup();
  template = null;
}

export interface Published {
  world: World;
  store: Store;
  read: ReadStore;
  signer: SwappableSigner;
  app: ReturnType<typeof createApp>;
  now: { at: Date };
  close(): Promise<void>;
}

/** A fresh clone of the seeded world with the publisher's app over it: read API on a read-only connection, operator actions on the writable one. */
export async function published(opts: { token?: string; now?: string } = {}): Promise<Published> {
  const world = cloneWorld(await seededTemplate(), "cpi-pub-");
  const store = openStore(world.dbPath);
  const read = openReadStore(world.dbPath);
  const signer = swappableSigner(loadOrCreateSigner(world.keysDir));
  const now = { at: new Date(opts.now ?? "2026-04-12T18:00:00.000Z") };
  const env: Record<string, string | undefined> = { CPI_OPERATOR_TOKEN: opts.token };
  const publicKeys = [{ keyId: signer.keyId, algorithm: "ed25519" as const, publicKeyPem: signer.publicKeyPem, status: "active" as const }];
  const writes = { store, methodology, signer, keysDir: world.keysDir, now: () => now.at };
  const app = createApp({ store: read, methodology, sources: allSources, env, operatorToken: opts.token, now: () => now.at, publicKeys }, { writes });
  return {
    world, store, read, signer, app, now,
    close: async () => {
      await read.close();
      await store.close();
      world.cleanup();
    },
  };
}
