import { describe, expect, it } from "vitest";
import { fixturePath } from "../helpers/shared.ts";
import { runImporter } from "./helpers.ts";

describe("openrouter-endpoints importer", () => {
  const r = runImporter("openrouter-endpoints", fixturePath("history", "endpoints_2026-08-08.csv"));

  it("keeps one observation set per endpoint id, at scraped_at, per 1M tokens", () => {
    const groq = r.observations.filter((o) => o.attrs.endpointId === "ep-b");
    expect(groq.map((o) => [o.metric, o.price]).sort()).toEqual([
      ["blended_3_1", "0.2625"],
      ["cached_input", "0.075"],
      ["input", "0.15"],
      ["output", "0.6"],
    ]);
    for (const o of groq) expect(o).toMatchObject({ provider: "groq", product: "openai/gpt-oss-120b", quantization: "fp8", observedAt: "2026-08-08T15:31:24.000Z", tier: "historical_import", source: "import:openrouter-endpoints" });
    expect(r.observations.find((o) => o.attrs.endpointId === "ep-a")).toMatchObject({ provider: "deepinfra", quantization: "bf16" });
  });

  it("keeps an unknown model as unclassified", () => {
    expect(r.observations.filter((o) => o.attrs.endpointId === "ep-f").every((o) => o.product === "unclassified")).toBe(true);
  });

  it("rejects duplicates, free, disabled and not-serving endpoints with reasons", () => {
    const reasons = r.rejected.map((x) => x.reason).sort();
    expect(reasons).toHaveLength(4);
    expect(reasons.join("\n")).toMatch(/disabled/);
    expect(reasons.join("\n")).toMatch(/free/);
    expect(reasons.join("\n")).toMatch(/status -2/);
    expect(reasons.join("\n")).toMatch(/duplicate endpoint_id/);
  });
});
