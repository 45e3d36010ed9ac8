// Monthly cash settlement: arithmetic mean of the month's daily fixings (latest revision per date).
import type { Fixing, FixingStatus } from "../schemas/fixing.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import { dec, roundTo } from "../normalize/money.ts";
import { mean } from "./stats.ts";

export interface SettlementDay {
  fixingDate: string;
  value: string;
  status: FixingStatus;
  revision: number;
}

export interface Settlement {
  indexCode: string;
  month: string;
  /** "indicative" admits back-calculated days (history analysis only); "settlement" never does. */
  basis: "settlement" | "indicative";
  /** Rounded as the methodology states; null when no day of the month has a usable fixing. */
  value: string | null;
  calendarDays: number;
  used: SettlementDay[];
  /** Calendar days without a usable fixing, and why; they are skipped, not filled. */
  skipped: { fixingDate: string; reason: string }[];
  methodologyVersions: string[];
}

const SETTLES: ReadonlySet<FixingStatus> = new Set(["final", "republished", "fallback"]);

/** Dates of month "YYYY-MM" in order. */
export function monthDates(month: string): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`not a month YYYY-MM: ${month}`);
  const [y, m] = [Number(match[1]), Number(match[2])];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** The latest revision of each date (highest revision; ties by later publishedAt). */
export function latestRevisions(fixings: readonly Fixing[]): Map<string, Fixing> {
  const latest = new Map<string, Fixing>();
  for (const f of fixings) {
    const seen = latest.get(f.fixingDate);
    if (!seen || f.revision > seen.revision || (f.revision === seen.revision && f.publishedAt > seen.publishedAt)) latest.set(f.fixingDate, f);
  }
  return latest;
}

function skipReason(f: Fixing | undefined, indicative: boolean): string | null {
  if (!f) return "no fixing published";
  if (f.status === "provisional") return "provisional: not yet final";
  if (f.calculation === "back-calculated" && !indicative) return "back-calculated: reconstructed history does not settle contracts";
  if (f.status === "back-calculated") return indicative ? null : "back-calculated: reconstructed history does not settle contracts";
  if (!SETTLES.has(f.status)) return `status ${f.status} does not settle`;
  if (f.value === null) return "fallback without a value";
  return null;
}

/**
 * Settlement of `def` for `month` from the fixings as published at settlement time (pass an as-of view:
 * a later restatement does not reopen a settled month). Uses final, republished and fallback-carried values.
 * `indicative` also admits back-calculated days, labelled as such: never for settling a contract.
 */
export function computeSettlement(def: IndexDefinition, fixings: readonly Fixing[], month: string, opts: { indicative?: boolean } = {}): Settlement {
  const indicative = opts.indicative ?? false;
  const dates = monthDates(month);
  const latest = latestRevisions(fixings.filter((f) => f.indexCode === def.code && f.fixingDate.startsWith(`${month}-`)));
  const used: SettlementDay[] = [];
  const skipped: Settlement["skipped"] = [];
  const versions = new Set<string>();
  for (const date of dates) {
    const f = latest.get(date);
    const reason = skipReason(f, indicative);
    if (reason !== null || !f || f.value === null) {
      skipped.push({ fixingDate: date, reason: reason ?? "no value" });
      continue;
    }
    used.push({ fixingDate: date, value: f.value, status: f.status, revision: f.revision });
    versions.add(f.methodologyVersion);
  }
  const value = used.length > 0 ? roundTo(mean(used.map((d) => dec(d.value))), def.rounding.decimals, def.rounding.mode) : null;
  return { indexCode: def.code, month, basis: indicative ? "indicative" : "settlement", value, calendarDays: dates.length, used, skipped, methodologyVersions: [...versions].sort() };
}
