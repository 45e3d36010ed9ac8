// The signed release manifest: a removed tail, a rewritten record, a fork, an altered file or manifest are each named.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openStore, type Store } from "../../src/db/index.ts";
import { buildManifest, manifestHash, manifestPublisher, publishedFiles, REPO_ROOT } from "../../src/jobs/manifest.ts";
import { checkManifest } from "../../src/jobs/manifest-check.ts";
import type { SettlementChain, SettlementLink } from "../../src/jobs/manifest-chains.ts";
import { ephemeralSigner, type Signer } from "../../src/jobs/signing.ts";
import { canonicalJson, fixingHash, sha256Hex } from "../../src/index/chain.ts";
import { ManifestBody, type SignedManifest } from "../../src/schemas/manifest.ts";
import { tamperSqlite, publishFixing } from "../helpers/tamper.ts";
import { settlementDraft } from "../helpers/observations.ts";

const NOW = () => new Date("2026-12-02T17:00:00.000Z");
let dir = "";
let root = "";
let dbPath = "";
let store: Store;
let signer: Signer;
let keys: Map<string, string>;

const publish = (code: string, date: string) => publishFixing(store, signer, code, date);

const tamper = async (edit: (db: Database.Database) => void) => void (store = await tamperSqlite(store, dbPath, edit));

const manifest = () => buildManifest(store, signer, { now: NOW, methodologyVersion: "1.2.0", root });
const problems = async (m: unknown, settlements?: SettlementChain) => (await checkManifest(m, store, keys, { root, settlements })).problems.map((p) => `${p.row}: ${p.problem}`);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-manifest-"));
  root = join(dir, "repo");
  for (const path of publishedFiles(REPO_ROOT)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    copyFileSync(join(REPO_ROOT, path), join(root, path));
  }
  dbPath = join(dir, "cpi.db");
  store = openStore(dbPath);
  signer = ephemeralSigner();
  keys = new Map([[signer.keyId, signer.publicKeyPem]]);
  for (const date of ["2026-11-28", "2026-11-29", "2026-11-30"]) {
    await publish("GPU-H100SXM-OD", date);
    await publish("GPU-B200-OD", date);
  }
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("release manifest", () => {
  it("lists every methodology file with its sha256, the chain head and count, and per index the newest record", async () => {
    const m = await manifest();
    expect(m.files.map((f) => f.path)).toEqual(expect.arrayContaining(["methodology/indices.json", "methodology/contracts.json", "methodology/versions/registry.json", "methodology/versions/1.0.0.json"]));
    expect(m.files.find((f) => f.path === "methodology/contracts.json")!.sha256).toBe(sha256Hex(readFileSync(join(root, "methodology/contracts.json"))));
    expect(m.fixings).toMatchObject({ count: 6, head: await store.lastChainHash() });
    expect(m.fixings.perIndex).toEqual([
      { index: "GPU-B200-OD", count: 3, latest: { fixingDate: "2026-11-30", revision: 1, hash: m.fixings.head } },
      { index: "GPU-H100SXM-OD", count: 3, latest: expect.objectContaining({ fixingDate: "2026-11-30", revision: 1 }) },
    ]);
    expect(m.settlements).toEqual({ count: 0, head: "0".repeat(64), latest: [] });
    expect(m.keyId).toBe(signer.keyId);
    expect(m.signature.startsWith(`${signer.keyId}:`)).toBe(true);
    expect(await problems(m)).toEqual([]);
  });

  it("still checks out after the chain has grown (append-only), and counts what came since", async () => {
    const m = await manifest();
    await publish("GPU-H100SXM-OD", "2026-12-01");
    const r = await checkManifest(m, store, keys, { root });
    expect(r.problems).toEqual([]);
    expect([r.fixingsChecked, r.fixingsSince]).toEqual([6, 1]);
  });

  it("names a removed tail: the chain count and the index whose newest records are gone", async () => {
    const m = await manifest();
    await tamper((db) => db.exec("DELETE FROM fixings WHERE id IN (SELECT id FROM fixings ORDER BY id DESC LIMIT 2)"));
    const found = await problems(m);
    expect(found).toContain("fixing chain: 2 of the 6 records the manifest of 2026-12-02T17:00:00.000Z lists are missing (the newest records were removed)");
    expect(found.some((p) => p.startsWith("index GPU-B200-OD: 1 of its 3 records are missing (latest listed: 2026-11-30 rev 1; newest in the chain: 2026-11-29 rev 1)"))).toBe(true);
    expect(found.some((p) => p.startsWith("index GPU-H100SXM-OD: 1 of its 3 records are missing"))).toBe(true);
  });

  it("names a removed tail that was replaced by new records (same count, another head)", async () => {
    const m = await manifest();
    await tamper((db) => db.exec("DELETE FROM fixings WHERE id = (SELECT MAX(id) FROM fixings)"));
    await publish("GPU-H100SXM-OD", "2026-12-01");
    const found = await problems(m);
    expect(found.some((p) => p.startsWith("fixing chain: record 6 hashes to") && p.endsWith("(the chain was rewritten or forked)"))).toBe(true);
    expect(found.some((p) => p.startsWith("index GPU-B200-OD: 1 of its 3 records are missing"))).toBe(true);
  });

  it("names a rewritten record, by row", async () => {
    const m = await manifest();
    await tamper((db) => {
      const row = db.prepare("SELECT id, body FROM fixings WHERE id = 3").get() as { id: number; body: string };
      db.prepare("UPDATE fixings SET body = ? WHERE id = 3").run(JSON.stringify({ ...JSON.parse(row.body), value: "0.0001" }));
    });
    expect(await problems(m)).toContain("fixing #3 (GPU-H100SXM-OD 2026-11-29 rev 1): rewritten: its content does not match its hash");
  });

  it("names a fork: history rewritten and re-hashed and re-signed by the key holder, every link consistent", async () => {
    const m = await manifest();
    await tamper((db) => {
      const rows = db.prepare("SELECT id, body FROM fixings ORDER BY id").all() as { id: number; body: string }[];
      let prev = "0".repeat(64);
      for (const row of rows) {
        const { hash: _h, signature: _s, id: _i, ...content } = JSON.parse(row.body) as Record<string, unknown>;
        const next = { ...content, prevHash: prev, ...(row.id === 2 ? { value: "9.9900" } : {}) };
        const hash = fixingHash(next as Parameters<typeof fixingHash>[0]);
        const body = { ...next, hash, signature: signer.sign(hash) };
        db.prepare("UPDATE fixings SET body = ?, value = ?, prev_hash = ?, hash = ?, signature = ? WHERE id = ?").run(JSON.stringify(body), body.value, prev, hash, body.signature, row.id);
        prev = hash;
      }
    });
    const found = await problems(m);
    expect(found.some((p) => p.startsWith("fixing chain: record 6 hashes to") && p.endsWith("(the chain was rewritten or forked)"))).toBe(true);
    expect(found.some((p) => p.startsWith("index GPU-B200-OD: its latest record 2026-11-30 rev 1 differs from the one the manifest lists"))).toBe(true);
    expect(found.filter((p) => p.startsWith("fixing #"))).toEqual([]);
  });

  it("names an altered methodology file and a missing one", async () => {
    const m = await manifest();
    writeFileSync(join(root, "methodology/contracts.json"), readFileSync(join(root, "methodology/contracts.json"), "utf8").replace('"maxCarriedDays": 3', '"maxCarriedDays": 9'));
    rmSync(join(root, "methodology/versions/1.1.0.json"));
    const found = await problems(m);
    expect(found.some((p) => p.startsWith("methodology/contracts.json: sha256 ") && p.endsWith("but the manifest pins " + m.files.find((f) => f.path === "methodology/contracts.json")!.sha256.slice(0, 12) + "…"))).toBe(true);
    expect(found).toContain("methodology/versions/1.1.0.json: missing");
  });

  it("refuses an altered manifest, a re-hashed one without the key, a stranger's key and a path outside the repository", async () => {
    const m = await manifest();
    const shorter: SignedManifest = { ...m, fixings: { ...m.fixings, count: 4 } };
    expect(await problems(shorter)).toContain("manifest: content does not match its hash (the manifest was altered)");
    const { hash: _h, signature: _s, ...body } = shorter;
    const rehashed = { ...shorter, hash: manifestHash(ManifestBody.parse(body)) };
    expect(await problems(rehashed)).toContain("signature: does not verify");
    const stranger = ephemeralSigner();
    const foreign = await buildManifest(store, stranger, { now: NOW, methodologyVersion: "1.2.0", root });
    expect(await problems(foreign)).toContain(`signature: signed by unknown key ${stranger.keyId}`);
    const escape = { ...m, files: [{ path: "../../etc/passwd", sha256: "0".repeat(64) }] };
    const { hash: _h2, signature: _s2, ...escapeBody } = escape;
    const h = sha256Hex(canonicalJson(escapeBody));
    expect(await problems({ ...escape, hash: h, signature: signer.sign(h) })).toContain("../../etc/passwd: path outside the repository");
    expect((await problems({ hello: "world" }))[0]).toMatch(/^manifest: not a cpi manifest/);
  });

  it("records the settlement chain head and each contract's newest final, and names a removed or replaced one", async () => {
    const link = (contract: string, month: string, revision = 1): SettlementLink => ({ contract, month, revision, hash: sha256Hex(`${contract} ${month} ${revision}`) });
    const records = [link("GPU-H100SXM-OD", "2026-12"), link("GPU-B200-OD", "2026-12"), link("GPU-H100SXM-OD", "2027-01")];
    const chain = (rs: SettlementLink[]): SettlementChain => async function* () { yield* rs; };
    const m = await buildManifest(store, signer, { now: NOW, methodologyVersion: "1.2.0", root, settlements: chain(records) });
    expect(m.settlements).toEqual({
      count: 3,
      head: records[2]!.hash,
      latest: [
        { contract: "GPU-B200-OD", month: "2026-12", revision: 1, hash: records[1]!.hash },
        { contract: "GPU-H100SXM-OD", month: "2027-01", revision: 1, hash: records[2]!.hash },
      ],
    });
    expect(await problems(m, chain(records))).toEqual([]);
    expect(await problems(m, chain([...records, link("GPU-B200-OD", "2027-01")]))).toEqual([]);
    expect(await problems(m, chain(records.slice(0, 2)))).toEqual([
      "settlement chain: 1 of the 3 settlement records the manifest lists are missing",
      "contract GPU-H100SXM-OD: its final of 2027-01 (rev 1) listed by the manifest is replaced by 2026-12 rev 1",
    ]);
    const forked = [records[0]!, records[1]!, link("GPU-H100SXM-OD", "2027-01", 2)];
    expect((await problems(m, chain(forked)))[0]).toMatch(/^settlement chain: record 3 hashes to .* \(the chain was rewritten or forked\)$/);
  });

  it("pins the store's settlement records: a removed final is named", async () => {
    const sign = signer.sign;
    await store.appendSettlement(settlementDraft(), { publishedAt: "2027-01-05T16:00:01.000Z", sign });
    await store.appendSettlement(settlementDraft({ contract: "GPU-B200-OD", indexCode: "GPU-B200-OD" }), { publishedAt: "2027-01-05T16:00:02.000Z", sign });
    const m = await manifest();
    expect(m.settlements).toMatchObject({ count: 2, head: await store.lastSettlementHash(), latest: [{ contract: "GPU-B200-OD", month: "2026-12" }, { contract: "GPU-H100SXM-OD", month: "2026-12" }] });
    expect(await problems(m)).toEqual([]);
    await tamper((db) => db.exec("DROP TRIGGER IF EXISTS settlements_no_delete; DELETE FROM settlements WHERE id = (SELECT MAX(id) FROM settlements)"));
    expect(await problems(m)).toEqual([
      "settlement chain: 1 of the 2 settlement records the manifest lists are missing",
      "contract GPU-B200-OD: its final of 2026-12 (rev 1) listed by the manifest is missing",
    ]);
  });

  it("pins the audit log: a removed or altered entry is named, a new one is not a problem", async () => {
    await store.addAudit({ at: "2026-12-01T10:00:00.000Z", actor: "admin", action: "correct", target: "GPU-H100SXM-OD 2026-11-30", reason: "late input" });
    await store.addAudit({ at: "2026-12-01T11:00:00.000Z", actor: "exchange", action: "complaint-open", target: "C-1 GPU-B200-OD", reason: "value looks high" });
    const m = await manifest();
    expect(m.audit.count).toBe(2);
    await store.addAudit({ at: "2026-12-02T18:00:00.000Z", actor: "admin", action: "rotate-key", target: "a -> b", reason: "yearly" });
    expect(await problems(m)).toEqual([]);
    await tamper((db) => {
      db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;");
      db.exec("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 2");
    });
    expect(await problems(m)).toEqual(["audit log: its first 2 entries do not digest to the manifest's head (an entry was altered or removed)"]);
    await tamper((db) => db.exec("DELETE FROM audit_log WHERE id >= 2"));
    expect(await problems(m)).toEqual(["audit log: 1 of the 2 entries the manifest lists are missing"]);
  });

  it("publishes at most one manifest at a time and one more for calls made meanwhile", async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const publisher = manifestPublisher(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((r) => (release = r));
    });
    const first = publisher();
    const second = publisher();
    const third = publisher();
    release();
    await Promise.all([first, second, third]);
    expect(runs).toBe(2);
  });
});
