// Token 2.0 through the jobs layer: the volume source's rows reach a 2.x fixing as weights only, never a 1.x one;
// `cpi verify` recomputes the 2.x body (diagnostics) and the CSV carries the diagnostic columns.
import { describe, expect, it } from "vitest";
import { openStore, type Store } from "../../../src/db/index.ts";
import { findIndex, loadMethodology } from "../../../src/index/index.ts";
import { volumeModels } from "../../../src/index/token2/index.ts";
import { fixIndex } from "../../../src/jobs/fix.ts";
import { ephemeralSigner } from "../../../src/jobs/signing.ts";
import { verify } from "../../../src/jobs/verify.ts";
import { createApp } from "../../../src/api/app.ts";
import type { NewObservation } from "../../../src/schemas/observation.ts";
import { token1Set, token2Set } from "../../../scripts/token2-backcalc.ts";
import { testDeps } from "../../api/fixture.ts";

const CODE = "TOK-GPTOSS120B-IN-USD";
const DATE = "2026-12-02";
const now = () => new Date("2026-12-02T16:00:05.000Z");

function token(over: Partial<NewObservation>): NewObservation {
  return {
    captureId: null, source: "openrouter-endpoints", provider: "a", kind: "token", product: "openai/gpt-oss-120b", rawName: "openai/gpt-oss-120b",
    metric: "input", quantization: "fp4", term: null, region: null, providerTier: "inference_api", unit: "USD/1M tokens", currency: "USD",
    price: "0.10", observedAt: "2026-12-02T14:00:00.000Z", tier: "executable_quote", volume: null, attrs: { endpointId: `${over.provider ?? "a"}-1` }, ...over,
  };
}
const LIST = [["a", "0.10"], ["b", "0.12"], ["c", "0.15"], ["d", "0.20"], ["e", "0.25"]].map(([provider, price]) => token({ provider, price }));
// A live capture of the volume source: effective (cache-weighted) prices far below the list, with volume.
const VOLUME = [["a", "500"], ["b", "100"], ["c", "200"]].flatMap(([provider, volume]) =>
  (["input_effective", "output_effective"] as const).map((metric) => token({ provider, metric, source: "openrouter-volume", tier: "transaction", price: "0.01", volume, observedAt: "2026-12-02T14:40:00.000Z" })),
);

const signer = ephemeralSigner();

async function fixOnce(rows: NewObservation[], versions: ReturnType<typeof token2Set>): Promise<{ store: Store; fixing: NonNullable<Awaited<ReturnType<typeof fixIndex>>>["fixing"] }> {
  const store = openStore(":memory:");
  await store.insertObservations(rows);
  const methodology = versions.versions[0]!.methodology;
  const out = await fixIndex(findIndex(methodology, CODE), DATE, "final", { store, signer, methodology, versions, now });
  return { store, fixing: out!.fixing };
}

describe("token 2.0 in the jobs layer", () => {
  it("under 1.x a live volume capture changes nothing in a list-price fixing", async () => {
    const without = await fixOnce(LIST, token1Set());
    const withVol = await fixOnce([...LIST, ...VOLUME], token1Set());
    const strip = (f: typeof without.fixing) => ({ ...f, hash: "", prevHash: "", signature: "", publishedAt: "", observationHorizon: 0 });
    expect(strip(withVol.fixing)).toEqual(strip(without.fixing));
    expect(withVol.fixing.diagnostics).toBeUndefined();
  });

  it("under 2.0 the volume weighs the list prices (partial rule) and never enters them", async () => {
    const without = await fixOnce(LIST, token2Set());
    const { store, fixing } = await fixOnce([...LIST, ...VOLUME], token2Set());
    expect(fixing.inputs.map((i) => i.price)).toEqual(without.fixing.inputs.map((i) => i.price));
    const volumeIds = new Set((await store.queryObservations({ source: "openrouter-volume" })).map((o) => o.id));
    expect(volumeIds.size).toBe(6);
    expect(fixing.inputs.flatMap((i) => i.observationIds).some((id) => volumeIds.has(id))).toBe(false);
    // coverage 3/5 >= 0.5: d and e weigh the floor (100); weights 500 100 200 100 100, then the cap 0.25.
    expect(fixing.diagnostics).toMatchObject({ volumeCoverageShare: "0.6", weightBasis: "partial_volume", qualityFlag: "partial_volume" });
    expect(fixing.volume).toBe("800");
    expect(without.fixing.diagnostics?.weightBasis).toBe("equal");
    const report = await verify(store, token2Set().versions[0]!.methodology, new Map([[signer.keyId, signer.publicKeyPem]]), { versions: token2Set() });
    expect(report.problems).toEqual([]);
    expect(report.fixingsRecomputed).toBe(1);

    const app = createApp(testDeps(store));
    const csv = await (await app.request(`/v1/indices/${CODE}/fixings?format=csv`)).text();
    const [header, row] = csv.trim().split(/\r?\n/);
    const cols = header!.split(",");
    expect(cols.slice(-8)).toEqual(["volume_coverage_share", "imputed_share", "fallback_share", "weight_basis", "quality_flag", "roll", "basket_level", "basket_constituents"]);
    expect(row).toContain("partial_volume");
    const json = (await (await app.request(`/v1/indices/${CODE}/latest`)).json()) as { diagnostics: { imputedShare: string } };
    expect(json.diagnostics.imputedShare).toBe(fixing.diagnostics!.imputedShare);
    await store.close();
  });

  it("the volume source is collected for the models the definitions weigh by volume, baskets included", () => {
    const models = volumeModels(loadMethodology().indices);
    expect(models).toContain("openai/gpt-oss-120b");
    expect(models).toContain("deepseek/deepseek-v4-flash-0731");
    expect(models).not.toContain("openai/gpt-4o");
    expect(models).not.toContain("qwen/qwen3.7-plus"); // the CNY basket weighs equally: no CNY volume exists
  });
});
