// The complaints register: opened, answered and closed through the CLI, each step an append-only audit entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { openStore } from "../../src/db/index.ts";
import { createApp } from "../../src/api/app.ts";
import { testDeps } from "../api/fixture.ts";

let dir = "";
let env: Record<string, string> = {};
let clock = new Date("2026-12-03T10:00:00.000Z");

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir, now: () => clock };
  return { io, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cpi-complaint-"));
  env = { CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys") };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cpi complaint", () => {
  it("opens, answers, closes and lists a complaint; the audit log holds every step", async () => {
    const opened = fakeIo();
    expect(await main(["complaint", "open", "--about", "GPU-H100SXM-OD", "--summary", "2026-11-30 value ignores provider X", "--from", "exchange:ops"], opened.io)).toBe(0);
    expect(opened.out).toEqual(["C-20261203T100000Z"]);
    const twin = fakeIo();
    expect(await main(["complaint", "open", "--about", "governance", "--summary", "second in the same second"], twin.io)).toBe(0);
    expect(twin.out).toEqual(["C-20261203T100000Z-2"]);
    clock = new Date("2026-12-04T09:00:00.000Z");
    expect(await main(["complaint", "answer", "C-20261203T100000Z", "--text", "provider X was stale for 14 h (README step 4)", "--actor", "admin"], fakeIo().io)).toBe(0);
    expect(await main(["complaint", "close", "C-20261203T100000Z", "--text", "no error: the fixing stands", "--actor", "oversight"], fakeIo().io)).toBe(0);
    const again = fakeIo();
    expect(await main(["complaint", "close", "C-20261203T100000Z", "--text", "twice"], again.io)).toBe(1);
    expect(again.err[0]).toMatch(/was closed at 2026-12-04T09:00:00.000Z/);
    const open = fakeIo();
    expect(await main(["complaint", "list", "--open"], open.io)).toBe(0);
    expect(open.out).toHaveLength(1);
    expect(open.out[0]).toMatch(/^C-20261203T100000Z-2 {2}open 0 d {2}governance/);
    clock = new Date("2027-01-05T09:00:00.000Z");
    const late = fakeIo();
    expect(await main(["complaint", "list", "--open"], late.io)).toBe(0);
    expect(late.out[0]).toMatch(/^C-20261203T100000Z-2 {2}open 32 d OVERDUE {2}governance/);
    const all = fakeIo();
    expect(await main(["complaint", "list", "--json"], all.io)).toBe(0);
    const first = JSON.parse(all.out[0]!) as { from: string; trail: { action: string; actor: string }[]; closedAt: string };
    expect(first).toMatchObject({ from: "exchange:ops", closedAt: "2026-12-04T09:00:00.000Z" });
    expect(first.trail.map((t) => `${t.action} ${t.actor}`)).toEqual(["complaint-answer admin", "complaint-close oversight"]);
    const audit = fakeIo();
    expect(await main(["audit"], audit.io)).toBe(0);
    expect(audit.out.filter((l) => l.includes("complaint-"))).toHaveLength(4);
  });

  it("is served to operators at /v1/operator/complaints", async () => {
    const store = openStore(env.CPI_DB!);
    try {
      const app = createApp({ ...testDeps(store, { CPI_OPERATOR_TOKEN: "t".repeat(32) }) }, { nonce: "t" });
      const auth = { authorization: `Bearer ${"t".repeat(32)}` };
      expect((await app.request("/v1/operator/complaints")).status).toBe(401);
      const all = (await (await app.request("/v1/operator/complaints", { headers: auth })).json()) as { data: { ref: string; closedAt: string | null }[] };
      expect(all.data.map((c) => c.ref)).toEqual(["C-20261203T100000Z", "C-20261203T100000Z-2"]);
      const open = (await (await app.request("/v1/operator/complaints?open=true", { headers: auth })).json()) as { data: { ref: string }[] };
      expect(open.data.map((c) => c.ref)).toEqual(["C-20261203T100000Z-2"]);
    } finally {
      await store.close();
    }
  });

  it("refuses an unknown reference and explains its usage", async () => {
    const unknown = fakeIo();
    expect(await main(["complaint", "answer", "C-1", "--text", "x"], unknown.io)).toBe(1);
    expect(unknown.err[0]).toMatch(/no complaint C-1/);
    const usage = fakeIo();
    expect(await main(["complaint", "open", "--about", "x"], usage.io)).toBe(2);
    expect(usage.err[0]).toMatch(/^usage: cpi complaint open/);
  });
});
