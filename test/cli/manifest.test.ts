// `cpi manifest` then `cpi verify --manifest <file|url>`: exit 0 on an intact store, 1 naming a removed tail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { openStore } from "../../src/db/index.ts";
import { loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { fixingDraft } from "../helpers/observations.ts";

let dir = "";
let env: Record<string, string> = {};
let server: Server;
let url = "";

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir, now: () => new Date("2026-12-02T17:00:00.000Z") };
  return { io, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-manifest-cli-"));
  env = { CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys") };
  const signer = loadOrCreateSigner(env.CPI_KEYS_DIR!);
  const store = openStore(env.CPI_DB!);
  for (const date of ["2026-11-29", "2026-11-30"]) {
    await store.appendFixing(fixingDraft({ fixingDate: date, fixingTime: `${date}T16:00:00.000Z` }), { publishedAt: `${date}T16:00:05.000Z`, sign: signer.sign });
  }
  await store.close();
  server = createServer((_req, res) => res.end(readFileSync(join(dir, "manifest.json"))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v1/manifest`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe("cpi manifest and cpi verify --manifest", () => {
  it("writes a signed manifest and verifies it from the file and over HTTP", async () => {
    const made = fakeIo();
    expect(await main(["manifest", "--out", "manifest.json"], made.io)).toBe(0);
    expect(made.err[0]).toMatch(/^cpi manifest: 2 fixings \(head [0-9a-f]{12}…\), \d+ files, signed by ed25519:/);
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { createdAt: string; fixings: { count: number } };
    expect(m).toMatchObject({ createdAt: "2026-12-02T17:00:00.000Z", fixings: { count: 2 } });
    const fromFile = fakeIo();
    expect(await main(["verify", "--manifest", "manifest.json"], fromFile.io)).toBe(0);
    expect(fromFile.out.at(-1)).toMatch(/^OK: manifest of 2026-12-02T17:00:00.000Z: \d+ files, 2 fixings checked \(0 appended since\); 0 problems$/);
    const overHttp = fakeIo();
    expect(await main(["verify", "--manifest", url], overHttp.io)).toBe(0);
  });

  it("exits 1 and names the removed tail", async () => {
    const db = new Database(env.CPI_DB!);
    db.exec("DROP TRIGGER fixings_no_delete; DELETE FROM fixings WHERE id = (SELECT MAX(id) FROM fixings);");
    db.close();
    const { io, out } = fakeIo();
    expect(await main(["verify", "--manifest", "manifest.json"], io)).toBe(1);
    expect(out).toContain("FAIL fixing chain: 1 of the 2 records the manifest of 2026-12-02T17:00:00.000Z lists are missing (the newest records were removed)");
    expect(out.at(-1)).toMatch(/^FAILED: .*; 2 problems$/);
  });

  it("asks for a file", async () => {
    const { io, err } = fakeIo();
    expect(await main(["verify", "--manifest"], io)).toBe(2);
    expect(err[0]).toBe("usage: cpi verify --manifest <file|url>");
  });
});
