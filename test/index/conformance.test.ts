import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { computeFixing, computeSettlement, findIndex, isCandidate, loadMethodology } from "../../src/index/index.ts";
import type { Fixing, FixingDraft as Draft } from "../../src/schemas/fixing.ts";
import { FixingDraft } from "../../src/schemas/fixing.ts";
import type { Metric, Observation } from "../../src/schemas/observation.ts";
import { dec, plain } from "../../src/normalize/money.ts";
import { describeShared, sharedPath } from "../helpers/shared.ts";

const m = loadMethodology();
const csv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true }) as Record<string, string>[];

/** The model maker's own endpoint: the provider slug is the model's author (Google's own API is google-ai-studio). */
function firstParty(model: string, provider: string): boolean {
  const author = model.split("/")[0];
  return provider === (author === "google" ? "google-ai-studio" : author);
}

/** OpenRouter endpoint rows -> token observations (a minimal mapping of our own, independent of the source parsers). */
function openRouterObservations(): Observation[] {
  const volume = new Map<string, string>();
  for (const r of csv(sharedPath("openrouter", "effective_pricing_2026-08-08.csv"))) {
    if (!r["provider_slug"] || !r["total_tokens"]) continue;
    const key = `${r["model_slug"]}|${r["provider_slug"]}`;
    volume.set(key, plain(dec(volume.get(key) ?? "0").plus(r["total_tokens"]!)));
  }
  const out: Observation[] = [];
  for (const r of csv(sharedPath("openrouter", "endpoints_2026-08-08.csv"))) {
    if (r["is_free"] === "True" || r["is_disabled"] === "True" || !r["price_prompt"] || !r["price_completion"]) continue;
    const provider = r["provider_slug"]!.split("/")[0]!;
    const input = dec(r["price_prompt"]!).times(1_000_000);
    const output = dec(r["price_completion"]!).times(1_000_000);
    const metrics: [Metric, string][] = [["input", plain(input)], ["output", plain(output)], ["blended_3_1", plain(input.times(3).plus(output).div(4))]];
    for (const [metric, price] of metrics) {
      out.push({
        id: out.length + 1, captureId: 1, source: "openrouter", provider, kind: "token", product: r["model_slug"]!, rawName: r["model_slug"]!,
        metric, quantization: r["quantization"] || "unknown", term: null, region: null, providerTier: firstParty(r["model_slug"]!, provider) ? "first_party" : "inference_api",
        unit: "USD/1M tokens", currency: "USD", price, observedAt: new Date(r["scraped_at"]!).toISOString(), tier: "list_price",
        volume: volume.get(`${r["model_slug"]}|${provider}`) ?? null,
        attrs: { endpointId: r["endpoint_id"], variant: r["variant"] },
      });
    }
  }
  return out;
}

describeShared("index calculation over OpenRouter endpoints 2026-08-08", () => {
  const observations = openRouterObservations();
  // Claude 3 Haiku is served only by Bedrock that day: its first-party series has no candidate to fix on.
  const tokenIndices = m.indices.filter((d) => d.family === "token" && observations.some((o) => isCandidate(d, o)));

  // CNY series take China-region CNY lists only: an OpenRouter USD price is never their candidate.
  it("every USD token index has candidates except the first-party series of a model the vendor did not list", () => {
    const without = m.indices.filter((d) => d.family === "token" && d.currency === "USD" && !tokenIndices.includes(d)).map((d) => d.code);
    expect(without).toEqual(["TOK-CLAUDE3HAIKU-BLEND-USD-LIST"]);
  });

  it.each(tokenIndices.map((d) => [d.code]))("%s fixes with a value inside its inputs' range", (code) => {
    const def = findIndex(m, code);
    const f = computeFixing(def, observations, { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null });
    expect(FixingDraft.parse(f)).toEqual(f);
    expect(f.status).toBe("final");
    expect(f.providerCount).toBeGreaterThanOrEqual(def.sufficiency.minProviders);
    const value = dec(f.value!);
    expect(value.greaterThanOrEqualTo(f.distribution!.min) && value.lessThanOrEqualTo(f.distribution!.max)).toBe(true);
    for (const input of f.inputs) expect(dec(input.weight).lessThanOrEqualTo(def.concentrationCap + 1e-9)).toBe(true);
  });

  it("dedupes a provider's two endpoints (amazon-bedrock lists gpt-oss-120b twice) into one voice", () => {
    const f = computeFixing(findIndex(m, "TOK-GPTOSS120B-IN-USD"), observations, { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null });
    const bedrock = f.inputs.filter((i) => i.provider === "amazon-bedrock");
    expect(bedrock).toHaveLength(1);
    expect(bedrock[0]!.observationIds).toHaveLength(2);
  });

  it("excludes non-standard variants with a reason (together's batch GLM-5.2)", () => {
    const f = computeFixing(findIndex(m, "TOK-GLM52-BLEND-USD"), observations, { fixingDate: "2026-08-08", methodologyVersion: m.version, status: "final", prior: null });
    expect(f.exclusions.some((e) => e.provider === "together" && e.reason.startsWith("variant not eligible: batch"))).toBe(true);
  });
});

describeShared("back-calculation over gpu-history daily observations (single-GPU rows)", () => {
  const rows = csv(sharedPath("gpu-history", "daily_observations_2026-02-11_to_2026-07-20.csv"));
  const observations: Observation[] = rows
    .filter((r) => r["gpu_model"] === "H100_SXM" && r["rental_type"] === "on_demand" && r["gpu_count"] === "1" && r["price_median_usd"])
    .map((r, i) => ({
      id: i + 1, captureId: null, source: "gpu-history", provider: r["provider"]!, kind: "gpu", product: "h100-sxm-80gb", rawName: "H100_SXM",
      metric: "gpu_hour", quantization: null, term: "on_demand", region: r["region"] || null, providerTier: "neocloud", unit: "USD/GPU-hour",
      currency: "USD", price: r["price_median_usd"]!, observedAt: new Date(r["fetched_at"]!).toISOString(), tier: "historical_import", volume: null, attrs: {},
    }));
  const def = findIndex(m, "GPU-H100SXM-OD");
  const dates = [...new Set(observations.map((o) => o.observedAt.slice(0, 10)))].sort().slice(1);
  const fixings: Draft[] = [];
  let prior: Fixing | null = null;
  for (const date of dates) {
    const f = computeFixing(def, observations, { fixingDate: date, methodologyVersion: m.version, status: "back-calculated", prior });
    fixings.push(f);
    prior = { ...f, id: fixings.length, revision: 1, publishedAt: f.fixingTime, prevHash: "", hash: "", signature: "" };
  }

  it("computes a value on almost every day, within a plausible H100 band", () => {
    const computed = fixings.filter((f) => f.status === "back-calculated");
    expect(computed.length / fixings.length).toBeGreaterThan(0.95);
    for (const f of computed) expect(Number(f.value) > 1.5 && Number(f.value) < 5).toBe(true);
    for (const f of fixings) expect(FixingDraft.parse(f)).toEqual(f);
  });

  it("settles a month as the mean of its days (treating the back-calculated days as final for the exercise)", () => {
    const june = fixings.filter((f) => f.fixingDate.startsWith("2026-06-")).map((f, i) => ({ ...f, status: "final" as const, id: i + 1, revision: 1, publishedAt: f.fixingTime, prevHash: "", hash: "", signature: "" }));
    const s = computeSettlement(def, june, "2026-06");
    const usable = june.filter((f) => f.value !== null);
    expect(s.used).toHaveLength(usable.length);
    const mean = usable.reduce((acc, f) => acc.plus(f.value!), dec(0)).div(usable.length);
    expect(s.value).toBe(mean.toDecimalPlaces(4, 6).toFixed(4));
  });
});
