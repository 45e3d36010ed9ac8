import { describe, expect, it } from "vitest";
import { findIndex, loadMethodology, MethodologyError, parseMethodology } from "../../src/index/index.ts";
import data from "../../methodology/indices.json" with { type: "json" };

const clone = (): { version: string; corrections: unknown; indices: Record<string, unknown>[] } => JSON.parse(JSON.stringify(data));

describe("loadMethodology", () => {
  it("validates the bundled definitions", () => {
    const m = loadMethodology();
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.indices.length).toBeGreaterThanOrEqual(30);
  });

  it("holds the codes the issue names", () => {
    const m = loadMethodology();
    const wanted = [
      "GPU-H100SXM-OD", "GPU-H100SXM-SPOT", "GPU-H100SXM-1M", "GPU-H100SXM-OD-HYP", "GPU-H100SXM-OD-NHYP",
      "GPU-H100PCIE-OD", "GPU-H200SXM-OD", "GPU-B200-OD", "GPU-A100SXM80-OD", "GPU-L40S-OD", "GPU-MI300X-OD",
      "GPU-RTX4090-OD", "TOK-GPTOSS120B-BLEND-USD", "TOK-GPTOSS120B-IN-USD", "TOK-GPTOSS120B-OUT-USD",
      "TOK-LLAMA3370B-BLEND-USD", "TOK-LLAMA3370B-IN-USD", "TOK-LLAMA3370B-OUT-USD",
    ];
    for (const code of wanted) expect(findIndex(m, code).code).toBe(code);
  });

  it("codes decode to their product: class, term and scope for GPUs, model and metric for tokens", () => {
    const terms: Record<string, string> = { OD: "on_demand", SPOT: "spot", "1M": "term_1m" };
    const metrics: Record<string, string> = { BLEND: "blended_3_1", IN: "input", OUT: "output" };
    for (const def of loadMethodology().indices) {
      const parts = def.code.split("-");
      if (def.product.kind === "gpu") {
        expect(def.product.term).toBe(terms[parts[2]!]);
        if (parts[3] === "HYP") expect(def.product.providerTiers).toEqual(["hyperscaler"]);
        if (parts[3] === "NHYP") expect(def.product.providerTiers).not.toContain("hyperscaler");
        expect(def.product.classIds).toHaveLength(1);
      } else {
        expect(def.product.metric).toBe(metrics[parts[2]!]);
        expect(parts[3]).toBe(def.currency);
      }
    }
  });

  it("findIndex names the known codes when asked for an unknown one", () => {
    expect(() => findIndex(loadMethodology(), "GPU-NOPE-OD")).toThrow(/unknown index GPU-NOPE-OD; known: GPU-H100SXM-OD/);
  });

  it("rejects bad data with a readable message", () => {
    const bad = clone();
    bad.indices[0]!["concentrationCap"] = 2;
    expect(() => parseMethodology(bad)).toThrow(MethodologyError);
    expect(() => parseMethodology(bad)).toThrow(/concentrationCap/);
    expect(() => parseMethodology({ ...clone(), version: "one" })).toThrow(/semantic version/);
  });

  it("rejects inconsistent definitions: duplicate codes, unreachable caps, unknown time zones", () => {
    const dup = clone();
    dup.indices.push(dup.indices[0]!);
    expect(() => parseMethodology(dup)).toThrow(/duplicate index code/);
    const cap = clone();
    cap.indices[0]!["concentrationCap"] = 0.2;
    expect(() => parseMethodology(cap)).toThrow(/cap cannot hold/);
    const tz = clone();
    (tz.indices[0]!["fixing"] as Record<string, unknown>)["timezone"] = "Mars/Olympus";
    expect(() => parseMethodology(tz)).toThrow(/unknown time zone/);
  });
});
