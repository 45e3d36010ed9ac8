import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Entry { version: string; announced: string; effective: string }
const registry = JSON.parse(readFileSync(new URL("../../methodology/versions/registry.json", import.meta.url), "utf8")) as { versions: Entry[] };
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe("notice of methodology changes (governance/consultation.md)", () => {
  it("every major version after the first takes effect at least 30 days after its announcement", () => {
    for (const [i, v] of registry.versions.entries()) {
      expect(days(v.announced, v.effective), v.version).toBeGreaterThanOrEqual(0);
      const major = v.version.split(".")[0];
      const previousMajor = registry.versions[i - 1]?.version.split(".")[0];
      if (previousMajor !== undefined && major !== previousMajor) expect(days(v.announced, v.effective), `${v.version}: major change on short notice`).toBeGreaterThanOrEqual(30);
    }
  });
});
