// Secrets (a keyed source's API key, the operator token, the signing key) never reach logs, API responses or error messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, ConfigError } from "../../src/config.ts";
import { loadOrCreateSigner } from "../../src/jobs/signing.ts";
import { hangUp, send, sequence, startFakeServer, type FakeServer } from "../helpers/fake-server.ts";
import { journalLines, spawnPublisher, waitForJournal } from "./harness/crash.ts";
import { providerBodies } from "./harness/sources.ts";
import { makeWorld, type World } from "./harness/world.ts";

const API_KEY = "gcpkey-9f8e7d6c5b4a39281706";
const TOKEN = "optoken-1a2b3c4d5e6f7a8b9c0d1e2f";

/** Every text column of every table, for a scan of what the database could hand out. */
function errorTexts(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const q = (sql: string) => (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)).join("\n");
    return [q("SELECT url, parse_error FROM captures"), q("SELECT error FROM source_runs"), q("SELECT message FROM anomalies"), q("SELECT reason FROM parse_skips"), q("SELECT * FROM audit_log")].join("\n");
  } finally {
    db.close();
  }
}

describe("secrets stay out of logs, responses and errors", () => {
  let world: World;
  let provider: FakeServer;
  let stderr = "";
  const responses: string[] = [];

  beforeAll(async () => {
    const bodies = providerBodies(50);
    const ok = (body: Buffer) => send(body, { headers: { "content-type": "application/json" } });
    provider = await startFakeServer({
      // The keyed source fails in every way a message could quote its URL, then succeeds.
      "/gcp": sequence(send("down", { status: 503 }), hangUp(), send("<html>denied</html>", { status: 403 }), send("<html>oops</html>", { headers: { "content-type": "text/html" } }), ok(bodies["/gcp"]!)),
      "/openrouter": ok(bodies["/openrouter"]!),
      "/deepinfra": ok(bodies["/deepinfra"]!),
      "/vastai": ok(bodies["/vastai"]!),
    });
    world = makeWorld("cpi-secrets-");
    const journal = join(world.dir, "journal.log");
    const child = spawnPublisher(world, journal, provider.origin, { CPI_LOAD_BUNDLE: "off", CPI_GCP_API_KEY: API_KEY, CPI_OPERATOR_TOKEN: TOKEN, LOG_LEVEL: "debug" });
    await waitForJournal(journal, (l) => l.some((x) => x.startsWith("ready")), 60_000, child);
    const url = journalLines(journal).find((x) => x.startsWith("ready"))!.slice(6);
    while (provider.hits("/gcp") < 5) await new Promise((r) => setTimeout(r, 50));
    for (const path of ["/v1/sources", "/v1/health", "/metrics", "/openapi.json", "/v1/operator/audit", "/v1/keys", "/v1/captures/1"]) {
      for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }] as Record<string, string>[]) {
        const res = await fetch(url + path, { headers });
        responses.push(`${path} ${res.status} ${[...res.headers].join(" ")} ${await res.text()}`);
      }
    }
    child.proc.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    stderr = child.stderr();
  }, 120_000);

  afterAll(async () => {
    await provider.close();
    world.cleanup();
  });

  it("the key really was used (the provider saw it) and the failures were logged", () => {
    expect(provider.requests.some((r) => r.url.includes(API_KEY))).toBe(true);
    expect(stderr).toMatch(/collection problem/);
  });

  it("no log line carries the API key, the operator token or the private key", () => {
    const pem = readFileSync(join(world.keysDir, "signing-key.pem"), "utf8").split("\n")[1]!;
    for (const secret of [API_KEY, encodeURIComponent(API_KEY), TOKEN, pem]) expect(stderr).not.toContain(secret);
  });

  it("no API response carries them, authorized or not", () => {
    expect(responses.length).toBe(21);
    const all = responses.join("\n");
    for (const secret of [API_KEY, TOKEN]) expect(all).not.toContain(secret);
    expect(all).not.toContain("PRIVATE KEY");
  });

  it("no stored error message or capture URL carries the key (URLs are stored redacted)", () => {
    const texts = errorTexts(world.dbPath);
    expect(texts).toMatch(/gcp\?fetch=[^"]*key=REDACTED/);
    expect(texts).not.toContain(API_KEY);
  });

  it("configuration errors name the variable, never its value", () => {
    const shortToken = "short-secret-token";
    let message = "";
    try {
      loadConfig({ CPI_OPERATOR_TOKEN: shortToken, PORT: "not-a-port-secret" }, "/");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/CPI_OPERATOR_TOKEN/);
    expect(message).not.toContain(shortToken);
  });

  it("the private key file is created with mode 0600 in a 0700 folder, whatever the umask", () => {
    const dir = mkdtempSync(join(tmpdir(), "cpi-keys-"));
    const old = process.umask(0);
    try {
      loadOrCreateSigner(join(dir, "keys"));
      expect(statSync(join(dir, "keys", "signing-key.pem")).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, "keys")).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(old);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(statSync(join(world.keysDir, "signing-key.pem")).mode & 0o777).toBe(0o600);
  });
});
