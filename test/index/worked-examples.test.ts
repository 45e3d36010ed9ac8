import { describe, expect, it } from "vitest";
import { computeFixing, findIndex, loadMethodology } from "../../src/index/index.ts";
import { FixingDraft } from "../../src/schemas/fixing.ts";
import { Observation } from "../../src/schemas/observation.ts";
import { observation, priorFixing } from "./build.ts";
import { readDoc, workedExamples } from "./docs.ts";

const m = loadMethodology();

describe.each(["gpu.md", "token.md"])("worked examples in methodology/%s", (doc) => {
  const examples = workedExamples(readDoc(doc));

  it("has worked examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((ex, i) => [i + 1, ex.index, ex] as const))("example %i (%s) computes as documented", (_, code, ex) => {
    const def = findIndex(m, code);
    expect(def.document).toBe(doc);
    const observations = ex.observations.map((o) => Observation.parse(observation(def, o)));
    const prior = ex.prior ? priorFixing(def, { ...ex.prior, note: ex.prior.note ?? null }) : null;
    const fixing = computeFixing(def, observations, { fixingDate: ex.fixingDate, methodologyVersion: m.version, status: ex.status, prior });
    expect(FixingDraft.parse(fixing)).toEqual(fixing);
    expect({
      value: fixing.value,
      status: fixing.status,
      observationCount: fixing.observationCount,
      providerCount: fixing.providerCount,
      exclusions: fixing.exclusions.length,
    }).toEqual({
      value: ex.expected.value,
      status: ex.expected.status,
      observationCount: ex.expected.observationCount,
      providerCount: ex.expected.providerCount,
      exclusions: ex.expected.exclusions,
    });
    if (ex.expected.inputTier !== undefined) expect(fixing.inputTier).toBe(ex.expected.inputTier);
    if (ex.expected.note !== undefined) expect(fixing.note).toContain(ex.expected.note);
  });
});

describe("worked examples cover the methodology's cases", () => {
  const all = [...workedExamples(readDoc("gpu.md")), ...workedExamples(readDoc("token.md"))];
  const estimators = new Set(all.map((ex) => findIndex(m, ex.index).estimator.kind));

  it("every estimator has an example", () => {
    expect([...estimators].sort()).toEqual(["median", "trimmed_mean", "volume_weighted_median"]);
  });

  it("fallback with a carried value and without a value both appear", () => {
    const fallbacks = all.filter((ex) => ex.expected.status === "fallback");
    expect(fallbacks.some((ex) => ex.expected.value !== null)).toBe(true);
    expect(fallbacks.some((ex) => ex.expected.value === null)).toBe(true);
  });
});
