// A throwaway publisher installation for reliability tests: temp folders, a small generated bundle, seeded live data.
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NewObservation } from "../../../src/schemas/observation.ts";
import { BUNDLE_COLUMNS, encodeBundleFile, encodeRow } from "../../../src/sources/history/bundle-format.ts";
import { addDays } from "../../../src/jobs/fix.ts";
import { loadOrCreateSigner, knownPublicKeys } from "../../../src/jobs/signing.ts";

export interface World {
  dir: string;
  dbPath: string;
  keysDir: string;
  bundleDir: string;
  /** Environment of a publisher process on this world (schedules on, bundle on, quiet logs unless asked). */
  env(extra?: Record<string, string>): Record<string, string>;
  publicKeys(): Map<string, string>;
  cleanup(): void;
}

export function makeWorld(prefix = "cpi-rel-"): World {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const world: World = {
    dir,
    dbPath: join(dir, "cpi.db"),
    keysDir: join(dir, "keys"),
    bundleDir: join(dir, "bundle"),
    env: (extra = {}) => ({
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      CPI_DB: world.dbPath,
      CPI_KEYS_DIR: world.keysDir,
      CPI_BUNDLE_DIR: world.bundleDir,
      CPI_SCHEDULE: "on",
      CPI_LOAD_BUNDLE: "on",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...extra,
    }),
    publicKeys: () => (existsSync(join(world.keysDir, "signing-key.pem")) ? knownPublicKeys(world.keysDir, loadOrCreateSigner(world.keysDir)) : new Map()),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return world;
}

export const PROVIDERS = ["lambda", "nebius", "crusoe", "coreweave", "hyperstack", "together", "runpod", "vast"];
/** Products of the generated history (each feeds one or more GPU indices). */
export const PRODUCTS = [
  { product: "h100-sxm-80gb", base: 240 },
  { product: "a100-sxm-80gb", base: 140 },
  { product: "l40s-48gb", base: 90 },
  { product: "h200-sxm-141gb", base: 330 },
];

/** Exact price string from integer cents (no floats). */
function cents(n: number): string {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
}

export function gpuRow(product: string, provider: string, price: string, observedAt: string, tier: NewObservation["tier"], source: string): NewObservation {
  return {
    captureId: null, source, provider, kind: "gpu", product, rawName: `${product} x1`, metric: "gpu_hour", quantization: null,
    term: "on_demand", region: "us", providerTier: "neocloud", unit: "USD/GPU-hour", currency: "USD", price, observedAt, tier, volume: null, attrs: {},
  };
}

/** Deterministic daily rows: every product x provider once a day at 12:00 UTC, over `days` days from `from`. */
export function dailyRows(from: string, days: number, tier: NewObservation["tier"], source: string, providers = PROVIDERS): NewObservation[] {
  const rows: NewObservation[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(from, d);
    for (const [pi, p] of PRODUCTS.entries()) {
      for (const [i, provider] of providers.entries()) rows.push(gpuRow(p.product, provider, cents(p.base + ((d * 7 + i * 13 + pi * 5) % 23)), `${day}T12:00:00.000Z`, tier, source));
    }
  }
  return rows;
}

/** Write a bundle (manifest + gzip'd JSON lines) of the rows, split into `files` files. Returns the row count. */
export function writeBundle(dir: string, rows: NewObservation[], files = 3): number {
  mkdirSync(dir, { recursive: true });
  const dataset = { format: "test-history", file: "generated.csv", sha256: "0".repeat(64) };
  const manifestFiles = [];
  for (let f = 0; f < files; f++) {
    const part = rows.filter((_, i) => i % files === f);
    const bytes = encodeBundleFile(part.map((o) => encodeRow(0, { ...o, attrs: { ...o.attrs, dataset: dataset.file } })));
    const name = `part-${f}.jsonl.gz`;
    writeFileSync(join(dir, name), bytes);
    manifestFiles.push({ name, sha256: createHash("sha256").update(bytes).digest("hex"), observations: part.length });
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ format: "cpi-bundle/1", columns: BUNDLE_COLUMNS, datasets: [dataset], files: manifestFiles }, null, 2));
  return rows.length;
}

/** A copy of a world's database (with its WAL), keys and bundle, in new folders. */
export function cloneWorld(from: World, prefix = "cpi-clone-"): World {
  const to = makeWorld(prefix);
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(from.dbPath + suffix)) copyFileSync(from.dbPath + suffix, to.dbPath + suffix);
  if (existsSync(from.keysDir)) cpSync(from.keysDir, to.keysDir, { recursive: true });
  if (existsSync(from.bundleDir)) cpSync(from.bundleDir, to.bundleDir, { recursive: true });
  return to;
}
