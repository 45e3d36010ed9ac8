// GPU 2.x publication gates: seasoned constituents present, independent source datasets, parents, dispersion.
import type { Panel } from "../../schemas/fixing.ts";
import type { Gpu2Rules } from "../../schemas/methodology.ts";
import { dec, roundTo } from "../../normalize/money.ts";
import type { Dec } from "../../normalize/money.ts";
import type { Quote } from "./constituents.ts";
import { weightedLogMad } from "./link.ts";

/** The gate over today's present members (seasoned, fresh, not screened); the reason lists every shortfall. */
export function checkGates(present: readonly Quote[], shares: readonly Dec[], gates: Gpu2Rules["gates"]): Panel["gate"] {
  const datasets = new Set(present.map((q) => q.dataset)).size;
  const parents = new Set(present.map((q) => q.voice)).size;
  const logMad = present.length > 0 ? weightedLogMad(present.map((q) => q.price), shares) : null;
  const problems: string[] = [];
  if (present.length < gates.minConstituents) problems.push(`${present.length} seasoned constituents present (minimum ${gates.minConstituents})`);
  if (datasets < gates.minDatasets) problems.push(`${datasets} source datasets (minimum ${gates.minDatasets})`);
  if (parents < gates.minParents) problems.push(`${parents} parent companies (minimum ${gates.minParents})`);
  if (logMad !== null && logMad.greaterThan(dec(gates.maxLogMad))) problems.push(`dispersion: MAD of ln price ${roundTo(logMad, 4, "half_even")} > ${gates.maxLogMad}`);
  return {
    passed: problems.length === 0,
    reason: problems.length === 0 ? null : `insufficient panel: ${problems.join("; ")}`,
    constituents: present.length,
    datasets,
    parents,
    logMad: logMad === null ? null : roundTo(logMad, 6, "half_even"),
  };
}
