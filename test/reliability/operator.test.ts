// Operator actions: corrections (republication, restatement, refusals) and key rotation, through the job, the CLI and HTTP.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { statSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { correctFixing, CorrectionError } from "../../src/jobs/correct.ts";
import { fixIndex, latestDueDate } from "../../src/jobs/fix.ts";
import { verify } from "../../src/jobs/verify.ts";
import { knownPublicKeys, loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { ErrorBody } from "../../src/api/errors.ts";
import { API_LIMITS } from "../../src/api/limits.ts";
const OPERATOR_BODY_LIMIT = API_LIMITS.operatorBodyMaxBytes;
import { FIRST_LIVE, LAST, methodology } from "./harness/seed.ts";
import { dropTemplate, published, TOKEN, type Published } from "./harness/published.ts";
import { dailyRows, gpuRow } from "./harness/world.ts";

const H100 = "GPU-H100SXM-OD";
const def = methodology.indices.find((d) => d.code === H100)!;

/** Late data for LAST's window: four cheaper providers, stored after the fixing was published. */
async function lateData(p: Published, date = LAST) {
  await p.store.insertObservations(["late-a", "late-b", "late-c", "late-d"].map((provider) => gpuRow("h100-sxm-80gb", provider, "2.31", `${date}T15:00:00.000Z`, "list_price", "test-late")));
}

function cliIo(p: Published, actor?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l), env: { CPI_DB: p.world.dbPath, CPI_KEYS_DIR: p.world.keysDir, USER: actor }, cwd: p.world.dir };
  return { io, out, err };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const auth = { authorization: `Bearer ${TOKEN}` };

describe("operator actions", () => {
  let p: Published;
  afterEach(async () => p && (await p.close()));
  afterAll(() => dropTemplate());
  const deps = () => ({ store: p.store, signer: p.signer, methodology, now: () => p.now.at });

  it("a same-day correction with late data is a republication: new signed revision, note and audit say what, who, why", async () => {
    p = await published();
    const before = await p.store.getFixing(H100, LAST);
    await lateData(p);
    const outcome = await correctFixing({ code: H100, date: LAST, reason: "late vast.ai data", actor: "alice" }, deps());
    expect(outcome.decision).toMatchObject({ allowed: true, kind: "republication" });
    expect(outcome.fixing).toMatchObject({ revision: 2, status: "republished" });
    expect(outcome.fixing!.value).not.toBe(before!.value);
    expect(outcome.fixing!.note).toContain(`${before!.value} -> ${outcome.fixing!.value}`);
    expect(outcome.fixing!.note).toMatch(/reason: late vast\.ai data; by alice at 2026-04-12T18:00:00\.000Z/);
    expect((await p.store.fixingRevisions(H100, LAST)).map((f) => f.revision)).toEqual([1, 2]);
    expect((await p.store.getFixing(H100, LAST, before!.publishedAt))!.revision).toBe(1); // as-of still answers what was published then
    const [audit] = await p.store.listAudit(1);
    expect(audit).toMatchObject({ actor: "alice", action: "correct", target: `${H100} ${LAST} rev 2` });
    expect(audit!.reason).toMatch(/late vast\.ai data \(republication: .* -> .*\)/);
    expect((await verify(p.store, methodology, knownPublicKeys(p.world.keysDir, p.signer))).problems).toEqual([]);
  });

  it("after the fixing day it is a restatement; beyond 90 days history stands; without new data nothing changes", async () => {
    p = await published({ now: "2026-04-20T09:00:00.000Z" });
    const unchanged = await correctFixing({ code: H100, date: FIRST_LIVE, reason: "check", actor: "bob" }, deps());
    expect(unchanged).toMatchObject({ fixing: null, decision: { allowed: false } });
    expect(unchanged.decision.reason).toMatch(/unchanged|within/);
    await lateData(p, FIRST_LIVE);
    const restated = await correctFixing({ code: H100, date: FIRST_LIVE, reason: "provider feed fixed", actor: "bob" }, deps());
    expect(restated.decision).toMatchObject({ allowed: true, kind: "restatement" });
    p.now.at = new Date("2026-08-01T00:00:00.000Z");
    await lateData(p, LAST);
    const tooLate = await correctFixing({ code: H100, date: LAST, reason: "too late", actor: "bob" }, deps());
    expect(tooLate.decision.allowed).toBe(false);
    expect(tooLate.decision.reason).toMatch(/90-day restatement limit/);
    expect((await p.store.listAudit(10)).map((a) => a.action)).toEqual(["correct-refused", "correct", "correct-refused"]);
    expect((await verify(p.store, methodology, knownPublicKeys(p.world.keysDir, p.signer))).problems).toEqual([]);
  });

  it("refuses unknown indices, missing fixings, back-calculated history and empty reasons", async () => {
    p = await published();
    const ask = (code: string, date: string, reason = "x y z") => correctFixing({ code, date, reason, actor: "eve" }, deps());
    await expect(ask("NOPE", LAST)).rejects.toThrow(CorrectionError);
    await expect(ask(H100, "2020-01-01")).rejects.toThrow(/no published fixing/);
    await expect(ask(H100, "2026-04-01")).rejects.toThrow(/back-calculated/);
    await expect(ask(H100, LAST, "  ")).rejects.toThrow(/reason/);
  });

  it("CLI: cpi correct, cpi rotate-key (new key 0600, old key retired, both verify) and cpi audit", async () => {
    p = await published();
    // The CLI runs on the real clock: a fixing published on time for the latest due date, then late data for it.
    const due = latestDueDate(def, new Date());
    await p.store.insertObservations(dailyRows(due, 1, "list_price", "test-live"));
    const fixingTime = Date.parse(`${due}T16:00:00.000Z`);
    await fixIndex(def, due, "final", { store: p.store, signer: p.signer, methodology, now: () => new Date(Math.min(Date.now(), fixingTime + 1000)) });
    await lateData(p, due);
    const refused = cliIo(p);
    expect(await main(["correct", H100, "2026-04-11", "--reason", "spot check"], refused.io)).toBe(3);
    expect(JSON.parse(refused.out[0]!)).toMatchObject({ allowed: false, published: null });
    const ok = cliIo(p);
    expect(await main(["correct", H100, due, "--reason", "late data", "--actor", "carol"], ok.io)).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ allowed: true, published: { revision: 2, status: "republished" } });
    const oldKey = loadOrCreateSigner(p.world.keysDir).keyId;
    const rot = cliIo(p);
    expect(await main(["rotate-key", "--reason", "scheduled rotation", "--actor", "carol"], rot.io)).toBe(0);
    const rotated = JSON.parse(rot.out[0]!) as { retiredKeyId: string; keyId: string };
    expect(rotated.retiredKeyId).toBe(oldKey);
    expect(rotated.keyId).not.toBe(oldKey);
    expect(statSync(join(p.world.keysDir, "signing-key.pem")).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(p.world.keysDir, "retired"))).toHaveLength(1);
    // A fixing signed with the new key; the old signatures still verify through keys/retired.
    const fresh = loadOrCreateSigner(p.world.keysDir);
    await fixIndex(def, "2026-04-13", "final", { store: p.store, signer: fresh, methodology, now: () => new Date() });
    const check = cliIo(p);
    expect(await main(["verify"], check.io)).toBe(0);
    expect(check.out.at(-1)).toMatch(/^OK/);
    const audit = cliIo(p);
    expect(await main(["audit", "--json"], audit.io)).toBe(0);
    expect(audit.out.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(["rotate-key", "correct", "correct-refused"]);
    expect(await main(["rotate-key"], cliIo(p).io)).toBe(2); // a reason is required
  });
});

describe("operator actions over HTTP", () => {
  let p: Published;
  afterEach(async () => p && (await p.close()));
  afterAll(() => dropTemplate());
  const post = (path: string, init: RequestInit) => p.app.request(path, init);

  it("without a configured token the routes do not exist (404, JSON error)", async () => {
    p = await published();
    for (const path of ["/v1/operator/corrections", "/v1/operator/keys/rotate"]) {
      const res = await post(path, json({ index: H100, date: LAST, reason: "x y z" }, auth));
      expect(res.status).toBe(404);
      expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
    }
  });

  it("needs the bearer token: missing, wrong, other scheme and near-miss tokens get 401 without echoing anything", async () => {
    p = await published({ token: TOKEN });
    const body = { index: H100, date: LAST, reason: "late data" };
    for (const header of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer`, `bearer  ${TOKEN} extra`, `Bearer ${"A".repeat(5000)}`]) {
      const res = await post("/v1/operator/corrections", json(body, header ? { authorization: header } : {}));
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(ErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
      expect(text).not.toContain(TOKEN.slice(0, 12));
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(await p.store.listAudit(10)).toEqual([]);
  });

  it("validates the request: media type, size limit (declared and streamed), JSON, fields", async () => {
    p = await published({ token: TOKEN });
    const cases: [RequestInit, number, string][] = [
      [{ method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "{}" }, 415, "unsupported_media_type"],
      [json({ index: H100, date: LAST, reason: "x".repeat(OPERATOR_BODY_LIMIT) }, auth), 413, "payload_too_large"],
      [{ method: "POST", headers: { ...auth, "content-type": "application/json" }, body: new ReadableStream({ start(c) { for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(1024).fill(32)); c.close(); } }), duplex: "half" } as RequestInit, 413, "payload_too_large"],
      [{ method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{not json" }, 400, "invalid_json"],
      [json({ index: H100, date: LAST }, auth), 400, "invalid_body"],
      [json({ index: H100, date: LAST, reason: "ok ok", extra: 1 }, auth), 400, "invalid_body"],
      [json({ index: "../../etc", date: LAST, reason: "ok ok" }, auth), 400, "invalid_body"],
      [json({ index: H100, date: "2026-02-30", reason: "ok ok" }, auth), 404, "not_found"],
    ];
    for (const [init, status, code] of cases) {
      const res = await post("/v1/operator/corrections", init);
      expect([res.status, ((await res.json()) as ErrorBody).error.code]).toEqual([status, code]);
    }
  });

  it("a correction with the token: 201 and a new revision, or 409 with the policy's reason; both audited as http:<actor>", async () => {
    p = await published({ token: TOKEN });
    const refused = await post("/v1/operator/corrections", json({ index: H100, date: LAST, reason: "check", actor: "dana" }, auth));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("correction_refused");
    await lateData(p);
    const ok = await post("/v1/operator/corrections", json({ index: H100, date: LAST, reason: "late data", actor: "dana" }, auth));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { data: { fixing: { revision: number } } }).data.fixing.revision).toBe(2);
    expect((await p.store.listAudit(5)).map((a) => [a.actor, a.action])).toEqual([["http:dana", "correct"], ["http:dana", "correct-refused"]]);
    const latest = await p.app.request(`/v1/indices/${H100}/fixings/${LAST}`);
    expect(latest.status).toBe(200);
    expect(JSON.stringify(await latest.json())).toContain("republished");
  });

  it("key rotation with the token takes effect in the running process and keeps every signature verifiable", async () => {
    p = await published({ token: TOKEN });
    const old = p.signer.keyId;
    const res = await post("/v1/operator/keys/rotate", json({ reason: "suspected exposure", actor: "ops" }, auth));
    expect(res.status).toBe(201);
    const data = ((await res.json()) as { data: { retiredKeyId: string; keyId: string } }).data;
    expect(data.retiredKeyId).toBe(old);
    expect(p.signer.keyId).toBe(data.keyId);
    expect(existsSync(join(p.world.keysDir, "retired"))).toBe(true);
    expect(statSync(join(p.world.keysDir, "signing-key.pem")).mode & 0o777).toBe(0o600);
    const f = await fixIndex(def, "2026-04-13", "final", { store: p.store, signer: p.signer, methodology, now: () => new Date("2026-04-13T16:00:10.000Z") });
    expect(f!.fixing.signature.startsWith(data.keyId)).toBe(true);
    expect((await verify(p.store, methodology, knownPublicKeys(p.world.keysDir, p.signer))).problems).toEqual([]);
    expect((await p.store.listAudit(1))[0]).toMatchObject({ actor: "http:ops", action: "rotate-key", target: `${old} -> ${data.keyId}` });
  });
});
