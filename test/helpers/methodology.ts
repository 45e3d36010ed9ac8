// The archived definitions of one published methodology version, for tests of that version's mechanics.
// Live fixings before 2.0.0 takes effect (2027-02-01) are computed under 1.2.0: a test that drives the jobs with
// a methodology object directly (bypassing the version choice) states the version it means with this helper.
import type { Methodology } from "../../src/index/index.ts";
import { loadMethodologySet } from "../../src/jobs/methodologies.ts";

export function methodologyVersion(version: string): Methodology {
  const found = loadMethodologySet().versions.find((v) => v.entry.version === version);
  if (!found) throw new Error(`methodology ${version} is not archived in methodology/versions`);
  return found.methodology;
}

/** The version in force for live fixings in the 2026 scenarios of the test suites. */
export const LIVE_2026 = "1.2.0";
