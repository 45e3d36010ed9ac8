import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadMethodology } from "../../src/index/index.ts";
import { loadBundle, readManifest } from "../../src/jobs/bundle.ts";
import { backfill } from "../../src/jobs/history.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { decodeBundleFile } from "../../src/sources/history/bundle-format.ts";
import { beijingNoon } from "../../src/sources/history/china-cny.ts";
import { importFormats } from "../../src/sources/history/index.ts";
import { buildBundle } from "../../scripts/build-data.ts";
import { BUNDLE_SPECS, FIRST_PARTY_SERIES, firstPartyOnly, type BundleSpec } from "../../scripts/bundle-specs.ts";
import { describeShared, fixturePath, sharedFiles } from "../helpers/shared.ts";
import { rejectedByRow, runImporter } from "./helpers.ts";
import { scratchStore } from "../helpers/stores.ts";

const m = loadMethodology();
// The CNY basket (2.0, several models) is tested in test/index/token2.
const CNY = m.indices.filter((d) => d.currency === "CNY" && !d.token2?.basket).map((d) => d.code);
const DAY = "2026-08-21";
const file = (name: string) => fixturePath("history", "china-cny", name);

describe("china-cny importer", () => {
  const zhipu = runImporter("china-cny", file("providers_zhipu.json"), DAY);

  it("is a registered format", () => {
    expect(importFormats).toContain("china-cny");
  });

  it("observes a dated list at 12:00 Beijing (04:00 UTC), CNY per 1M tokens, as historical_import", () => {
    expect(beijingNoon(DAY)).toBe("2026-08-21T04:00:00.000Z");
    const glm = zhipu.observations.filter((o) => o.rawName === "glm-5.2");
    expect(glm.map((o) => [o.metric, o.price]).sort()).toEqual([
      ["blended_3_1", "13"],
      ["cached_input", "2"],
      ["input", "8"],
      ["output", "28"],
    ]);
    for (const o of glm) {
      expect(o).toMatchObject({ source: "import:china-cny", provider: "zhipu", providerTier: "first_party", product: "z-ai/glm-5.2", unit: "CNY/1M tokens", currency: "CNY", observedAt: "2026-08-21T04:00:00.000Z", tier: "historical_import" });
      expect(o.attrs).toMatchObject({ snapshotDate: DAY, sourceTier: "list_price", dataset: "providers_zhipu.json" });
    }
  });

  it("takes the base input tier wherever the list puts it, and rejects the others with their condition", () => {
    const input = zhipu.observations.find((o) => o.rawName === "glm-5.1" && o.metric === "input");
    expect(input?.price).toBe("6");
    expect(rejectedByRow(zhipu).get("zhipu/glm-5.1#pricingTiers[0]")).toMatch(/\[32\+\) tier: kept out of the base quote/);
    const qwen = runImporter("china-cny", file("providers_dashscope.json"), DAY);
    expect(qwen.observations.filter((o) => o.metric !== "cached_input").map((o) => [o.metric, o.price]).sort()).toEqual([
      ["blended_3_1", "3.5"],
      ["input", "2"],
      ["output", "8"],
    ]);
    expect(qwen.observations[0]).toMatchObject({ provider: "alibaba", product: "qwen/qwen3.7-plus", providerTier: "first_party" });
  });

  it("rejects non-token services and a USD x 7.2 config with reasons", () => {
    expect(rejectedByRow(zhipu).get("zhipu/embedding-3")).toMatch(/not a text-token model/);
    const deepseek = runImporter("china-cny", file("providers_deepseek.json"), DAY);
    expect(deepseek.observations).toEqual([]);
    expect(deepseek.rejected.map((r) => r.reason).join()).toMatch(/not a CNY list: USD prices converted at 7.2/);
  });

  it("needs a capture date: the file names carry none", () => {
    const r = runImporter("china-cny", file("providers_zhipu.json"));
    expect(r.observations).toEqual([]);
    expect(r.rejected).toEqual([{ row: "file", reason: expect.stringMatching(/no snapshot date/) }]);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const SPECS: BundleSpec[] = [
  { format: "china-cny", folder: "history/china-cny", pattern: /^providers_[a-z]+\.json$/, bundleFile: "token-cny-lists.jsonl.gz", captureDate: DAY, leaveOut: firstPartyOnly },
];
function build(): string {
  const out = mkdtempSync(join(tmpdir(), "cpi-cny-"));
  dirs.push(out);
  buildBundle(fixturePath(), out, SPECS);
  return out;
}
const digest = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, createHash("sha256").update(readFileSync(join(dir, n))).digest("hex")]));

describe("CNY list bundle and back-calculation", async () => {
  const out = build();
  const store = scratchStore();
  await loadBundle(store, out);
  const outcomes = await backfill(store, { methodology: m, signer: ephemeralSigner(), now: () => new Date("2026-08-22T00:00:00Z"), log: silentLogger }, { codes: [...CNY, "TOK-GLM52-BLEND-USD"] });
  await store.close();

  it("bundles only first-party CNY rows of models with a CNY series, byte-deterministically", () => {
    const manifest = readManifest(out)!.manifest;
    const rows = decodeBundleFile(readFileSync(join(out, "token-cny-lists.jsonl.gz")), manifest.datasets);
    expect(new Set(rows.map((o) => `${o.provider} ${o.product} ${o.currency}`))).toEqual(new Set(["zhipu z-ai/glm-5.2 CNY", "alibaba qwen/qwen3.7-plus CNY"]));
    expect(digest(build())).toEqual(digest(out));
  });

  it("fixes each series once, at 16:00 Beijing (08:00 UTC) on the capture day", () => {
    const fixed = outcomes.map((o) => [o.code, o.fixing?.fixingDate, o.fixing?.fixingTime, o.fixing?.value, o.fixing?.status]);
    expect(fixed).toEqual([
      ["TOK-QWEN37PLUS-BLEND-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "3.500000", "back-calculated"],
      ["TOK-QWEN37PLUS-IN-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "2.000000", "back-calculated"],
      ["TOK-QWEN37PLUS-OUT-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "8.000000", "back-calculated"],
      ["TOK-GLM52-BLEND-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "13.000000", "back-calculated"],
      ["TOK-GLM52-IN-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "8.000000", "back-calculated"],
      ["TOK-GLM52-OUT-CNY-LIST", DAY, "2026-08-21T08:00:00.000Z", "28.000000", "back-calculated"],
    ]);
    const glm = outcomes.find((o) => o.code === "TOK-GLM52-BLEND-CNY-LIST")!.fixing!;
    expect(glm).toMatchObject({ unit: "CNY/1M tokens", currency: "CNY", providerCount: 1, observationCount: 1, inputTier: "historical_import", exclusions: [] });
    expect(glm.inputs.map((i) => i.provider)).toEqual(["zhipu"]);
  });
});

describe("bundle spec", () => {
  it("takes the China CNY lists of 2026-08-21 at their capture day, first-party rows only", () => {
    const spec = BUNDLE_SPECS.find((s) => s.format === "china-cny");
    expect(spec).toMatchObject({ folder: "china/cny_price_lists_2026-08-21", captureDate: DAY, leaveOut: firstPartyOnly });
    expect(spec!.pattern.test("providers_zhipu.json")).toBe(true);
    expect(spec!.pattern.test("pricing.json")).toBe(false);
  });

  it("a first-party row enters only for a series in its own currency", () => {
    expect(FIRST_PARTY_SERIES.has("CNY z-ai/glm-5.2")).toBe(true);
    expect(FIRST_PARTY_SERIES.has("USD z-ai/glm-5.2")).toBe(false);
    const zhipu = runImporter("china-cny", file("providers_zhipu.json"), DAY).observations.find((o) => o.rawName === "glm-5.2")!;
    expect(firstPartyOnly(zhipu)).toBeNull();
    expect(firstPartyOnly({ ...zhipu, currency: "USD", unit: "USD/1M tokens" })).toMatch(/without a first-party list-price series in USD/);
  });
});

describe("CNY series in the committed bundle (what `npm start` back-calculates on an empty database)", () => {
  it("one back-calculated fixing per CNY series, on 2026-08-21 at 08:00 UTC", async () => {
    const store = scratchStore();
    try {
      await loadBundle(store, fixturePath("..", "..", "data", "bundle"));
      const outcomes = await backfill(store, { methodology: m, signer: ephemeralSigner(), now: () => new Date("2026-08-22T00:00:00Z"), log: silentLogger }, { codes: CNY });
      expect(outcomes.map((o) => o.code)).toEqual(CNY);
      expect(Object.fromEntries(outcomes.map((o) => [o.code, o.fixing!.value]))).toEqual({
        "TOK-QWEN37PLUS-BLEND-CNY-LIST": "3.500000",
        "TOK-QWEN37PLUS-IN-CNY-LIST": "2.000000",
        "TOK-QWEN37PLUS-OUT-CNY-LIST": "8.000000",
        "TOK-SEED21PRO-BLEND-CNY-LIST": "12.000000",
        "TOK-SEED21PRO-IN-CNY-LIST": "6.000000",
        "TOK-SEED21PRO-OUT-CNY-LIST": "30.000000",
        "TOK-GLM52-BLEND-CNY-LIST": "13.000000",
        "TOK-GLM52-IN-CNY-LIST": "8.000000",
        "TOK-GLM52-OUT-CNY-LIST": "28.000000",
        "TOK-KIMIK26-BLEND-CNY-LIST": "11.625000",
        "TOK-KIMIK26-IN-CNY-LIST": "6.500000",
        "TOK-KIMIK26-OUT-CNY-LIST": "27.000000",
      });
      for (const o of outcomes) expect(o.fixing, o.code).toMatchObject({ fixingDate: DAY, fixingTime: "2026-08-21T08:00:00.000Z", status: "back-calculated", calculation: "back-calculated", currency: "CNY", providerCount: 1 });
    } finally {
      await store.close();
    }
  }, 60_000);
});

describeShared("china-cny importer over the 2026-08-21 CNY lists", () => {
  const runs = sharedFiles("china/cny_price_lists_2026-08-21", /^providers_.*\.json$/).map((path) => ({ path, r: runImporter("china-cny", path, DAY) }));

  it("imports CNY rows only and drops the USD x 7.2 DeepSeek file whole", () => {
    expect(runs.length).toBeGreaterThanOrEqual(9);
    for (const { r } of runs) for (const o of r.observations) expect(o).toMatchObject({ currency: "CNY", unit: "CNY/1M tokens", observedAt: "2026-08-21T04:00:00.000Z" });
    const deepseek = runs.find(({ path }) => path.endsWith("providers_deepseek.json"))!.r;
    expect(deepseek.observations).toEqual([]);
  });

  it("gives every CNY series model its vendor's blended price", () => {
    const blend = (product: string) => runs.flatMap(({ r }) => r.observations).filter((o) => o.product === product && o.metric === "blended_3_1" && o.providerTier === "first_party");
    expect(blend("qwen/qwen3.7-plus").map((o) => [o.provider, o.price])).toEqual([["alibaba", "3.5"]]);
    expect(blend("bytedance-seed/seed-2.1-pro").map((o) => [o.provider, o.price])).toEqual([["volcengine", "12"]]);
    expect(blend("z-ai/glm-5.2").map((o) => [o.provider, o.price])).toEqual([["zhipu", "13"]]);
    expect(blend("moonshotai/kimi-k2.6").map((o) => [o.provider, o.price])).toEqual([["moonshot", "11.625"]]);
  });
});
