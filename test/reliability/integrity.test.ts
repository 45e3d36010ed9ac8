// Immutability and limits: no route and method changes a published fixing; the database refuses it too; requests are bounded.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { ErrorBody } from "../../src/api/errors.ts";
import { API_LIMITS } from "../../src/api/limits.ts";
const OPERATOR_BODY_LIMIT = API_LIMITS.operatorBodyMaxBytes;
import { LAST } from "./harness/seed.ts";
import { dropTemplate, published, TOKEN, type Published } from "./harness/published.ts";
import { fixingsSnapshot, immutabilityProblems } from "./harness/snapshot.ts";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** What a client trying to overwrite a fixing would send. */
const OVERWRITE = JSON.stringify({ indexCode: "GPU-H100SXM-OD", fixingDate: LAST, value: "0.0001", status: "final", revision: 1, index: "GPU-H100SXM-OD", date: LAST, reason: "overwrite it" });
const VALUES: Record<string, string> = { code: "GPU-H100SXM-OD", date: LAST, id: "1", name: "style.css", file: "README.md" };

describe("published fixings cannot change through the API", () => {
  let p: Published;
  afterEach(async () => p && (await p.close()));
  afterAll(() => dropTemplate());

  it("every route x every method x with and without the operator token leaves every fixing row byte-identical", { timeout: 60_000 }, async () => {
    p = await published({ token: TOKEN });
    const before = fixingsSnapshot(p.world.dbPath);
    const paths = [...new Set(p.app.routes.map((r) => r.path).filter((path) => !path.includes("*")))];
    let requests = 0;
    for (const path of paths) {
      const url = path.replace(/:([A-Za-z_]+)/g, (_, name: string) => VALUES[name] ?? "x");
      for (const method of METHODS) {
        for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
          const headers: Record<string, string> = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
          const res = await p.app.request(url, { method, headers, body: method === "GET" || method === "HEAD" ? null : OVERWRITE });
          requests++;
          expect(res.status, `${method} ${url}`).toBeLessThan(500);
          if (res.status >= 400 && method !== "HEAD") expect(ErrorBody.safeParse(await res.json()).success, `${method} ${url}`).toBe(true);
        }
      }
    }
    expect(requests).toBe(paths.length * METHODS.length * 2);
    expect(await immutabilityProblems(p, before)).toEqual([]);
    // The only write route that answered is the audited correction (refused here: the data did not change).
    expect((await p.store.listAudit(100)).every((a) => a.action === "correct-refused")).toBe(true);
  });

  it("the database itself refuses: triggers stop UPDATE and DELETE of fixings and of the audit log; the serving connection is read-only", async () => {
    p = await published();
    const db = new Database(p.world.dbPath);
    expect(() => db.prepare("UPDATE fixings SET value = '0' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM fixings WHERE id = 1").run()).toThrow(/append-only/);
    db.prepare("INSERT INTO audit_log (at, actor, action, target, reason) VALUES ('t', 'a', 'b', 'c', 'd')").run();
    expect(() => db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    db.close();
    const ro = new Database(p.world.dbPath, { readonly: true });
    expect(() => ro.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/i);
    ro.close();
    expect("appendFixing" in p.read).toBe(false);
  });
});

describe("limits: request size, range, page size; expensive requests are bounded", () => {
  let p: Published;
  afterEach(async () => p && (await p.close()));
  afterAll(() => dropTemplate());

  it("answers over-limit requests with a JSON 4xx naming the limit", async () => {
    p = await published({ token: TOKEN });
    const code = "GPU-H100SXM-OD";
    const cases: [string, RequestInit | undefined, number][] = [
      [`/v1/indices/${code}/fixings?to=2026-01-01&x=${"a".repeat(API_LIMITS.maxQueryLength)}`, undefined, 414],
      [`/v1/indices/${code}/fixings?from=2000-01-01&to=2026-01-01`, undefined, 400],
      [`/v1/indices/${code}/fixings?limit=${API_LIMITS.fixingsPageMax + 1}`, undefined, 400],
      [`/v1/observations?limit=${API_LIMITS.observationsPageMax + 1}`, undefined, 400],
      ["/v1/operator/corrections", { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "content-length": String(OPERATOR_BODY_LIMIT + 1) }, body: "x".repeat(OPERATOR_BODY_LIMIT + 1) }, 413],
    ];
    for (const [url, init, status] of cases) {
      const res = await p.app.request(url, init);
      expect(res.status, url.slice(0, 80)).toBe(status);
      expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
    }
  });

  it("the largest allowed pages and ranges are answered, and no bigger than the page limit", async () => {
    p = await published();
    const fixings = await p.app.request(`/v1/indices/GPU-H100SXM-OD/fixings?from=2016-04-12&to=${LAST}&limit=${API_LIMITS.fixingsPageMax}`);
    expect(fixings.status).toBe(200);
    expect(((await fixings.json()) as { data: unknown[] }).data.length).toBeLessThanOrEqual(API_LIMITS.fixingsPageMax);
    const observations = await p.app.request(`/v1/observations?limit=${API_LIMITS.observationsPageMax}`);
    expect(observations.status).toBe(200);
    expect(((await observations.json()) as { data: unknown[] }).data.length).toBeLessThanOrEqual(API_LIMITS.observationsPageMax);
  });
});
