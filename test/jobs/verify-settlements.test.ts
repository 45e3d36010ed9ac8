// `cpi verify` over settlements: chain, signatures and recomputation from the fixings at each cut-off name a tampered row.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../src/db/index.ts";
import { loadMethodology, monthDates } from "../../src/index/index.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import { freezeSettlements } from "../../src/jobs/settle.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { verify } from "../../src/jobs/verify.ts";
import { fixingDraft } from "../helpers/observations.ts";

const methodology = loadMethodology();
const book = loadContractBook(methodology);
const signer = ephemeralSigner();
const keys = new Map([[signer.keyId, signer.publicKeyPem]]);
const H100 = "GPU-H100SXM-OD";
let dir: string;
let dbPath: string;
let store: Store;

async function publish(code: string, date: string, value: string, publishedAt = `${date}T16:00:05.000Z`, status: "final" | "republished" = "final") {
  await store.appendFixing(fixingDraft({ indexCode: code, fixingDate: date, fixingTime: `${date}T16:00:00.000Z`, value, status, calculation: "live" }), { publishedAt, sign: signer.sign });
}

/** Problems verify names in settlement rows (the synthetic fixings have no observations to recompute from). */
async function settlementProblems(): Promise<string[]> {
  const report = await verify(store, methodology, keys, { contracts: book });
  return report.problems.filter((p) => p.row.startsWith("settlement")).map((p) => `${p.row}: ${p.problem}`);
}

function raw(sql: string, ...params: unknown[]) {
  const db = new Database(dbPath);
  try {
    db.exec("DROP TRIGGER IF EXISTS settlements_no_update; DROP TRIGGER IF EXISTS settlements_no_delete; DROP TRIGGER IF EXISTS fixings_no_update;");
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

const bodyOf = (id: number) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return JSON.parse((db.prepare("SELECT body FROM settlements WHERE id = ?").get(id) as { body: string }).body) as Record<string, unknown>;
  } finally {
    db.close();
  }
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-verify-settle-"));
  dbPath = join(dir, "cpi.db");
  store = openStore(dbPath);
  for (const date of monthDates("2026-12")) await publish(H100, date, Number(date.slice(8)) % 2 === 0 ? "2.0000" : "3.0000");
  await freezeSettlements({ store, signer, book, now: () => new Date("2027-01-05T16:00:00.000Z") });
  for (const date of monthDates("2027-01")) await publish(H100, date, "2.0000");
  await freezeSettlements({ store, signer, book, now: () => new Date("2027-02-02T16:00:00.000Z") });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("verify over settlements", () => {
  it("chain-checks and recomputes every final; a restatement after the freeze changes nothing", async () => {
    await publish(H100, "2026-12-15", "9.0000", "2027-01-06T10:00:00.000Z", "republished");
    const report = await verify(store, methodology, keys, { contracts: book });
    expect([report.settlementsChecked, report.settlementsRecomputed]).toEqual([14, 14]);
    expect(await settlementProblems()).toEqual([]);
    // Without the contract book: chain-checked only.
    expect((await verify(store, methodology, keys)).settlementsRecomputed).toBe(0);
  });

  it("names a final whose signed body was rewritten, whose column was edited, or whose signature is foreign", async () => {
    const [dec] = await store.listSettlements({ contract: H100, limit: 1 });
    raw("UPDATE settlements SET body = ? WHERE id = ?", JSON.stringify({ ...bodyOf(dec!.id), value: "2.0000" }), dec!.id);
    const label = `settlement #${dec!.id} (${H100} 2026-12 rev 1)`;
    expect(await settlementProblems()).toEqual(expect.arrayContaining([`${label}: content does not match its hash (the record was altered)`, expect.stringMatching(new RegExp(`^${label.replace(/[()]/g, "\\$&")}: recomputed value differs`)), expect.stringMatching(/stored columns disagree.*value/)]));
    const other = (await store.listSettlements({ contract: "GPU-B200-OD" }))[0]!;
    raw("UPDATE settlements SET signature = ? WHERE id = ?", ephemeralSigner().sign(other.hash), other.id);
    expect(await settlementProblems()).toEqual(expect.arrayContaining([expect.stringMatching(/GPU-B200-OD 2026-12 rev 1\): stored columns disagree with the published record: signature/)]));
  });

  it("names a fixing changed under a final (recomputed from the fixings at the cut-off) and a removed record", async () => {
    const db = new Database(dbPath, { readonly: true });
    const row = db.prepare("SELECT id, body FROM fixings WHERE index_code = ? AND fixing_date = '2026-12-10'").get(H100) as { id: number; body: string };
    db.close();
    // Rewritten with a fresh hash, as a forger would (the fixing chain names it too; here: the final no longer recomputes).
    const forged = { ...(JSON.parse(row.body) as Record<string, unknown>), value: "5.0000", hash: "f".repeat(64) };
    raw("UPDATE fixings SET body = ?, value = '5.0000', hash = ? WHERE id = ?", JSON.stringify(forged), forged.hash, row.id);
    expect(await settlementProblems()).toEqual([expect.stringMatching(/GPU-H100SXM-OD 2026-12 rev 1\): recomputed value differs: published "2.5161", recomputed "2.6129"/)]);
    const second = (await store.listSettlements({ contract: "GPU-H200SXM-OD" }))[0]!;
    raw("DELETE FROM settlements WHERE id = ?", second.id);
    expect(await settlementProblems()).toEqual(expect.arrayContaining([expect.stringMatching(/GPU-B200-OD 2026-12 rev 1\): settlement chain broken/)]));
  });
});
