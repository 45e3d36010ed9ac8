// Golden published outputs: every fixing of a multi-day, multi-source scenario, JSON and CSV bytes, pinned.
// Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/golden` and explain it in the commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Store } from "../../src/db/index.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { loadMethodologySet } from "../../src/jobs/methodologies.ts";
import { createApp } from "../../src/api/app.ts";
import { loadBundle } from "../../src/jobs/bundle.ts";
import { backfill } from "../../src/jobs/history.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import type { Signer } from "../../src/jobs/signing.ts";
import { buildBundle } from "../../scripts/build-data.ts";
import type { BundleSpec } from "../../scripts/bundle-specs.ts";
import { fixturePath } from "../helpers/shared.ts";
import { testDeps } from "../api/fixture.ts";
import { scratchStore } from "../helpers/stores.ts";

const GOLDEN_DIR = fixturePath("golden", "expected");
const update = process.env["UPDATE_GOLDEN"] === "1";

/** The scenario (scripts/golden-scenario.ts) plus the project's first-party and CNY list fixtures. */
const SPECS: BundleSpec[] = [
  { format: "daily-observations", folder: "golden", pattern: /^daily_observations_golden\.csv$/, bundleFile: "gpu.jsonl.gz" },
  { format: "openrouter-endpoints", folder: "golden", pattern: /^endpoints_\d{4}-\d{2}-\d{2}\.csv$/, bundleFile: "token.jsonl.gz" },
  { format: "litellm", folder: "history/first-party", pattern: /^model_prices_\d{4}-\d{2}-\d{2}\.json$/, bundleFile: "first-party.jsonl.gz" },
  { format: "china-cny", folder: "history/china-cny", pattern: /^providers_[a-z]+\.json$/, bundleFile: "cny.jsonl.gz", captureDate: "2026-08-21" },
];

/** A fixed signer and clock: the golden bytes depend on the methodology and the inputs only. */
const signer: Signer = { keyId: "golden", publicKeyPem: "", sign: (hash) => `golden:${hash.slice(0, 16)}` };
const now = () => new Date("2026-09-01T00:00:00.000Z");

function compare(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (update || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual, `${name} differs from its golden copy (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(path, "utf8"));
}

describe("golden published outputs", () => {
  let dir: string;
  let store: Store;
  let codes: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cpi-golden-"));
    buildBundle(fixturePath(), join(dir, "bundle"), SPECS);
    store = scratchStore();
    await loadBundle(store, join(dir, "bundle"));
    // Published history is computed under the archived versions (methodology/versions), as `npm start` does:
    // working definitions in indices.json ahead of an unreleased version never move the pinned outputs.
    const methodology = loadMethodology();
    const versions = loadMethodologySet();
    await backfill(store, { methodology, versions, signer, now, log: silentLogger });
    codes = [];
    for (const def of methodology.indices) if ((await store.latestFixing(def.code)) !== null) codes.push(def.code);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("covers every index family", () => {
    const families = new Set(codes.map((c) => (c.startsWith("GPU-") ? "gpu" : c.endsWith("-CNY-LIST") ? "token-cny-list" : c.endsWith("-LIST") ? "token-list" : "token")));
    expect([...families].sort()).toEqual(["gpu", "token", "token-cny-list", "token-list"]);
  });

  it("publishes the same JSON and CSV bytes for every index", async () => {
    const app = createApp(testDeps(store), { nonce: "golden" });
    const index: Record<string, number> = {};
    for (const code of codes) {
      const json = await app.request(`/v1/indices/${code}/fixings?limit=1000`);
      expect(json.status).toBe(200);
      const body = (await json.json()) as { data: unknown[] };
      index[code] = body.data.length;
      compare(`${code}.json`, `${JSON.stringify(body.data, null, 1)}\n`);
      const csv = await app.request(`/v1/indices/${code}/fixings?format=csv&limit=1000`);
      expect(csv.status).toBe(200);
      compare(`${code}.csv`, await csv.text());
    }
    compare("index.json", `${JSON.stringify(index, null, 1)}\n`);
  });
});
