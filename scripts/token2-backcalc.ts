// `node --import tsx scripts/token2-backcalc.ts [--base-prices]`: back-calculate the token indices over data/bundle
// under the archived 1.x version and under the 2.0 working definitions (in memory), and print the effect table.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openStore, type Store } from "../src/db/index.ts";
import { loadMethodology, type Methodology } from "../src/index/index.ts";
import { computeToken2 } from "../src/index/token2/index.ts";
import { dec } from "../src/normalize/money.ts";
import type { Fixing } from "../src/schemas/fixing.ts";
import type { IndexDefinition } from "../src/schemas/methodology.ts";
import { loadBundle } from "../src/jobs/bundle.ts";
import { candidateObservations, recompute } from "../src/jobs/fix.ts";
import { ingestCapture } from "../src/jobs/ingest.ts";
import { openrouterVolume } from "../src/sources/token/openrouter-volume.ts";
import { readFileSync } from "node:fs";
import { backfill } from "../src/jobs/history.ts";
import { silentLogger } from "../src/jobs/logger.ts";
import { loadMethodologySet } from "../src/jobs/methodologies.ts";
import type { Signer } from "../src/jobs/signing.ts";
import { compareVersions, majorOf, newestAnnounced, singleVersionSet, type MethodologySet } from "../src/index/versions.ts";

const BUNDLE = fileURLToPath(new URL("../data/bundle/", import.meta.url));
const signer: Signer = { keyId: "backcalc", publicKeyPem: "", sign: (hash) => `backcalc:${hash.slice(0, 16)}` };
const now = () => new Date("2026-12-03T00:00:00.000Z");

/** The 2.0 token definitions as a one-version set: indices.json's token entries stamped 2.0.0 (not an archive). */
export function token2Set(current: Methodology = loadMethodology()): MethodologySet {
  return singleVersionSet({ ...current, version: "2.0.0", indices: current.indices.filter((d) => d.family === "token") });
}

/** The newest archived 1.x version, token entries only. */
export function token1Set(): MethodologySet {
  // The newest 1.x archive (the baseline 2.0 is measured against), whatever has been announced since.
  const archived = [...loadMethodologySet().versions].filter((v) => majorOf(v.entry.version) === 1).sort((x, y) => compareVersions(y.entry.version, x.entry.version))[0]!;
  return { versions: [{ ...archived, methodology: { ...archived.methodology, indices: archived.methodology.indices.filter((d) => d.family === "token") } }], problems: [] };
}

export async function backCalculate(set: MethodologySet, bundleDir = BUNDLE, codes?: string[]): Promise<{ store: Store; codes: string[] }> {
  const store = openStore(":memory:");
  await loadBundle(store, bundleDir);
  const methodology = set.versions[0]!.methodology;
  await backfill(store, { methodology, versions: set, signer, now, log: silentLogger }, { codes });
  return { store, codes: codes ?? methodology.indices.map((d) => d.code) };
}

export interface SeriesEffect {
  code: string;
  fixings: number;
  mean: string | null;
  /** Largest absolute day-over-day (fixing to fixing) change in percent, with its dates. */
  largestMove: { percent: string; from: string; to: string } | null;
}

export function seriesEffect(code: string, fixings: readonly Fixing[]): SeriesEffect {
  const valued = fixings.filter((f) => f.value !== null);
  const mean = valued.length === 0 ? null : valued.reduce((s, f) => s.plus(f.value!), dec(0)).div(valued.length).toFixed(6);
  let largestMove: SeriesEffect["largestMove"] = null;
  for (let i = 1; i < valued.length; i++) {
    const a = dec(valued[i - 1]!.value!);
    const b = dec(valued[i]!.value!);
    if (a.isZero()) continue;
    const pct = b.minus(a).div(a).times(100);
    if (largestMove === null || pct.abs().greaterThan(dec(largestMove.percent).abs())) largestMove = { percent: pct.toFixed(2), from: valued[i - 1]!.fixingDate, to: valued[i]!.fixingDate };
  }
  return { code, fixings: valued.length, mean, largestMove };
}

/** A constituent's 2.0 blended price on `date`: the basket definition scoped to that one model, as the basket prices it. */
export async function constituentPrice(store: Store, basket: IndexDefinition, model: string, date: string): Promise<string | null> {
  if (basket.product.kind !== "token") throw new Error("not a token basket");
  const { basket: _b, ...rules } = basket.token2!;
  const single: IndexDefinition = { ...basket, product: { ...basket.product, models: [model] }, token2: { ...rules, rolls: [] }, shadow: undefined };
  const sufficiency = { minProviders: basket.token2!.basket!.constituentMinProviders, minObservations: basket.token2!.basket!.constituentMinProviders };
  const def = { ...single, sufficiency };
  const observations = await candidateObservations(store, def, date);
  return computeToken2(def, observations, { fixingDate: date, methodologyVersion: "2.0.0", status: "back-calculated", prior: null, history: [] }).value;
}

/**
 * What a live volume capture would have done: ingest a model stats capture (a real file, e.g. the shared
 * fixture openrouter/model_stats_2026-08-08.jsonl.gz) as if fetched at `fetchedAt`, and recompute that day's
 * 2.0 open-weight fixings with it (volume as weight only) beside the equal-weighted back-calculation.
 */
async function volumeWhatIf(store: Store, path: string, fetchedAt: string): Promise<void> {
  const bytes = readFileSync(path);
  const meta = await store.putCapture({ sourceId: openrouterVolume.id, url: "file://model_stats", fetchedAt, httpStatus: 200, contentType: "application/x-ndjson", bytes });
  const ingested = await ingestCapture(store, openrouterVolume, meta, bytes, () => fetchedAt);
  console.log(`ingested ${ingested.observations} volume observations`);
  const date = fetchedAt.slice(0, 10);
  console.log("| index | equal weights (bundle) | with the volume capture | coverage | imputed | basis |\n|---|---|---|---|---|---|");
  for (const def of token2Set().versions[0]!.methodology.indices) {
    if (def.estimator.kind !== "volume_weighted_median") continue;
    const published = await store.getFixing(def.code, date);
    if (!published || published.value === null) continue;
    const again = recompute(def, await candidateObservations(store, def, date), date, "back-calculated", "2.0.0", null);
    const d = again.diagnostics;
    console.log(`| ${def.code} | ${published.value} | ${again.value} | ${d?.volumeCoverageShare} | ${d?.imputedShare} | ${d?.weightBasis} |`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "base-prices": { type: "boolean" }, "volume-capture": { type: "string" }, "fetched-at": { type: "string" } } });
  const after = await backCalculate(token2Set());
  if (values["volume-capture"]) {
    await volumeWhatIf(after.store, values["volume-capture"], values["fetched-at"] ?? "2026-08-08T15:00:00.000Z");
    return;
  }
  if (values["base-prices"]) {
    const m = token2Set().versions[0]!.methodology;
    const out: Record<string, string | null> = {};
    for (const def of m.indices.filter((d) => d.token2?.basket)) {
      const recons = def.token2!.basket!.reconstitutions;
      // Each reconstitution's constituents on its own date, and the previous ones on it too (the link value).
      for (const [i, r] of recons.entries()) for (const c of [...r.constituents, ...(recons[i - 1]?.constituents ?? [])]) out[`${c.model}@${r.effective}`] = await constituentPrice(after.store, def, c.model, r.effective);
    }
    console.log(JSON.stringify(out, null, 1));
    return;
  }
  const before = await backCalculate(token1Set());
  const rows: string[] = ["| index | fixings 1.x / 2.0 | mean 1.x | mean 2.0 | largest move 1.x | largest move 2.0 | distribution changed |", "|---|---|---|---|---|---|---|"];
  const move = (e: SeriesEffect) => (e.largestMove ? `${e.largestMove.percent}% (${e.largestMove.from} -> ${e.largestMove.to})` : "-");
  for (const code of after.codes) {
    const old = await before.store.fixingHistory(code, {});
    const now2 = await after.store.fixingHistory(code, {});
    const a = seriesEffect(code, old);
    const b = seriesEffect(code, now2);
    // Percentiles: 1.x type 7 (interpolated), 2.0 weighted as the estimator (a step function).
    const changed = now2.filter((f) => { const o = old.find((x) => x.fixingDate === f.fixingDate); return o !== undefined && JSON.stringify(o.distribution) !== JSON.stringify(f.distribution); }).length;
    const common = now2.filter((f) => old.some((x) => x.fixingDate === f.fixingDate)).length;
    rows.push(`| ${code} | ${a.fixings} / ${b.fixings} | ${a.mean ?? "-"} | ${b.mean ?? "-"} | ${move(a)} | ${move(b)} | ${common === 0 ? "-" : `${changed} of ${common}`} |`);
  }
  console.log(rows.join("\n"));
  for (const code of after.codes.filter((c) => c.includes("BASKET"))) {
    for (const f of await after.store.fixingHistory(code, {})) {
      console.log(`${code} ${f.fixingDate} value ${f.value} level ${f.basket?.level} ${f.basket?.constituents.map((c) => `${c.model}=${c.price}(${c.status})`).join(" ")} flag ${f.diagnostics?.qualityFlag}`);
    }
  }
  await before.store.close();
  await after.store.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
