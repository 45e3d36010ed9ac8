import { describe, expect, it } from "vitest";
import cron from "node-cron";
import { fxSources } from "../../../src/sources/fx/index.ts";
import { gpuSources } from "../../../src/sources/gpu/index.ts";

describe("gpu and fx source lists", () => {
  const all = [...gpuSources, ...fxSources];
  it("have unique ids, the right kind and valid UTC cron schedules", () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(gpuSources.every((s) => s.kind === "gpu")).toBe(true);
    expect(fxSources.every((s) => s.kind === "fx")).toBe(true);
    for (const s of all) expect(cron.validate(s.schedule), `${s.id}: ${s.schedule}`).toBe(true);
  });
  it("make no request for a keyed source without its key", () => {
    for (const s of all.filter((x) => x.requiresKey)) expect(s.requests(null), s.id).toEqual([]);
  });
  it("list the expected ids", () => {
    expect(gpuSources.map((s) => s.id)).toEqual(["skypilot", "azure", "aws", "gcp", "runpod", "vastai", "curated-offers"]);
    expect(fxSources.map((s) => s.id)).toEqual(["ecb", "pboc"]);
  });
});
