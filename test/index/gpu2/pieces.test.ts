// GPU 2.x building blocks: voice weights and the dataset cap, the log screen, the one-sided alarm, the gates, the basis.
import { describe, expect, it } from "vitest";
import { dec } from "../../../src/normalize/money.ts";
import { basisExclusion, datasetOf, voiceOf } from "../../../src/index/gpu2/constituents.ts";
import { checkGates } from "../../../src/index/gpu2/gates.ts";
import { weightedGeometricMean } from "../../../src/index/gpu2/link.ts";
import { relativeAlarms, screenLog } from "../../../src/index/gpu2/screen.ts";
import { largestShare, voiceShares } from "../../../src/index/gpu2/weights.ts";
import type { Observation } from "../../../src/schemas/observation.ts";

const caps = { parent: 0.34, dataset: 0.5 };

describe("voice shares", () => {
  it("weigh every parent equally and split a voice among its series", () => {
    const shares = voiceShares([{ voice: "aws", dataset: "d" }, { voice: "aws", dataset: "d" }, { voice: "lambda", dataset: "d" }], caps);
    expect(shares.map((s) => s.toFixed(4))).toEqual(["0.2500", "0.2500", "0.5000"]);
  });

  it("cap a source dataset at 0.5 when two or more are present, keeping proportions inside", () => {
    const items = [
      ...["a", "b", "c", "d"].map((voice) => ({ voice, dataset: "big" })),
      { voice: "e", dataset: "small" },
    ];
    const shares = voiceShares(items, caps);
    expect(largestShare(items, shares, (i) => i.dataset).toFixed(6)).toBe("0.500000");
    expect(shares[0]!.toFixed(6)).toBe("0.125000");
    expect(shares[4]!.toFixed(6)).toBe("0.500000");
  });

  it("aws-sagemaker is an aws voice", () => {
    expect(voiceOf("aws-sagemaker")).toBe("aws");
    expect(voiceOf("lambda")).toBe("lambda");
  });
});

describe("weighted geometric mean", () => {
  it("equals the common value and the closed form", () => {
    expect(weightedGeometricMean([dec("1.1"), dec("1.1")], [dec(1), dec(3)]).toFixed(20)).toBe(dec("1.1").toFixed(20));
    expect(weightedGeometricMean([dec(4), dec(1)], [dec(1), dec(1)]).toFixed(12)).toBe("2.000000000000");
  });
});

describe("log screen", () => {
  it("treats a factor up and down alike and keeps prices within the floor", () => {
    const items = ["2.0", "2.2", "2.4", "2.6", "2.8", "30", "0.2"].map((p) => ({ price: dec(p) }));
    const shares = items.map(() => dec(1));
    const out = screenLog(items, shares, { k: 3.5, minLogSpread: 0.25 });
    expect(out.excluded.map((e) => e.item.price.toFixed())).toEqual(["30", "0.2"]);
    expect(out.excluded[0]!.reason).toMatch(/^screen: \|ln\(30 \/ median 2\.400000\)\| = /);
  });
});

describe("one-sided alarm", () => {
  const r = (key: string, voice: string, relative: string, held = false) => ({ key, voice, relative: dec(relative), held });
  it("flags one series repricing alone, not a move two other voices corroborate", () => {
    const lone = relativeAlarms([r("a", "a", "1.5"), r("b", "b", "1"), r("c", "c", "1"), r("d", "d", "1")], [1, 1, 1, 1].map((x) => dec(x)), { logThreshold: 0.2, minCorroborating: 2, confirmDays: 3 });
    expect(lone.map((a) => a.key)).toEqual(["a"]);
    const shared = relativeAlarms([r("a", "a", "1.5"), r("b", "b", "1.3"), r("c", "c", "1.3"), r("d", "d", "1"), r("e", "e", "1"), r("f", "f", "1")], [1, 1, 1, 1, 1, 1].map((x) => dec(x)), { logThreshold: 0.2, minCorroborating: 2, confirmDays: 3 });
    expect(shared).toEqual([]);
  });
  it("a held series never corroborates another", () => {
    const out = relativeAlarms([r("a", "a", "1.5"), r("b", "b", "1.3", true), r("c", "c", "1.3", true), r("d", "d", "1"), r("e", "e", "1"), r("f", "f", "1")], [1, 1, 1, 1, 1, 1].map((x) => dec(x)), { logThreshold: 0.2, minCorroborating: 2, confirmDays: 3 });
    expect(out.map((a) => a.key)).toContain("a");
  });
  it("an unchanged price is never an alarm, even when the other voices moved", () => {
    const out = relativeAlarms([r("a", "a", "1"), r("b", "b", "1.5"), r("c", "c", "1.5")], [1, 1, 1].map((x) => dec(x)), { logThreshold: 0.2, minCorroborating: 2, confirmDays: 3 });
    expect(out.map((a) => a.key)).toEqual([]);
  });
});

describe("gates", () => {
  const q = (voice: string, dataset: string, price: string) => ({ key: `${voice}|${dataset}`, provider: voice, voice, dataset, price: dec(price), tier: "list_price" as const, observationIds: [1] });
  it("list every shortfall in the reason", () => {
    const present = [q("a", "d1", "2"), q("a", "d1", "2.1"), q("b", "d1", "2.2")];
    const gate = checkGates(present, voiceShares(present, caps), { minConstituents: 4, minDatasets: 2, minParents: 4, maxLogMad: 0.75 });
    expect(gate.passed).toBe(false);
    expect(gate.reason).toBe("insufficient panel: 3 seasoned constituents present (minimum 4); 1 source datasets (minimum 2); 2 parent companies (minimum 4)");
  });
});

describe("basis and dataset", () => {
  const obs = (attrs: Record<string, unknown>, source = "import:daily-observations") => ({ source, region: "global", attrs }) as unknown as Observation;
  it("a gpu basis excludes bundled rows and multi-GPU configurations", () => {
    const basis = { unit: "gpu" as const, description: "one GPU" };
    expect(basisExclusion(basis, obs({ gpuCount: "1", bundled: false }))).toBeNull();
    expect(basisExclusion(basis, obs({ gpuCount: "8", bundled: false }))).toMatch(/bundled node \(8 GPUs\)/);
    expect(basisExclusion(basis, obs({ gpuCount: "1", bundled: true }))).toMatch(/bundled/);
  });
  it("an aggregated file's collector is its own dataset", () => {
    expect(datasetOf(obs({ sourceUrl: "https://getdeploying.com" }))).toBe("import:daily-observations@getdeploying.com");
    expect(datasetOf(obs({}, "import:multi-tier"))).toBe("import:multi-tier");
  });
});
