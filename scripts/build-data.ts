// `npm run data:build`: runs the history importers over ../shared/fixtures and writes the derived bundle to data/bundle.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NewObservation } from "../src/schemas/observation.ts";
import { BUNDLE_COLUMNS, encodeBundleFile, encodeRow, stableJson, type BundleDataset } from "../src/sources/history/bundle-format.ts";
import { rejectionsByReason } from "../src/sources/history/import-collector.ts";
import { importers } from "../src/sources/history/index.ts";
import { BUNDLE_SPECS, type BundleSpec } from "./bundle-specs.ts";

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface DatasetReport extends BundleDataset {
  bundleFile: string;
  /** Distinct source rows (or entries) the importer saw: kept rows plus rejected rows. */
  rowsRead: number;
  observations: number;
  bundled: number;
  firstObservedAt: string | null;
  lastObservedAt: string | null;
  rejected: { reason: string; count: number; example: string }[];
  /** Kept by the importer but left out of the bundle, and why. */
  leftOut: { reason: string; count: number }[];
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function filesOf(fixturesDir: string, spec: BundleSpec): string[] {
  const dir = join(fixturesDir, spec.folder);
  if (!existsSync(dir)) throw new Error(`missing fixture folder ${dir}`);
  return readdirSync(dir).filter((n) => spec.pattern.test(n)).sort().map((n) => join(dir, n));
}

function importOne(path: string, spec: BundleSpec, index: number): { report: DatasetReport; lines: string[] } {
  const bytes = readFileSync(path);
  const ds: BundleDataset = { format: spec.format, file: `${spec.folder}/${basename(path)}`, sha256: sha256(bytes) };
  const importer = importers[spec.format];
  if (!importer) throw new Error(`no importer for format ${spec.format}`);
  const ctx = { dataset: basename(path), fileSha256: ds.sha256, ...(spec.captureDate ? { captureDate: spec.captureDate } : {}) };
  const result = importer(bytes, ctx);
  const lines: string[] = [];
  const leftOut = new Map<string, number>();
  const rows = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  for (const o of result.observations) {
    rows.add(String(o.attrs.row));
    const why = spec.leaveOut?.(o) ?? null;
    if (why !== null) {
      leftOut.set(why, (leftOut.get(why) ?? 0) + 1);
      continue;
    }
    // Classifier evidence is re-derivable from rawName and changes wording between taxonomy versions: not shipped.
    const { evidence: _e, modelEvidence: _m, ...attrs } = o.attrs;
    lines.push(encodeRow(index, { ...o, attrs: { ...attrs, dataset: ds.file } }));
    if (first === null || o.observedAt < first) first = o.observedAt;
    if (last === null || o.observedAt > last) last = o.observedAt;
  }
  const rejectedRows = new Set(result.rejected.map((r) => r.row));
  const report: DatasetReport = {
    ...ds,
    bundleFile: spec.bundleFile,
    rowsRead: rows.size + [...rejectedRows].filter((r) => !rows.has(r)).length,
    observations: result.observations.length,
    bundled: lines.length,
    firstObservedAt: first,
    lastObservedAt: last,
    rejected: rejectionsByReason(result.rejected).map((g) => ({ reason: g.reason, count: g.count, example: `${g.example.row}: ${g.example.reason}` })),
    leftOut: [...leftOut.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
  };
  return { report, lines };
}

/** Build the bundle into outDir; returns the per-dataset reports (also written to outDir/manifest.json). */
export function buildBundle(fixturesDir: string, outDir: string, specs: BundleSpec[] = BUNDLE_SPECS): DatasetReport[] {
  mkdirSync(outDir, { recursive: true });
  const reports: DatasetReport[] = [];
  const linesByFile = new Map<string, string[]>();
  for (const spec of specs) {
    for (const path of filesOf(fixturesDir, spec)) {
      const { report, lines } = importOne(path, spec, reports.length);
      reports.push(report);
      const acc = linesByFile.get(spec.bundleFile) ?? [];
      for (const l of lines) acc.push(l);
      linesByFile.set(spec.bundleFile, acc);
    }
  }
  const files = [...linesByFile.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, lines]) => {
    const bytes = encodeBundleFile(lines);
    writeFileSync(join(outDir, name), bytes);
    return { name, sha256: sha256(bytes), observations: lines.length };
  });
  const manifest = {
    format: "cpi-bundle/1",
    columns: [...BUNDLE_COLUMNS],
    datasets: reports.map(({ format, file, sha256 }) => ({ format, file, sha256 })),
    files,
    provenance: reports,
  };
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(JSON.parse(stableJson(manifest)), null, 1) + "\n");
  return reports;
}

/** Markdown tables of the provenance (the generated block of data/README.md). */
export function renderProvenance(reports: DatasetReport[]): string {
  const lines = [
    "| dataset (../shared/fixtures/...) | importer | sha256 | observed from | to | rows read | observations kept | bundled | rows rejected |",
    "|---|---|---|---|---|---:|---:|---:|---:|",
  ];
  for (const r of reports) {
    const rej = r.rejected.reduce((s, g) => s + g.count, 0);
    lines.push(`| ${r.file} | ${r.format} | \`${r.sha256.slice(0, 16)}\` | ${r.firstObservedAt?.slice(0, 10) ?? "-"} | ${r.lastObservedAt?.slice(0, 10) ?? "-"} | ${r.rowsRead} | ${r.observations} | ${r.bundled} | ${rej} |`);
  }
  lines.push("", "Rejections and exclusions by reason (figures folded to N; full sha256 and examples in data/bundle/manifest.json):", "");
  for (const r of reports) {
    if (r.rejected.length === 0 && r.leftOut.length === 0) continue;
    lines.push(`- ${r.file}`);
    for (const g of r.rejected) lines.push(`  - rejected ${g.count}: ${g.reason.replace(/\|/g, "/")}`);
    for (const g of r.leftOut) lines.push(`  - not bundled ${g.count}: ${g.reason}`);
  }
  return lines.join("\n");
}

const START = "<!-- provenance:start (generated by npm run data:build) -->";
const END = "<!-- provenance:end -->";

/** Replace the generated block of a README, keeping the hand-written text around it. */
export function withProvenance(readme: string, block: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) return `${readme.trimEnd()}\n\n${START}\n${block}\n${END}\n`;
  return `${readme.slice(0, a)}${START}\n${block}\n${readme.slice(b)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fixtures = resolve(process.argv[2] ?? join(repoRoot, "..", "shared", "fixtures"));
  const out = resolve(process.argv[3] ?? join(repoRoot, "data", "bundle"));
  const reports = buildBundle(fixtures, out);
  if (process.argv[3] === undefined) {
    const readmePath = join(repoRoot, "data", "README.md");
    const readme = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "# data\n";
    writeFileSync(readmePath, withProvenance(readme, renderProvenance(reports)));
  }
  for (const r of reports) {
    const rej = r.rejected.reduce((s, g) => s + g.count, 0);
    process.stdout.write(`${r.file}: rows ${r.rowsRead}, observations ${r.observations}, bundled ${r.bundled}, rejected ${rej}\n`);
  }
}
