// GPU coverage survey of the bundled history: independent constituents, parents and datasets per hardware class,
// separable single-GPU prices vs bundled nodes (attrs.bundled, src/normalize/bundling.ts). Decides which classes can
// carry a 2.0 on-demand index (issue 12 items 2 and 10).
// Run: node --import tsx scripts/gpu-coverage-survey.ts [--days d1,d2] [--periods a..b,c..d] [--bundle data/bundle]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { providerInfo } from "../src/normalize/hardware/index.ts";
import { readBundling } from "../src/normalize/bundling.ts";
import type { NewObservation } from "../src/schemas/observation.ts";
import { decodeBundleFile, type BundleDataset } from "../src/sources/history/bundle-format.ts";

export type Basis = "single" | "node";

/**
 * The source dataset as the gpu2 calculation reads it (src/index/gpu2/constituents.ts datasetOf): the source id,
 * and for the aggregated daily-observations file the collector that wrote the row (host of attrs.sourceUrl).
 */
export function datasetOf(o: NewObservation): string {
  const url = o.attrs["sourceUrl"];
  if (typeof url !== "string" || url === "") return o.source;
  return `${o.source}@${URL.canParse(url) ? new URL(url).host : url}`;
}

/** provider x source dataset x SKU x unit GPUs x region: one independent price series. */
export function constituentOf(o: NewObservation): string {
  const sku = typeof o.attrs["sku"] === "string" && o.attrs["sku"] !== "" ? o.attrs["sku"] : o.rawName;
  return [o.provider, datasetOf(o), sku, String(readBundling(o.attrs).unitGpus ?? "?"), o.region ?? ""].join("|");
}

export function basisOf(o: NewObservation): Basis {
  return readBundling(o.attrs).bundled ? "node" : "single";
}

export interface Breadth {
  constituents: number;
  parents: number;
  datasets: number;
  /** Constituents of the dataset with the most, over all constituents (0 when none). */
  topDatasetShare: number;
}

/** class -> basis -> day -> set of constituent keys, over on-demand classified GPU rows. */
export function panel(rows: readonly NewObservation[]): Map<string, Map<Basis, Map<string, Set<string>>>> {
  const out = new Map<string, Map<Basis, Map<string, Set<string>>>>();
  for (const o of rows) {
    if (o.kind !== "gpu" || o.term !== "on_demand" || o.product === "unclassified") continue;
    const byBasis = out.get(o.product) ?? new Map<Basis, Map<string, Set<string>>>();
    out.set(o.product, byBasis);
    const byDay = byBasis.get(basisOf(o)) ?? new Map<string, Set<string>>();
    byBasis.set(basisOf(o), byDay);
    const day = o.observedAt.slice(0, 10);
    const set = byDay.get(day) ?? new Set<string>();
    byDay.set(day, set);
    set.add(constituentOf(o));
  }
  return out;
}

export function breadth(keys: ReadonlySet<string> | undefined): Breadth {
  if (!keys || keys.size === 0) return { constituents: 0, parents: 0, datasets: 0, topDatasetShare: 0 };
  const parents = new Set<string>();
  const datasets = new Map<string, number>();
  for (const k of keys) {
    const [provider, dataset] = k.split("|") as [string, string];
    parents.add(providerInfo(provider)?.parent ?? provider);
    datasets.set(dataset, (datasets.get(dataset) ?? 0) + 1);
  }
  return { constituents: keys.size, parents: parents.size, datasets: datasets.size, topDatasetShare: Math.max(...datasets.values()) / keys.size };
}

const DAY_MS = 86_400_000;
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const cell = (b: Breadth) => `${b.constituents} / ${b.parents} / ${b.datasets}`;
const avg = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

const meanCell = (bs: Breadth[]) => `${avg(bs.map((b) => b.constituents)).toFixed(1)} / ${avg(bs.map((b) => b.parents)).toFixed(1)} / ${avg(bs.map((b) => b.datasets)).toFixed(1)}`;

/** The markdown tables of the survey: breadth on `days`, means over each period, gate days over all periods. */
export function surveyTables(rows: readonly NewObservation[], days: string[], periods: [string, string][]): string {
  const p = panel(rows);
  const spans = periods.map(([from, to]) => daysBetween(from, to));
  const all = [...new Set(spans.flat())].sort();
  const lines: string[] = [];
  for (const basis of ["single", "node"] as const) {
    lines.push(`### ${basis === "single" ? "Separable single-GPU prices (attrs.bundled false)" : "Bundled nodes (attrs.bundled true)"}`, "");
    const heads = [...days, ...periods.map(([a, b]) => `mean ${a}..${b}`), `days >= 4 parents (of ${all.length})`, "days >= 4 parents, >= 2 datasets", "mean top-dataset share"];
    lines.push(`| class | ${heads.join(" | ")} |`, `|---|${heads.map(() => "---|").join("")}`);
    for (const cls of [...p.keys()].sort()) {
      const byDay = p.get(cls)!.get(basis);
      if (!byDay) continue;
      const overAll = all.map((d) => breadth(byDay.get(d)));
      if (overAll.every((b) => b.constituents === 0)) continue;
      const share = avg(overAll.filter((b) => b.constituents > 0).map((b) => b.topDatasetShare));
      const cells = [
        ...days.map((d) => cell(breadth(byDay.get(d)))),
        ...spans.map((span) => meanCell(span.map((d) => breadth(byDay.get(d))))),
        String(overAll.filter((b) => b.parents >= 4).length),
        String(overAll.filter((b) => b.parents >= 4 && b.datasets >= 2).length),
        share.toFixed(2),
      ];
      lines.push(`| ${cls} | ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

export function loadBundleRows(dir: string): NewObservation[] {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { datasets: BundleDataset[]; files: { name: string }[] };
  return manifest.files.filter((f) => f.name.startsWith("gpu-")).flatMap((f) => decodeBundleFile(readFileSync(join(dir, f.name)), manifest.datasets));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const defaults = { days: "2026-04-28,2026-05-22,2026-06-16", periods: "2026-02-11..2026-05-07,2026-05-08..2026-07-20", bundle: "data/bundle" };
  const { values } = parseArgs({ options: { days: { type: "string", default: defaults.days }, periods: { type: "string", default: defaults.periods }, bundle: { type: "string", default: defaults.bundle } } });
  const periods = values.periods!.split(",").map((p) => p.split("..") as [string, string]);
  process.stdout.write(surveyTables(loadBundleRows(values.bundle!), values.days!.split(","), periods) + "\n");
}
