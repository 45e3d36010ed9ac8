// What a manifest pins of the repository: the published files, their digests, and the manifest's own hash.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalJson, sha256Hex } from "../index/chain.ts";
import { VersionRegistry } from "../index/versions.ts";
import type { ManifestBody } from "../schemas/manifest.ts";

/** Where the publisher keeps its latest manifest (served at GET /v1/manifest). */
export const MANIFEST_META_KEY = "manifest:latest";
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The published artefacts, by path from the repository root: definitions, every archived version, the contract book. */
export function publishedFiles(root: string = REPO_ROOT): string[] {
  const registry = VersionRegistry.parse(JSON.parse(readFileSync(join(root, "methodology/versions/registry.json"), "utf8")));
  return ["methodology/indices.json", "methodology/contracts.json", "methodology/versions/registry.json", ...registry.versions.map((v) => `methodology/versions/${v.file}`)];
}

export const fileDigest = (root: string, path: string): string => sha256Hex(readFileSync(join(root, path)));

export const manifestHash = (body: ManifestBody): string => sha256Hex(canonicalJson(body));

