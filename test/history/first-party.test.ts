import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadMethodology } from "../../src/index/index.ts";
import { loadBundle, readManifest } from "../../src/jobs/bundle.ts";
import { backfill } from "../../src/jobs/history.ts";
import { silentLogger } from "../../src/jobs/logger.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { decodeBundleFile } from "../../src/sources/history/bundle-format.ts";
import { buildBundle } from "../../scripts/build-data.ts";
import { FIRST_PARTY_MODELS, firstPartyOnly, type BundleSpec } from "../../scripts/bundle-specs.ts";
import { describeShared, fixturePath } from "../helpers/shared.ts";
import { scratchStore } from "../helpers/stores.ts";
import { LIVE_2026, methodologyVersion } from "../helpers/methodology.ts";

// The 1.x first-party list rules (2.0 changes how gpt-4o follows its versions: test/index/token2).
const m = methodologyVersion(LIVE_2026);
const CODES = ["TOK-GPT4O-BLEND-USD-LIST", "TOK-GPT4OMINI-BLEND-USD-LIST", "TOK-CLAUDE3HAIKU-BLEND-USD-LIST"];

/** Two LiteLLM snapshots and one llm-prices file with a dated cut, written for this test (test/fixtures/history/first-party). */
const SPECS: BundleSpec[] = [
  { format: "litellm", folder: "history/first-party", pattern: /^model_prices_\d{4}-\d{2}-\d{2}\.json$/, bundleFile: "token-first-party.jsonl.gz", leaveOut: firstPartyOnly },
  { format: "llm-prices", folder: "history/first-party", pattern: /^openai\.json$/, bundleFile: "token-first-party.jsonl.gz", captureDate: "2026-08-12", leaveOut: firstPartyOnly },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function backfilled() {
  const out = mkdtempSync(join(tmpdir(), "cpi-fp-"));
  dirs.push(out);
  const reports = buildBundle(fixturePath(), out, SPECS);
  const store = scratchStore();
  await loadBundle(store, out);
  const outcomes = await backfill(store, { methodology: m, signer: ephemeralSigner(), now: () => new Date("2026-08-13T00:00:00Z"), log: silentLogger }, { codes: CODES });
  await store.close();
  const byCode = (code: string) => outcomes.filter((o) => o.code === code).map((o) => o.fixing);
  return { out, reports, byCode };
}

describe("first-party list-price history", async () => {
  const { out, reports, byCode } = await backfilled();

  it("bundles only the model maker's own rows of models with a first-party series", () => {
    const manifest = readManifest(out)!.manifest;
    const rows = decodeBundleFile(readFileSync(join(out, "token-first-party.jsonl.gz")), manifest.datasets);
    expect(new Set(rows.map((o) => o.providerTier))).toEqual(new Set(["first_party"]));
    expect(new Set(rows.map((o) => o.product))).toEqual(new Set(["openai/gpt-4o", "openai/gpt-4o-mini", "anthropic/claude-3-haiku"]));
    const left = reports[0]!.leftOut.map((g) => g.reason);
    expect(left.some((r) => /not the model maker's own price/.test(r))).toBe(true);
    expect(left.some((r) => /without a first-party list-price series/.test(r))).toBe(true);
  });

  it("fixes on snapshot dates only: no value is invented between two snapshots", () => {
    const gpt4o = byCode("TOK-GPT4O-BLEND-USD-LIST");
    // 2024-07-25: (3 x 5 + 15) / 4; 2025-01-13: (3 x 2.5 + 10) / 4; 2026-08-12: the llm-prices capture day.
    expect(gpt4o.map((f) => [f.fixingDate, f.value, f.status])).toEqual([
      ["2024-07-25", "7.500000", "back-calculated"],
      ["2025-01-13", "4.375000", "back-calculated"],
      ["2026-08-12", "4.375000", "back-calculated"],
    ]);
    for (const f of gpt4o) expect(f).toMatchObject({ providerCount: 1, inputTier: "historical_import", exclusions: [] });
    expect(byCode("TOK-CLAUDE3HAIKU-BLEND-USD-LIST").map((f) => [f.fixingDate, f.value])).toEqual([
      ["2024-07-25", "0.500000"],
      ["2025-01-13", "0.500000"],
    ]);
  });

  it("fixes daily where the source states an interval (llm-prices from_date / to_date)", () => {
    // Old price (3 x 0.3 + 1.2) / 4 on its last day before to_date; new price daily from from_date to the capture day.
    expect(byCode("TOK-GPT4OMINI-BLEND-USD-LIST").map((f) => [f.fixingDate, f.value])).toEqual([
      ["2026-08-09", "0.525000"],
      ["2026-08-10", "0.262500"],
      ["2026-08-11", "0.262500"],
      ["2026-08-12", "0.262500"],
    ]);
  });
});

describe("first-party series set", () => {
  it("FIRST_PARTY_MODELS are the models of the -LIST indices", () => {
    const list = m.indices.filter((d) => d.code.endsWith("-LIST"));
    expect(list.length).toBeGreaterThanOrEqual(7);
    expect([...FIRST_PARTY_MODELS].sort()).toEqual([...new Set(list.flatMap((d) => (d.product.kind === "token" ? d.product.models : [])))].sort());
  });
});

describeShared("first-party history in the committed bundle", () => {
  it("reaches back to the first LiteLLM snapshot (2024-07-25) for GPT-4o, GPT-4o mini and Claude 3 Haiku", async () => {
    const store = scratchStore();
    try {
      await loadBundle(store, fixturePath("..", "..", "data", "bundle"));
      const codes = ["TOK-GPT4O-BLEND-USD-LIST", "TOK-GPT4OMINI-BLEND-USD-LIST", "TOK-CLAUDE3HAIKU-BLEND-USD-LIST", "TOK-GEMINI25PRO-BLEND-USD-LIST"];
      const outcomes = await backfill(store, { methodology: m, signer: ephemeralSigner(), now: () => new Date("2026-08-22T00:00:00Z"), log: silentLogger }, { codes });
      const first = (code: string) => outcomes.find((o) => o.code === code)?.fixing;
      expect(first("TOK-GPT4O-BLEND-USD-LIST")).toMatchObject({ fixingDate: "2024-07-25", value: "7.500000" });
      expect(first("TOK-GPT4OMINI-BLEND-USD-LIST")).toMatchObject({ fixingDate: "2024-07-25", value: "0.262500" });
      expect(first("TOK-CLAUDE3HAIKU-BLEND-USD-LIST")).toMatchObject({ fixingDate: "2024-07-25", value: "0.500000" });
      expect(first("TOK-GEMINI25PRO-BLEND-USD-LIST")).toMatchObject({ fixingDate: "2025-09-01", value: "3.437500" });
      // Sparse: GPT-4o has a fixing on each snapshot date, not on the ~760 days between the first and the last.
      expect(outcomes.filter((o) => o.code === "TOK-GPT4O-BLEND-USD-LIST").length).toBeLessThan(20);
    } finally {
      await store.close();
    }
  }, 120_000);
});
