import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { calculatorFor, computeVersioned, historyDays } from "../../src/index/engine.ts";
import { computeFixing, findIndex, loadMethodology } from "../../src/index/index.ts";
import { buildMethodologySet, compareVersions, newestAnnounced, versionForLiveFixing } from "../../src/index/versions.ts";
import { VERSIONS_DIR, loadMethodologySet } from "../../src/jobs/methodologies.ts";
import { sha256Hex } from "../../src/index/chain.ts";
import { observation } from "./build.ts";

const registry = JSON.parse(readFileSync(join(VERSIONS_DIR, "registry.json"), "utf8")) as { versions: { file: string; version: string }[] };
const archives = () => new Map(registry.versions.map((v) => [v.file, readFileSync(join(VERSIONS_DIR, v.file), "utf8")]));

describe("versioned definitions", () => {
  it("every archive in the registry loads intact", () => {
    const set = loadMethodologySet();
    expect(set.problems).toEqual([]);
    expect(set.versions.map((v) => v.entry.version)).toEqual(registry.versions.map((v) => v.version).sort(compareVersions));
  });

  it("an altered archive is refused with the sha256 it should have", () => {
    const altered = archives();
    const first = registry.versions[0]!;
    altered.set(first.file, altered.get(first.file)!.replace('"windowHours": 24', '"windowHours": 23'));
    const set = buildMethodologySet(registry, altered);
    expect(set.problems).toHaveLength(1);
    expect(set.problems[0]!.problem).toMatch(/was altered: sha256/);
    expect(set.versions.map((v) => v.entry.version)).not.toContain(first.version);
  });

  it("live fixings take the newest effective version, back-calculation the newest announced", () => {
    const set = loadMethodologySet();
    expect(versionForLiveFixing(set, "2026-08-08")?.entry.version).toBe("1.0.0");
    expect(versionForLiveFixing(set, "2026-08-21")?.entry.version).toBe("1.0.0");
    expect(versionForLiveFixing(set, "2026-11-21")?.entry.version).toBe("1.2.0");
    // Before any version took effect (a simulated past): the newest version that took effect on announcement;
    // 2.0.0, announced 2026-12-03 with notice to 2027-02-01, never computes a live fixing dated before then.
    expect(versionForLiveFixing(set, "2026-01-01")?.entry.version).toBe("1.2.0");
    expect(versionForLiveFixing(set, "2027-01-31")?.entry.version).toBe("1.2.0");
    expect(versionForLiveFixing(set, "2027-02-01")?.entry.version).toBe("2.0.0");
    const newest = [...set.versions].sort((a, b) => compareVersions(b.entry.version, a.entry.version))[0]!;
    expect(newestAnnounced(set)?.entry.version).toBe(newest.entry.version);
    expect(newestAnnounced(set, "2026-08-30")?.entry.version).toBe("1.1.0");
  });

  it("the current definitions are archived byte for byte (unless the CHANGELOG announces an unreleased version)", () => {
    const current = readFileSync(join(VERSIONS_DIR, "..", "indices.json"));
    const m = loadMethodology();
    // Working definitions ahead of a release in preparation (CHANGELOG "## X.Y.Z (unreleased)") differ from the
    // archive of their stamped version until the release is cut (methodology:archive); nothing is fixed under them.
    const changelog = readFileSync(join(VERSIONS_DIR, "..", "CHANGELOG.md"), "utf8");
    if (/^## \d+\.\d+\.\d+ \(unreleased\)$/m.test(changelog)) return;
    const entry = (JSON.parse(readFileSync(join(VERSIONS_DIR, "registry.json"), "utf8")) as { versions: { version: string; sha256: string }[] }).versions.find((v) => v.version === m.version);
    expect(entry?.sha256, "run npm run methodology:archive").toBe(sha256Hex(current));
  });
});

describe("engine dispatch", () => {
  const def = findIndex(loadMethodology(), "GPU-MI300X-OD");
  const obs = ["1.9", "2.0", "2.1"].map((price, i) => observation(def, { id: i + 1, provider: `p${i}`, price, observedAt: "2026-08-08T12:00:00.000Z" }));
  it("major 1 computes exactly as the 1.x computeFixing", () => {
    const ctx = { fixingDate: "2026-08-08", methodologyVersion: "1.2.0", status: "final" as const, prior: null };
    expect(computeVersioned(def, obs, { ...ctx, history: [] })).toEqual(computeFixing(def, obs, ctx));
    expect(historyDays(def, "1.2.0")).toBe(0);
  });
  it("refuses a version without calculation code", () => {
    expect(() => calculatorFor("9.0.0", "gpu")).toThrow(/no calculation code/);
  });
});
