import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleIsLoaded, loadBundle, readManifest } from "../../src/jobs/bundle.ts";
import { decodeBundleFile, encodeBundleFile, encodeRow, stableJson } from "../../src/sources/history/bundle-format.ts";
import { buildBundle } from "../../scripts/build-data.ts";
import type { BundleSpec } from "../../scripts/bundle-specs.ts";
import { describeShared, fixturePath, sharedFixtures } from "../helpers/shared.ts";
import { runImporter } from "./helpers.ts";
import { scratchStore } from "../helpers/stores.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "cpi-bundle-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((n) => [n, createHash("sha256").update(readFileSync(join(dir, n))).digest("hex")]));
}

/** A bundle built from the project's own fixtures (test/fixtures/history). */
const SMALL: BundleSpec[] = [
  { format: "daily-observations", folder: "history", pattern: /^daily_observations_sample\.csv$/, bundleFile: "gpu.jsonl.gz" },
  { format: "llm-prices", folder: "history", pattern: /^llm_prices_sample\.json$/, bundleFile: "token.jsonl.gz", captureDate: "2026-08-21" },
  { format: "openrouter-endpoints", folder: "history", pattern: /^endpoints_.*\.csv$/, bundleFile: "token.jsonl.gz" },
];

describe("bundle format", () => {
  it("round-trips observations and restores dataset provenance from the manifest", () => {
    const r = runImporter("daily-observations", fixturePath("history", "daily_observations_sample.csv"));
    const ds = [{ format: "daily-observations", file: "history/daily_observations_sample.csv", sha256: "a".repeat(64) }];
    const bytes = encodeBundleFile(r.observations.map((o) => encodeRow(0, o)));
    const back = decodeBundleFile(bytes, ds);
    expect(back).toHaveLength(r.observations.length);
    const first = back.find((o) => o.attrs.row === "line 2")!;
    const orig = r.observations.find((o) => o.attrs.row === "line 2")!;
    expect(first).toEqual({ ...orig, attrs: { ...orig.attrs, dataset: ds[0]!.file, fileSha256: ds[0]!.sha256 } });
  });

  it("sorts rows, so input order does not change the bytes", () => {
    const lines = ['[0,"b",2,"2026-01-02T00:00:00.000Z"]', '[0,"a",1,"2026-01-01T00:00:00.000Z"]'];
    const r = runImporter("daily-observations", fixturePath("history", "daily_observations_sample.csv"));
    const rows = r.observations.map((o) => encodeRow(0, o));
    expect(Buffer.from(encodeBundleFile(rows)).equals(Buffer.from(encodeBundleFile([...rows].reverse())))).toBe(true);
    expect(stableJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(lines).toHaveLength(2);
  });
});

describe("buildBundle + loadBundle", () => {
  const out = tempDir();
  const reports = buildBundle(fixturePath(), out, SMALL);

  it("writes a manifest with provenance per dataset", () => {
    expect(reports.map((r) => r.file)).toEqual(["history/daily_observations_sample.csv", "history/llm_prices_sample.json", "history/endpoints_2026-08-08.csv"]);
    const daily = reports[0]!;
    expect(daily).toMatchObject({ rowsRead: 16, observations: 9, bundled: 9 });
    expect(daily.rejected.reduce((s, g) => s + g.count, 0)).toBe(7);
    expect(readManifest(out)?.manifest.files.map((f) => f.name)).toEqual(["gpu.jsonl.gz", "token.jsonl.gz"]);
  });

  it("is byte-deterministic", () => {
    const again = tempDir();
    buildBundle(fixturePath(), again, SMALL);
    expect(digest(again)).toEqual(digest(out));
  });

  it("loads once into a store, with captureId null, and marks it", async () => {
    const store = scratchStore();
    try {
      expect(await bundleIsLoaded(store, out)).toBe(false);
      const first = await loadBundle(store, out);
      const total = reports.reduce((s, r) => s + r.bundled, 0);
      expect(first).toMatchObject({ files: 2, observations: total, skipped: null });
      expect(await store.countObservations()).toBe(total);
      expect(await bundleIsLoaded(store, out)).toBe(true);
      const again = await loadBundle(store, out);
      expect(again).toMatchObject({ observations: 0, skipped: "already loaded" });
      const rows = await store.queryObservations({ products: ["h100-sxm-80gb"], limit: 10 });
      expect(rows.length).toBeGreaterThan(0);
      for (const o of rows) expect(o).toMatchObject({ captureId: null, tier: "historical_import", attrs: { dataset: "history/daily_observations_sample.csv" } });
    } finally {
      await store.close();
    }
  });

  it("reports a missing bundle instead of failing", async () => {
    const store = scratchStore();
    try {
      expect(await loadBundle(store, tempDir())).toMatchObject({ files: 0, observations: 0 });
    } finally {
      await store.close();
    }
  });
});

describeShared("data:build over ../shared/fixtures", () => {
  it("yields identical bytes twice", () => {
    const a = tempDir();
    const b = tempDir();
    buildBundle(sharedFixtures, a);
    buildBundle(sharedFixtures, b);
    expect(digest(a)).toEqual(digest(b));
  }, 120_000);

  it("the committed data/bundle is current (else run npm run data:build)", () => {
    const fresh = tempDir();
    const counts = (dir: string) =>
      readManifest(dir)!.manifest.datasets.map((d, i) => {
        const p = (JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { provenance: { rowsRead: number; observations: number; bundled: number }[] }).provenance[i]!;
        return { ...d, rowsRead: p.rowsRead, observations: p.observations, bundled: p.bundled };
      });
    buildBundle(sharedFixtures, fresh);
    expect(counts(fixturePath("..", "..", "data", "bundle"))).toEqual(counts(fresh));
  }, 120_000);

  it("loads the committed bundle into :memory:", async () => {
    const dir = fixturePath("..", "..", "data", "bundle");
    const m = readManifest(dir)!;
    const store = scratchStore();
    try {
      const r = await loadBundle(store, dir);
      expect(r.observations).toBe(m.manifest.files.reduce((s, f) => s + f.observations, 0));
      expect(await store.countObservations({ products: ["h100-sxm-80gb"], term: "on_demand" })).toBeGreaterThan(5000);
    } finally {
      await store.close();
    }
  }, 120_000);
});
