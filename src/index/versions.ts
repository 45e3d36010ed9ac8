// Versioned definitions: the registry of every methodology version, its archive pinned by sha256, and which one applies.
import { z } from "zod";
import { IsoDate } from "../schemas/decimal.ts";
import { sha256Hex } from "./chain.ts";
import { Methodology, parseMethodology } from "./methodology.ts";

export const VersionEntry = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  announced: IsoDate,
  /** First fixing date on which live publication uses this version. */
  effective: IsoDate,
  /** Archive file name under methodology/versions/. */
  file: z.string().min(1),
  /** sha256 hex of the archive file's bytes: an archived definition is immutable once published. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  summary: z.string(),
});
export type VersionEntry = z.infer<typeof VersionEntry>;

export const VersionRegistry = z.object({ $comment: z.string().optional(), versions: z.array(VersionEntry).min(1) });
export type VersionRegistry = z.infer<typeof VersionRegistry>;

export interface VersionedMethodology {
  entry: VersionEntry;
  methodology: Methodology;
}

/** Every archived version that loaded intact, oldest first, and one message per archive that did not. */
export interface MethodologySet {
  versions: VersionedMethodology[];
  /** Versions whose archive is missing, altered (sha256 mismatch) or invalid, with the reason. */
  problems: { version: string; problem: string }[];
}

/** Numeric semantic-version order. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function majorOf(version: string): number {
  const major = Number(version.split(".")[0]);
  if (!Number.isInteger(major)) throw new Error(`not a semantic version: ${version}`);
  return major;
}

/**
 * Build the set from the registry JSON and the archive bytes by file name (read by the caller: this module
 * does no I/O). An archive whose bytes do not hash to the registry's sha256 is not used and is reported.
 */
export function buildMethodologySet(registryJson: unknown, archives: ReadonlyMap<string, string | Uint8Array | null>): MethodologySet {
  const registry = VersionRegistry.parse(registryJson);
  const set: MethodologySet = { versions: [], problems: [] };
  for (const entry of [...registry.versions].sort((a, b) => compareVersions(a.version, b.version))) {
    const bytes = archives.get(entry.file) ?? null;
    if (bytes === null) {
      set.problems.push({ version: entry.version, problem: `archive ${entry.file} is missing` });
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== entry.sha256) {
      set.problems.push({ version: entry.version, problem: `archive ${entry.file} was altered: sha256 ${actual.slice(0, 12)}… but the registry pins ${entry.sha256.slice(0, 12)}…` });
      continue;
    }
    try {
      const methodology = parseMethodology(JSON.parse(typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8")));
      if (methodology.version !== entry.version) throw new Error(`archive says version ${methodology.version}`);
      set.versions.push({ entry, methodology });
    } catch (err) {
      set.problems.push({ version: entry.version, problem: `archive ${entry.file} does not load: ${(err as Error).message}` });
    }
  }
  return set;
}

/** A set of one version, effective since forever: for callers holding a single methodology (tests, tools). */
export function singleVersionSet(methodology: Methodology): MethodologySet {
  const entry: VersionEntry = { version: methodology.version, announced: "1970-01-01", effective: "1970-01-01", file: "", sha256: "0".repeat(64), summary: "" };
  return { versions: [{ entry, methodology }], problems: [] };
}

/**
 * Live fixings use the newest version whose effective date is on or before the fixing date. A date before any
 * version took effect (a replayed or simulated past, never a real live day) uses the newest version that took
 * effect when it was announced: a version announced ahead of its effective date (notice of a major change)
 * never computes a live fixing dated before that effective date.
 */
export function versionForLiveFixing(set: MethodologySet, date: string): VersionedMethodology | null {
  let chosen: VersionedMethodology | null = null;
  let immediate: VersionedMethodology | null = null;
  let newest: VersionedMethodology | null = null;
  const newer = (v: VersionedMethodology, than: VersionedMethodology | null) => !than || compareVersions(v.entry.version, than.entry.version) > 0;
  for (const v of set.versions) {
    if (newer(v, newest)) newest = v;
    if (v.entry.effective <= v.entry.announced && newer(v, immediate)) immediate = v;
    if (v.entry.effective <= date && newer(v, chosen)) chosen = v;
  }
  return chosen ?? immediate ?? newest;
}

/** Back-calculation over history uses the newest announced version (announced on or before `asOf` when given). */
export function newestAnnounced(set: MethodologySet, asOf?: string): VersionedMethodology | null {
  let chosen: VersionedMethodology | null = null;
  for (const v of set.versions) {
    if (asOf !== undefined && v.entry.announced > asOf) continue;
    if (!chosen || compareVersions(v.entry.version, chosen.entry.version) > 0) chosen = v;
  }
  return chosen;
}

export function findVersion(set: MethodologySet, version: string): VersionedMethodology | undefined {
  return set.versions.find((v) => v.entry.version === version);
}
