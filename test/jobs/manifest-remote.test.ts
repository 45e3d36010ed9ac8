// A mirrored manifest checked over the public API only: a removed tail and a rewritten newest record are named; the CLI over HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { openStore, type Store } from "../../src/db/index.ts";
import { createApp } from "../../src/api/app.ts";
import { publishManifest } from "../../src/jobs/manifest.ts";
import { checkManifestOverApi, type GetJson } from "../../src/jobs/manifest-remote.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { fixingHash } from "../../src/index/chain.ts";
import type { SignedManifest } from "../../src/schemas/manifest.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { testDeps } from "../api/fixture.ts";
import { tamperSqlite, publishFixing } from "../helpers/tamper.ts";

const signer = ephemeralSigner();
const NOW = new Date("2026-12-02T17:00:00.000Z");
let dir = "";
let dbPath = "";
let store: Store;

const app = () => createApp({ ...testDeps(store), now: () => NOW, publicKeys: [{ keyId: signer.keyId, algorithm: "ed25519", publicKeyPem: signer.publicKeyPem, status: "active" }] }, { nonce: "t" });
const inProcess = (): GetJson => {
  const a = app();
  return async (path) => {
    const res = await a.request(path);
    return { status: res.status, body: await res.json().catch(() => null) };
  };
};
const problems = async (m: SignedManifest) => (await checkManifestOverApi(m, inProcess())).problems.map((p) => `${p.row}: ${p.problem}`);

const publish = (code: string, date: string) => publishFixing(store, signer, code, date);

const tamper = async (sql: (db: Database.Database) => void) => void (store = await tamperSqlite(store, dbPath, sql));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-manifest-remote-"));
  dbPath = join(dir, "cpi.db");
  store = openStore(dbPath);
  for (const date of ["2026-11-29", "2026-11-30"]) {
    await publish("GPU-H100SXM-OD", date);
    await publish("GPU-B200-OD", date);
  }
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a manifest checked over the API", () => {
  it("checks clean, also after the publisher has published more (and a newer manifest)", async () => {
    const m = await publishManifest(store, signer, { now: () => NOW, methodologyVersion: "1.2.0" });
    expect(await problems(m)).toEqual([]);
    await publish("GPU-H100SXM-OD", "2026-12-01");
    await publishManifest(store, signer, { now: () => new Date("2026-12-01T17:00:00.000Z"), methodologyVersion: "1.2.0" });
    expect(await problems(m)).toEqual([]);
  });

  it("names a removed tail: the newest record is no longer served and the current manifest lists fewer", async () => {
    const m = await publishManifest(store, signer, { now: () => NOW, methodologyVersion: "1.2.0" });
    await tamper((db) => db.exec("DELETE FROM fixings WHERE id = (SELECT MAX(id) FROM fixings)"));
    await publishManifest(store, signer, { now: () => NOW, methodologyVersion: "1.2.0" });
    expect(await problems(m)).toEqual([
      "index GPU-B200-OD: its record 2026-11-30 rev 1 listed by the manifest is not served (removed)",
      "current manifest: lists 3 fixing records, fewer than the 4 of 2026-12-02T17:00:00.000Z (records were removed)",
      "index GPU-B200-OD: the current manifest lists 1 of its records, fewer than 2",
    ]);
  });

  it("names a newest record rewritten and re-signed, and a manifest signed by an unknown key", async () => {
    const m = await publishManifest(store, signer, { now: () => NOW, methodologyVersion: "1.2.0" });
    await tamper((db) => {
      const row = db.prepare("SELECT id, body FROM fixings WHERE id = 3").get() as { id: number; body: string };
      const { hash: _h, signature: _s, id: _i, ...content } = JSON.parse(row.body) as Record<string, unknown>;
      const next = { ...content, value: "9.9900" };
      const hash = fixingHash(next as Parameters<typeof fixingHash>[0]);
      db.prepare("UPDATE fixings SET body = ?, value = ?, hash = ?, signature = ? WHERE id = 3").run(JSON.stringify({ ...next, hash, signature: signer.sign(hash) }), "9.9900", hash, signer.sign(hash));
    });
    const found = await problems(m);
    expect(found.some((p) => p.startsWith("index GPU-H100SXM-OD: its record 2026-11-30 rev 1 is served with another hash") && p.endsWith(": rewritten"))).toBe(true);
    const stranger = ephemeralSigner();
    const foreign = await publishManifest(store, stranger, { now: () => NOW, methodologyVersion: "1.2.0" });
    expect(await problems(foreign)).toContain(`signature: signed by unknown key ${stranger.keyId}`);
  });

  it("cpi verify --manifest <file> --api <url> needs no database: exit 0, then 1 after a removed tail", async () => {
    const m = await publishManifest(store, signer, { now: () => NOW, methodologyVersion: "1.2.0" });
    writeFileSync(join(dir, "m.json"), JSON.stringify(m));
    const run = async () => {
      const server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app().fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      const address = server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      const out: string[] = [];
      const io: CliIo = { out: (l) => out.push(l), err: () => undefined, env: { CPI_DB: join(dir, "absent", "never.db") }, cwd: dir };
      try {
        return { code: await main(["verify", "--manifest", "m.json", "--api", base], io), out };
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    };
    const clean = await run();
    expect(clean.code).toBe(0);
    expect(clean.out.at(-1)).toMatch(/^OK: manifest of 2026-12-02T17:00:00.000Z over the API: signature, 2 indices' newest records, the current manifest; 0 problems$/);
    await tamper((db) => db.exec("DELETE FROM fixings WHERE id = (SELECT MAX(id) FROM fixings)"));
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain("FAIL index GPU-B200-OD: its record 2026-11-30 rev 1 listed by the manifest is not served (removed)");
  });
});
