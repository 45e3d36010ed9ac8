// Locates ../shared/fixtures (real captures; present in CI, absent in a user's clone) for conformance suites.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Absolute path of ../shared/fixtures beside the checkout. */
export const sharedFixtures = resolve(repoRoot, "..", "shared", "fixtures");
export const hasSharedFixtures = existsSync(sharedFixtures);

/** Absolute path of a file under ../shared/fixtures. */
export function sharedPath(...parts: string[]): string {
  return join(sharedFixtures, ...parts);
}

/** Files of one folder of ../shared/fixtures matching a pattern (empty when the folder is missing). */
export function sharedFiles(folder: string, pattern: RegExp = /./): string[] {
  const dir = sharedPath(folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => pattern.test(name)).sort().map((name) => join(dir, name));
}

/** describe() over the real captures; skipped with a clear message when ../shared/fixtures is absent. */
export function describeShared(name: string, body: () => void): void {
  if (hasSharedFixtures) {
    describe(`conformance: ${name}`, body);
  } else {
    // The body is not run at all: suites may read fixture files while they are being collected.
    describe(`conformance: ${name}`, () => {
      it.skip(`skipped: ${sharedFixtures} not found (CI provides it beside the checkout)`, () => {});
    });
  }
}

/** Absolute path of a project test fixture under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return join(repoRoot, "test", "fixtures", ...parts);
}
