import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pairsFor } from "../../src/cli/compare.ts";
import { compareSeries, parsePeerCsv, pearson } from "../../src/normalize/peer-comparison.ts";
import { describeShared, fixturePath, sharedPath } from "../helpers/shared.ts";

const peer = parsePeerCsv(readFileSync(fixturePath("history", "peer_gpu_index.csv"), "utf8"));

describe("peer comparison", () => {
  it("parses the long peer format into dated series", () => {
    expect([...peer.keys()]).toEqual(["H100 SXM", "RTX 5090"]);
    expect(peer.get("H100 SXM")?.[0]).toEqual({ date: "2026-05-01", value: "2" });
  });

  it("maps only series we publish, or an explicit pair", () => {
    expect(pairsFor(peer, {})).toEqual([{ series: "H100 SXM", index: "GPU-H100SXM-OD" }]);
    expect(pairsFor(peer, { series: "RTX 5090", index: "GPU-RTX4090-OD" })).toEqual([{ series: "RTX 5090", index: "GPU-RTX4090-OD" }]);
    expect(() => pairsFor(peer, { series: "RTX 5090" })).toThrow(/--index/);
  });

  it("computes level differences, change correlation and disagreements on common dates", () => {
    // ours = peer x 1.1 on every common day except 05-04 (+25%); 05-05 only ours, 05-06 only common
    const ours = [
      { date: "2026-05-01", value: "2.2" },
      { date: "2026-05-02", value: "2.42" },
      { date: "2026-05-03", value: "2.31" },
      { date: "2026-05-04", value: "3" },
      { date: "2026-05-05", value: "2.6" },
      { date: "2026-05-06", value: "2.75" },
    ];
    const c = compareSeries(ours, peer.get("H100 SXM")!, { threshold: "0.15" });
    expect(c).toMatchObject({ commonDays: 5, from: "2026-05-01", to: "2026-05-06", changePairs: 3, threshold: "0.15" });
    // diffs 0.2, 0.22, 0.21, 0.6, 0.25 -> mean 0.296; pct 0.1 x4 + 0.25 -> 0.13
    expect(c.meanDiff).toBe("0.296000");
    expect(c.meanAbsDiff).toBe("0.296000");
    expect(c.meanDiffPct).toBe("0.1300");
    expect(c.disagreements).toEqual([{ date: "2026-05-04", ours: "3", peer: "2.4", diffPct: "0.2500" }]);
    expect(Number(c.changeCorrelation)).toBeGreaterThan(0.9);
  });

  it("identical series correlate perfectly and never disagree", () => {
    const p = peer.get("H100 SXM")!;
    const c = compareSeries(p, p);
    expect(c).toMatchObject({ meanDiff: "0.000000", changeCorrelation: "1.0000", disagreements: [] });
  });

  it("pearson needs three pairs and variance", () => {
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});

describeShared("peer files (ornn)", () => {
  it("parses the GPU and token peer files", () => {
    const gpu = parsePeerCsv(readFileSync(sharedPath("peers", "ornn_gpu_index_to_2026-08-08.csv"), "utf8"));
    expect([...gpu.keys()].sort()).toEqual(["A100 SXM4", "B200", "H100 SXM", "H200", "RTX 5090"]);
    expect(gpu.get("H100 SXM")!.length).toBe(109);
    const tok = parsePeerCsv(readFileSync(sharedPath("peers", "ornn_token_index_to_2026-08-08.csv"), "utf8"));
    expect([...tok.keys()].sort()).toEqual(["anthropic", "deepseek", "google", "openai"]);
    // Per-lab usage mixes are not our one-model list-price series: compared only on explicit request.
    expect(pairsFor(tok, {})).toEqual([]);
    expect(pairsFor(tok, { series: "openai", index: "TOK-GPT5-BLEND-USD-LIST" })).toEqual([{ series: "openai", index: "TOK-GPT5-BLEND-USD-LIST" }]);
    expect(pairsFor(gpu, {}).map((p) => p.index).sort()).toEqual(["GPU-A100SXM80-OD", "GPU-B200-OD", "GPU-H100SXM-OD", "GPU-H200SXM-OD"]);
  });
});
