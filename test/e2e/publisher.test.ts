// The publisher end to end on its embedded default: empty database -> bundled history -> fixings -> API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { startPublisher, type Publisher } from "../../src/main.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { buildBundle } from "../../scripts/build-data.ts";
import type { BundleSpec } from "../../scripts/bundle-specs.ts";
import { fixturePath } from "../helpers/shared.ts";

const SPECS: BundleSpec[] = [
  { format: "daily-observations", folder: "e2e", pattern: /^daily_observations_e2e\.csv$/, bundleFile: "gpu.jsonl.gz" },
  { format: "openrouter-endpoints", folder: "history", pattern: /^endpoints_.*\.csv$/, bundleFile: "token.jsonl.gz" },
];

describe("npm start on an empty database", () => {
  let dir: string;
  let publisher: Publisher;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpi-e2e-"));
    buildBundle(fixturePath(), join(dir, "bundle"), SPECS);
    const env = { PORT: "0", CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys"), CPI_BUNDLE_DIR: join(dir, "bundle"), CPI_SCHEDULE: "off" };
    publisher = await startPublisher(loadConfig(env, dir), env, { log: silentLogger, collectOnStart: false });
  });
  afterAll(async () => {
    await publisher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the database and a private signing key (mode 0600)", () => {
    expect(statSync(join(dir, "cpi.db")).isFile()).toBe(true);
    expect(statSync(join(dir, "keys", "signing-key.pem")).mode & 0o777).toBe(0o600);
  });

  it("serves back-calculated fixings over the bundled history, as JSON and CSV", async () => {
    const list = (await (await fetch(`${publisher.url}/v1/indices`)).json()) as { data: { code: string }[] };
    expect(list.data.length).toBeGreaterThan(10);
    const res = await fetch(`${publisher.url}/v1/indices/GPU-H100SXM-OD/fixings?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="GPU-H100SXM-OD_fixings/);
    const text = await res.text();
    const lines = text.split("\r\n");
    expect(lines[0]!.startsWith("index_code,fixing_date")).toBe(true);
    expect(lines.at(-1)).toBe("");
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[1]).toMatch(/back-calculated/);
  });

  it("answers health, and 400/404 with one JSON error shape", async () => {
    expect((await fetch(`${publisher.url}/v1/health`)).status).toBe(200);
    const bad = await fetch(`${publisher.url}/v1/indices/GPU-H100SXM-OD/fixings?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe("from");
    const missing = await fetch(`${publisher.url}/v1/indices/NOPE-X`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("operator actions over HTTP", () => {
  it("exist only with a token, need it, and leave an audit record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cpi-op-"));
    const token = "operator-token-for-tests-0123456789";
    buildBundle(fixturePath(), join(dir, "bundle"), SPECS);
    const env = { PORT: "0", CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys"), CPI_BUNDLE_DIR: join(dir, "bundle"), CPI_SCHEDULE: "off", CPI_OPERATOR_TOKEN: token };
    const p = await startPublisher(loadConfig(env, dir), env, { log: silentLogger, collectOnStart: false });
    try {
      const rotate = (auth?: string) =>
        fetch(`${p.url}/v1/operator/keys/rotate`, { method: "POST", headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify({ reason: "scheduled rotation", actor: "ops" }) });
      expect((await rotate()).status).toBe(401);
      expect((await rotate("Bearer wrong-token-wrong-token-wrong")).status).toBe(401);
      const ok = await rotate(`Bearer ${token}`);
      expect(ok.status).toBe(201);
      const keys = (await (await fetch(`${p.url}/v1/keys`)).json()) as { data: { status: string }[] };
      expect(keys.data.map((k) => k.status).sort()).toEqual(["active", "retired"]);
      const audit = await p.store.listAudit();
      expect(audit[0]).toMatchObject({ action: expect.stringMatching(/rotat/), reason: "scheduled rotation" });
      expect(audit[0]!.actor).toMatch(/ops/);
    } finally {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
