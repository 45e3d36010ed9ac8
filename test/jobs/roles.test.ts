// cpi serve --role: an api node serves without scheduling or writing history; a scheduler leads (SQLite: always).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { startPublisher } from "../../src/main.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";

const NOW = () => new Date("2026-06-02T17:00:00.000Z");

describe("serve roles", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cpi-roles-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const env = (role: string) => ({ PORT: "0", CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys"), CPI_LOAD_BUNDLE: "off", CPI_ROLE: role });

  it("validates the role in the config (default all)", () => {
    expect(loadConfig({}, dir).CPI_ROLE).toBe("all");
    expect(loadConfig({ CPI_ROLE: "api" }, dir).CPI_ROLE).toBe("api");
    expect(() => loadConfig({ CPI_ROLE: "leader" }, dir)).toThrow(ConfigError);
    expect(() => loadConfig({ CPI_ROLE: "leader" }, dir)).toThrow(/CPI_ROLE \(--role\) must be "api", "scheduler" or "all"/);
  });

  it("cpi serve --role rejects an unknown role before opening anything", async () => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (l) => err.push(l), env: env("all"), cwd: dir };
    expect(await main(["serve", "--role", "boss"], io)).toBe(1);
    expect(err.join("\n")).toMatch(/CPI_ROLE \(--role\)/);
  });

  it("an api node reports its role, does not campaign and publishes nothing", async () => {
    const e = env("api");
    const p = await startPublisher(loadConfig(e, dir), e, { now: NOW, sources: [], collectOnStart: false, log: silentLogger });
    try {
      const health = (await (await fetch(`${p.url}/v1/health`)).json()) as { role: string; leader: boolean | null };
      expect(health).toMatchObject({ role: "api", leader: null });
      expect(await p.store.getMeta("first_live_start")).toBeNull();
      const metrics = await (await fetch(`${p.url}/metrics`)).text();
      expect(metrics).toContain('cpi_node_role{role="api"} 1');
      expect(metrics).not.toMatch(/^cpi_scheduler_leader /m);
    } finally {
      await p.close();
    }
  });

  it("a scheduler on SQLite is the leader from the start and begins its term before serving", async () => {
    const e = env("scheduler");
    const p = await startPublisher(loadConfig(e, dir), e, { now: NOW, sources: [], collectOnStart: false, log: silentLogger });
    try {
      const health = (await (await fetch(`${p.url}/v1/health`)).json()) as { role: string; leader: boolean | null };
      expect(health).toMatchObject({ role: "scheduler", leader: true });
      expect(await p.store.getMeta("first_live_start")).toBe(NOW().toISOString());
      expect(await (await fetch(`${p.url}/metrics`)).text()).toMatch(/^cpi_scheduler_leader 1$/m);
    } finally {
      await p.close();
    }
  });
});
