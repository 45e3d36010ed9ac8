// Reads methodology/versions (registry + archives) from disk into a MethodologySet; the pure checks live in src/index/versions.ts.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { sha256Hex } from "../index/chain.ts";
import { buildMethodologySet, compareVersions, VersionRegistry, type MethodologySet } from "../index/versions.ts";

export const VERSIONS_DIR = fileURLToPath(new URL("../../methodology/versions/", import.meta.url));

/** Every archived methodology version under `dir`; altered or missing archives are reported in `problems`, not thrown. */
export function loadMethodologySet(dir: string = VERSIONS_DIR): MethodologySet {
  const registryJson: unknown = JSON.parse(readFileSync(join(dir, "registry.json"), "utf8"));
  const registry = VersionRegistry.parse(registryJson);
  const archives = new Map<string, Uint8Array | null>();
  for (const v of registry.versions) {
    const path = join(dir, v.file);
    archives.set(v.file, existsSync(path) ? readFileSync(path) : null);
  }
  return buildMethodologySet(registryJson, archives);
}

export interface ArchiveMeta {
  announced?: string;
  effective?: string;
  summary?: string;
}

/**
 * Copy the current definitions (methodology/indices.json) byte for byte to versions/<version>.json and pin
 * them in registry.json with their sha256. A version already published keeps its dates unless given.
 */
export function archiveCurrent(indicesPath: string, dir: string = VERSIONS_DIR, meta: ArchiveMeta = {}): { version: string; sha256: string } {
  const bytes = readFileSync(indicesPath);
  const { version } = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).parse(JSON.parse(bytes.toString("utf8")));
  const registryPath = join(dir, "registry.json");
  const registry = VersionRegistry.parse(JSON.parse(readFileSync(registryPath, "utf8")));
  const file = `${version}.json`;
  const sha256 = sha256Hex(bytes);
  const old = registry.versions.find((v) => v.version === version);
  const today = new Date().toISOString().slice(0, 10);
  const entry = {
    version,
    announced: meta.announced ?? old?.announced ?? today,
    effective: meta.effective ?? old?.effective ?? today,
    file,
    sha256,
    summary: meta.summary ?? old?.summary ?? "",
  };
  const versions = [...registry.versions.filter((v) => v.version !== version), entry].sort((a, b) => compareVersions(a.version, b.version));
  writeFileSync(join(dir, file), bytes);
  writeFileSync(registryPath, `${JSON.stringify({ ...registry, versions }, null, 2)}\n`);
  return { version, sha256 };
}
