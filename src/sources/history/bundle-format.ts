// The bundled-history file format: gzip'd JSON lines of observation rows in a fixed column order, byte-deterministic.
import { gunzipSync, gzipSync } from "node:zlib";
import { NewObservation } from "../../schemas/observation.ts";

/** Column order of one bundle line; `dataset` indexes manifest.datasets (file name and sha256 live there once). */
export const BUNDLE_COLUMNS = [
  "dataset",
  "source",
  "provider",
  "kind",
  "product",
  "rawName",
  "metric",
  "quantization",
  "term",
  "region",
  "providerTier",
  "unit",
  "currency",
  "price",
  "observedAt",
  "tier",
  "volume",
  "attrs",
] as const;

export interface BundleDataset {
  format: string;
  file: string;
  sha256: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const rec = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(rec).sort().map((k) => [k, rec[k]]));
  });
}

/** One observation as a bundle line (dataset and fileSha256 move out of attrs into the manifest). */
export function encodeRow(datasetIndex: number, o: NewObservation): string {
  const { dataset: _d, fileSha256: _s, ...attrs } = o.attrs;
  const row = [datasetIndex, o.source, o.provider, o.kind, o.product, o.rawName, o.metric, o.quantization, o.term, o.region, o.providerTier, o.unit, o.currency, o.price, o.observedAt, o.tier, o.volume, attrs];
  return stableJson(row);
}

/** Sorted lines -> gzip bytes. Sorting by (observedAt, line) makes the file independent of import order. */
export function encodeBundleFile(lines: string[]): Uint8Array {
  const keyed = lines.map((line) => ({ at: (JSON.parse(line) as unknown[])[14] as string, line }));
  keyed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  const text = keyed.map((k) => k.line).join("\n") + (keyed.length ? "\n" : "");
  return gzipSync(Buffer.from(text, "utf8"), { level: 9 });
}

/** Bundle bytes -> validated observations (captureId null: the bundle ships derived figures, not capture bytes). */
export function decodeBundleFile(bytes: Uint8Array, datasets: BundleDataset[]): NewObservation[] {
  const text = gunzipSync(bytes).toString("utf8");
  const out: NewObservation[] = [];
  let n = 0;
  for (const line of text.split("\n")) {
    n++;
    if (line === "") continue;
    const cells = JSON.parse(line) as unknown[];
    if (cells.length !== BUNDLE_COLUMNS.length) throw new Error(`bundle line ${n}: ${cells.length} columns, expected ${BUNDLE_COLUMNS.length}`);
    const rec = Object.fromEntries(BUNDLE_COLUMNS.map((c, i) => [c, cells[i]]));
    const ds = datasets[rec.dataset as number];
    if (!ds) throw new Error(`bundle line ${n}: unknown dataset index ${String(rec.dataset)}`);
    const attrs = { ...(rec.attrs as Record<string, unknown>), dataset: ds.file, fileSha256: ds.sha256 };
    const parsed = NewObservation.safeParse({ ...rec, dataset: undefined, captureId: null, attrs });
    if (!parsed.success) throw new Error(`bundle line ${n}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    out.push(parsed.data);
  }
  return out;
}
