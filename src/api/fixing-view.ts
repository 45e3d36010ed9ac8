// How fixings look in CSV: one row per fixing, a stable column order (new columns are only ever appended).
import type { Fixing } from "../schemas/fixing.ts";
import type { CsvColumn } from "./csv.ts";

export const fixingColumns: CsvColumn<Fixing>[] = [
  { name: "index_code", value: (f) => f.indexCode },
  { name: "fixing_date", value: (f) => f.fixingDate },
  { name: "fixing_time", value: (f) => f.fixingTime },
  { name: "status", value: (f) => f.status },
  { name: "revision", value: (f) => f.revision },
  { name: "value", value: (f) => f.value },
  { name: "unit", value: (f) => f.unit },
  { name: "currency", value: (f) => f.currency },
  { name: "methodology_version", value: (f) => f.methodologyVersion },
  { name: "estimator", value: (f) => f.estimator },
  { name: "input_tier", value: (f) => f.inputTier },
  { name: "observation_count", value: (f) => f.observationCount },
  { name: "provider_count", value: (f) => f.providerCount },
  { name: "volume", value: (f) => f.volume },
  { name: "p1", value: (f) => f.distribution?.p1 },
  { name: "p25", value: (f) => f.distribution?.p25 },
  { name: "p50", value: (f) => f.distribution?.p50 },
  { name: "p75", value: (f) => f.distribution?.p75 },
  { name: "p99", value: (f) => f.distribution?.p99 },
  { name: "min", value: (f) => f.distribution?.min },
  { name: "max", value: (f) => f.distribution?.max },
  { name: "exclusion_count", value: (f) => f.exclusions.length },
  { name: "inputs_digest", value: (f) => f.inputsDigest },
  { name: "note", value: (f) => f.note },
  { name: "published_at", value: (f) => f.publishedAt },
  { name: "hash", value: (f) => f.hash },
  // Appended (columns are only ever appended). "back-calculated" also on fallback days of a back-calculation.
  { name: "calculation", value: (f) => f.calculation ?? (f.status === "back-calculated" ? "back-calculated" : "live") },
];

/** Token 2.x diagnostics (coverage, imputed and fallback shares, roll, basket level): absent from 1.x fixings. */
export const diagnosticColumns: CsvColumn<Fixing>[] = [
  { name: "volume_coverage_share", value: (f) => f.diagnostics?.volumeCoverageShare },
  { name: "imputed_share", value: (f) => f.diagnostics?.imputedShare },
  { name: "fallback_share", value: (f) => f.diagnostics?.fallbackShare },
  { name: "weight_basis", value: (f) => f.diagnostics?.weightBasis },
  { name: "quality_flag", value: (f) => f.diagnostics?.qualityFlag },
  { name: "roll", value: (f) => (f.roll ? `${f.roll.from} -> ${f.roll.to} x ${f.roll.linkFactor} from ${f.roll.effective}` : null) },
  { name: "basket_level", value: (f) => f.basket?.level },
  { name: "basket_constituents", value: (f) => f.basket?.constituents.map((c) => `${c.model} ${c.weight} ${c.price ?? "-"} ${c.status}`).join("; ") },
];

/** The columns of a page of fixings: the diagnostic columns are appended when any fixing carries them (2.x), so 1.x CSV bytes never change. */
export function fixingColumnsFor(rows: readonly Fixing[]): CsvColumn<Fixing>[] {
  return rows.some((f) => f.diagnostics !== undefined) ? [...fixingColumns, ...diagnosticColumns] : fixingColumns;
}
