// The hash chain stays linear when several processes append to one PostgreSQL store at the same moment.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openStore } from "../../src/db/index.ts";
import { GENESIS_HASH } from "../../src/index/chain.ts";
import { createTestSchema, describePg } from "../helpers/pg.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function writer(url: string, who: string, appends: number): Promise<number | null> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "pg", "chain-writer.ts")], {
    cwd: ROOT, env: { ...process.env, CPI_DB: url, CHAIN_WRITER: who, CHAIN_APPENDS: String(appends) }, stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve) => proc.on("exit", resolve));
}

describePg("postgres hash chain under concurrent writers", () => {
  it("four processes appending at once leave one linear chain", async () => {
    const schema = await createTestSchema();
    try {
      const setup = openStore(schema.url);
      await setup.lastChainHash(); // migrated once, before the writers race
      await setup.close();
      const codes = await Promise.all(["a", "b", "c", "d"].map((w) => writer(schema.url, w, 25)));
      expect(codes).toEqual([0, 0, 0, 0]);
      const store = openStore(schema.url);
      const chain = [];
      for await (const f of store.iterateFixingChain()) chain.push(f);
      await store.close();
      expect(chain.length).toBe(100);
      let prev = GENESIS_HASH;
      for (const f of chain) {
        expect(f.prevHash).toBe(prev);
        prev = f.hash;
      }
      expect(new Set(chain.map((f) => f.prevHash)).size).toBe(100);
    } finally {
      await schema.drop();
    }
  });
});
