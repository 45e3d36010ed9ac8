// The settlement lifecycle through the API and `cpi settle`: provisional, the final record, restatements beside it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../src/db/index.ts";
import { loadMethodology, monthDates } from "../../src/index/index.ts";
import { createApp } from "../../src/api/app.ts";
import { loadContractBook } from "../../src/jobs/contract-book.ts";
import { freezeSettlements } from "../../src/jobs/settle.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { fixingDraft } from "../helpers/observations.ts";

const methodology = loadMethodology();
const book = loadContractBook(methodology);
const signer = ephemeralSigner();
const H100 = "GPU-H100SXM-OD";
const FREEZE = "2027-01-05T16:00:00.000Z";
const RESTATED_AT = "2027-01-06T10:00:00.000Z";
let dir: string;
let dbPath: string;
let store: Store;

async function publish(code: string, date: string, value: string, publishedAt = `${date}T16:00:05.000Z`, over: Parameters<typeof fixingDraft>[0] = {}) {
  await store.appendFixing(fixingDraft({ indexCode: code, fixingDate: date, fixingTime: `${date}T16:00:00.000Z`, value, calculation: "live", ...over }), { publishedAt, sign: signer.sign });
}

const appAt = (now: string) => createApp({ store, methodology, contracts: book, sources: [], env: {}, now: () => new Date(now), publicKeys: [] }, { nonce: "t" });

async function get(now: string, path: string, status = 200) {
  const res = await appAt(now).request(path);
  expect(res.status, path).toBe(status);
  return res.headers.get("content-type")?.startsWith("text/csv") ? res.text() : ((await res.json()) as Record<string, any>);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-settle-"));
  dbPath = join(dir, "cpi.db");
  store = openStore(dbPath);
  // December 2026: H100 every day (2.0000 on even days, 3.0000 on odd ones); B200 only five days (under the rule).
  for (const date of monthDates("2026-12")) {
    await publish(H100, date, Number(date.slice(8)) % 2 === 0 ? "2.0000" : "3.0000");
    if (Number(date.slice(8)) <= 5) await publish("GPU-B200-OD", date, "4.0000");
  }
  await publish("GPU-H100PCIE-OD", "2026-12-01", "1.5000");
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the settlement lifecycle", () => {
  it("is provisional while the month runs: value so far, days counted, coverage so far", async () => {
    const s = (await get("2026-12-20T17:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12`)) as Record<string, any>;
    expect([s.state, s.stage, s.final, s.complete]).toEqual(["provisional", "provisional", null, false]);
    // As published by the 20th at 17:00: 20 days; the rule (25 of 31) can still be met, so the value so far is their mean.
    expect([s.coverage.daysElapsed, s.computedDays, s.carriedDays, s.coverage.met, s.coverage.attainable]).toEqual([20, 20, 0, false, true]);
    expect([s.value, s.method]).toEqual(["2.5000", "mean"]);
    expect(s.basis).toMatch(/so far: the rule asks for 25 computed days, 5 more can still come/);
    expect(s.freezeAt).toBe(FREEZE);
  });

  it("is final from the freeze on; a restatement after the freeze is listed beside it and changes nothing", async () => {
    const frozen = await freezeSettlements({ store, signer, book, now: () => new Date(FREEZE) });
    expect(frozen.filter((f) => f.published).map((f) => f.contract)).toEqual([H100, "GPU-H200SXM-OD", "GPU-B200-OD", "GPU-A100SXM80-OD", "GPU-MI300X-OD", "TOK-GPTOSS120B-BLEND-USD", "TOK-LLAMA3370B-BLEND-USD"]);
    const before = (await store.latestSettlement(H100, "2026-12"))!;
    // 16 odd days at 3.0000 and 15 even days at 2.0000: 78 / 31 = 2.516129... -> 2.5161.
    expect([before.value, before.method]).toEqual(["2.5161", "mean"]);
    await publish(H100, "2026-12-15", "9.0000", RESTATED_AT, { status: "republished", note: "correction of revision 1: 3.0000 -> 9.0000; reason: provider reissued its price list" });
    const s = (await get("2027-01-07T12:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12`)) as Record<string, any>;
    expect([s.state, s.stage, s.value, s.final.hash, s.final.signature]).toEqual(["final", "final", "2.5161", before.hash, before.signature]);
    expect(s.restatementsAfterFreeze).toEqual([expect.objectContaining({ fixingDate: "2026-12-15", oldValue: "3.0000", newValue: "9.0000", restatedAt: RESTATED_AT })]);
    expect((await store.latestSettlement(H100, "2026-12"))!).toEqual(before);
    // As it stood before the restatement was published: final, with nothing listed beside it.
    const earlier = (await get("2027-01-07T12:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12&as_of=2027-01-06T09:00:00Z`)) as Record<string, any>;
    expect([earlier.state, earlier.value, earlier.restatementsAfterFreeze]).toEqual(["final", "2.5161", []]);
    const beforeFreeze = (await get("2027-01-07T12:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12&as_of=2027-01-05T12:00:00Z`)) as Record<string, any>;
    expect([beforeFreeze.state, beforeFreeze.value]).toEqual(["provisional", "2.5161"]);
    // The thin month got the published fallback, its reason in the record.
    const thin = (await get("2027-01-07T12:00:00.000Z", "/v1/indices/GPU-B200-OD/settlement?month=2026-12")) as Record<string, any>;
    expect([thin.state, thin.method, thin.value, thin.computedDays]).toEqual(["final", "fallback_last_computed", "4.0000", 5]);
    expect(thin.basis).toMatch(/coverage rule not met/);
  });

  it("lists a series' finals and the restatement register, in JSON and CSV", async () => {
    const finals = (await get("2027-01-07T12:00:00.000Z", `/v1/contracts/${H100.toLowerCase()}/settlements`)) as Record<string, any>;
    expect([finals.count, finals.data[0].month, finals.data[0].value, finals.nextCursor]).toEqual([1, "2026-12", "2.5161", null]);
    await get("2027-01-07T12:00:00.000Z", "/v1/contracts/GPU-H100PCIE-OD/settlements", 404);
    const reg = (await get("2027-01-07T12:00:00.000Z", `/v1/restatements?index=${H100}&from=2026-12-01&to=2026-12-31`)) as Record<string, any>;
    expect(reg.data.map((r: any) => [r.fixingDate, r.oldValue, r.newValue, r.publishedAt, r.restatedAt, r.methodologyVersion])).toEqual([["2026-12-15", "3.0000", "9.0000", "2026-12-15T16:00:05.000Z", RESTATED_AT, "1.0.0"]]);
    expect(((await get("2027-01-07T12:00:00.000Z", "/v1/restatements?index=GPU-B200-OD")) as Record<string, any>).count).toBe(0);
    const csv = (await get("2027-01-07T12:00:00.000Z", "/v1/restatements?format=csv")) as string;
    expect(csv.split("\r\n")[0]).toBe("index,fixing_date,revision,old_value,new_value,old_status,new_status,reason,published_at,restated_at,methodology_version,hash");
    expect(csv.split("\r\n")[1]).toMatch(/^GPU-H100SXM-OD,2026-12-15,2,3\.0000,9\.0000,final,republished,correction of revision 1: 3\.0000 -> 9\.0000; reason: provider reissued its price list,2026-12-15T16:00:05\.000Z,2027-01-06T10:00:00\.000Z,1\.0\.0,/);
    const days = (await get("2027-01-07T12:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12&format=csv`)) as string;
    expect(days.split("\r\n")[0]).toBe("fixing_date,used,status,revision,value,reason,kind");
    await get("2027-01-07T12:00:00.000Z", "/v1/restatements?cursor=0", 400);
  });

  it("a shadow (trial) series shows a provisional value and never a final", async () => {
    const s = (await get("2027-01-07T12:00:00.000Z", "/v1/indices/TOK-QWEN37PLUS-BLEND-CNY-LIST/settlement?month=2026-12")) as Record<string, any>;
    expect([s.state, s.stage, s.final, s.contract.firstSettleableMonth]).toEqual(["provisional", "shadow", null, "2027-06"]);
  });

  it("an index without a contract is not settleable: the indicative mean, as before", async () => {
    const s = (await get("2027-01-07T12:00:00.000Z", "/v1/indices/GPU-H100PCIE-OD/settlement?month=2026-12")) as Record<string, any>;
    expect([s.state, s.contract, s.value, s.used.length]).toEqual(["not_settleable", null, "1.5000", 1]);
  });

  it("cpi settle shows the same lifecycle as the API", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { CPI_DB: dbPath, CPI_KEYS_DIR: join(dir, "keys") }, cwd: dir, now: () => new Date("2027-01-07T12:00:00.000Z") };
    expect(await main(["settle", H100, "2026-12"], io)).toBe(0);
    const cli = JSON.parse(out.join("\n")) as Record<string, any>;
    const api = (await get("2027-01-07T12:00:00.000Z", `/v1/indices/${H100}/settlement?month=2026-12`)) as Record<string, any>;
    expect(cli).toEqual(api);
    expect(err.at(-1)).toMatch(/final, value 2\.5161, 31 computed \+ 0 carried of 31 days \(rule 25\), mean; 1 restatements after the freeze/);
    out.length = 0;
    expect(await main(["settle", H100, "--month", "2027-01"], io)).toBe(0);
    expect((JSON.parse(out.join("\n")) as Record<string, any>).state).toBe("provisional");
    expect(await main(["settle", H100], io)).toBe(2);
  });

  it("cpi settle --freeze stores the finals due now, once", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { CPI_DB: dbPath, CPI_KEYS_DIR: join(dir, "keys") }, cwd: dir, now: () => new Date("2027-02-02T16:00:00.000Z") };
    expect(await main(["settle", "--freeze"], io)).toBe(0);
    const jan = out.map((l) => JSON.parse(l) as { contract: string; month: string; method: string; published: boolean }).find((r) => r.contract === H100)!;
    expect([jan.month, jan.method, jan.published]).toEqual(["2027-01", "fallback_previous_settlement", true]);
    expect(err.at(-1)).toBe("cpi settle --freeze: 7 final settlements stored");
    expect(await main(["settle", "--freeze"], io)).toBe(0);
    expect(err.at(-1)).toBe("cpi settle --freeze: 0 final settlements stored");
  });
});
