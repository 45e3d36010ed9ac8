// Loads the bundled history (data/bundle: manifest.json + gzip'd JSON lines) into a store, once per bundle version.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Store } from "../db/index.ts";
import { BUNDLE_COLUMNS, decodeBundleFile } from "../sources/history/bundle-format.ts";

export const BUNDLE_META_KEY = "bundle_sha256";
/** How far an unfinished load got: "<manifest sha256> <file index> <rows of that file done>". */
export const BUNDLE_PROGRESS_KEY = "bundle_progress";

function parseProgress(value: string | null): { sha256: string; file: number; rows: number } | null {
  const match = /^([0-9a-f]{64}) (\d+) (\d+)$/.exec(value ?? "");
  return match ? { sha256: match[1]!, file: Number(match[2]), rows: Number(match[3]) } : null;
}

const Manifest = z.object({
  format: z.literal("cpi-bundle/1"),
  columns: z.array(z.string()),
  datasets: z.array(z.object({ format: z.string(), file: z.string(), sha256: z.string() })),
  files: z.array(z.object({ name: z.string().regex(/^[\w.-]+$/), sha256: z.string(), observations: z.number().int().nonnegative() })),
});
export type BundleManifest = z.infer<typeof Manifest>;

export interface BundleLoad {
  files: number;
  observations: number;
  /** sha256 of manifest.json, which names every file's sha256: the bundle's identity. */
  sha256: string | null;
  /** Why nothing was inserted (no bundle, already loaded, another bundle loaded), or null. */
  skipped: string | null;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function readManifest(dir: string): { manifest: BundleManifest; sha256: string } | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  const parsed = Manifest.safeParse(JSON.parse(bytes.toString("utf8")));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.columns.join(",") !== BUNDLE_COLUMNS.join(",")) throw new Error(`${path}: columns differ from this version's bundle format`);
  return { manifest: parsed.data, sha256: sha256(bytes) };
}

/** True when this store already holds the bundle in `dir` (same manifest sha256). */
export async function bundleIsLoaded(store: Store, dir: string): Promise<boolean> {
  const m = readManifest(dir);
  return m !== null && (await store.getMeta(BUNDLE_META_KEY)) === m.sha256;
}

/**
 * Insert every bundled observation (captureId null) and mark the store with the bundle's sha256.
 * Loading twice is a no-op. A store marked with a different bundle is left alone: there is no
 * delete of imported rows yet, and loading both would count every overlapping figure twice.
 */
export async function loadBundle(store: Store, dir: string, opts: { batch?: number } = {}): Promise<BundleLoad> {
  const m = readManifest(dir);
  if (m === null) return { files: 0, observations: 0, sha256: null, skipped: `no manifest.json in ${dir}` };
  const { manifest } = m;
  const loaded = await store.getMeta(BUNDLE_META_KEY);
  const files = manifest.files.length;
  if (loaded === m.sha256) return { files, observations: 0, sha256: m.sha256, skipped: "already loaded" };
  if (loaded !== null) return { files, observations: 0, sha256: m.sha256, skipped: `store holds another bundle (${loaded.slice(0, 12)}); load into a fresh database` };
  const batch = opts.batch ?? 5000;
  // Resumable: every batch commits together with a progress mark "<sha256> <file index> <rows done>", so a
  // load interrupted by a crash continues after the last committed batch instead of inserting one twice.
  const progress = parseProgress(await store.getMeta(BUNDLE_PROGRESS_KEY));
  if (progress && progress.sha256 !== m.sha256) return { files, observations: 0, sha256: m.sha256, skipped: `store holds a partial load of another bundle (${progress.sha256.slice(0, 12)}); load into a fresh database` };
  let observations = 0;
  for (const [fileIndex, f] of manifest.files.entries()) {
    if (progress && fileIndex < progress.file) continue;
    const bytes = readFileSync(join(dir, f.name));
    if (sha256(bytes) !== f.sha256) throw new Error(`${f.name}: sha256 differs from manifest.json (corrupt or edited bundle)`);
    const rows = decodeBundleFile(bytes, manifest.datasets);
    if (rows.length !== f.observations) throw new Error(`${f.name}: ${rows.length} rows, manifest says ${f.observations}`);
    for (let i = progress?.file === fileIndex ? progress.rows : 0; i < rows.length; i += batch) {
      const end = Math.min(rows.length, i + batch);
      const mark = end === rows.length ? `${m.sha256} ${fileIndex + 1} 0` : `${m.sha256} ${fileIndex} ${end}`;
      observations += await store.insertObservations(rows.slice(i, end), { key: BUNDLE_PROGRESS_KEY, value: mark });
    }
  }
  await store.setMeta(BUNDLE_META_KEY, m.sha256);
  return { files, observations, sha256: m.sha256, skipped: null };
}
