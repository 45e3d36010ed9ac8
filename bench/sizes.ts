// Data sizes per mode: full (the figures), --quick (about 1/100, a smoke check under a minute), --tiny (tests).
export interface Sizes {
  openrouterModels: number;
  skypilotRows: number;
  vastOffers: number;
  awsBytes: number;
  ingestRows: number;
  /**
   * Observation history for the fixings bench: about `rows` = series keys x days x providers x perDay,
   * the provider count derived from the index set's series keys (at least `minProviders`).
   */
  history: { indices: number; days: number; rows: number; minProviders: number; perDay: number; start: string };
  apiSeconds: number;
  apiConnections: number;
  exportRows: number;
  /** The store bench (PostgreSQL beside SQLite): rows inserted, published series, appends and reads timed. */
  stores: { rows: number; indices: number; days: number; appends: number; reads: number };
}

const FULL: Sizes = {
  // A real /api/v1/models payload holds 400-600 models (about 1 MB).
  openrouterModels: 600,
  skypilotRows: 100_000,
  vastOffers: 50_000,
  awsBytes: 300_000_000,
  ingestRows: 1_000_000,
  // e.g. 38 series keys x 1095 days x 20 providers x 24 hourly quotes = 19.97M observations.
  history: { indices: 40, days: 1095, rows: 20_000_000, minProviders: 8, perDay: 24, start: "2023-11-01" },
  apiSeconds: 10,
  apiConnections: 50,
  exportRows: 5_000_000,
  stores: { rows: 1_000_000, indices: 40, days: 365, appends: 500, reads: 2000 },
};

const QUICK: Sizes = {
  openrouterModels: 600,
  skypilotRows: 1_000,
  vastOffers: 500,
  awsBytes: 3_000_000,
  ingestRows: 10_000,
  history: { indices: 40, days: 30, rows: 55_000, minProviders: 8, perDay: 6, start: "2026-10-01" },
  apiSeconds: 2,
  apiConnections: 50,
  exportRows: 50_000,
  stores: { rows: 20_000, indices: 4, days: 365, appends: 50, reads: 200 },
};

/** For the test suite only: every bench end to end on a few hundred rows. */
const TINY: Sizes = {
  openrouterModels: 30,
  skypilotRows: 100,
  vastOffers: 50,
  awsBytes: 3_000_000, // at 1/10 (the RSS comparison) still a few on-demand GPU rows: a figure over no quotes is an error
  ingestRows: 500,
  history: { indices: 40, days: 3, rows: 1_800, minProviders: 8, perDay: 2, start: "2026-10-01" },
  apiSeconds: 1,
  apiConnections: 10,
  exportRows: 500,
  stores: { rows: 500, indices: 2, days: 20, appends: 3, reads: 10 },
};

export type SizeMode = "full" | "quick" | "tiny";

export function sizes(mode: SizeMode): Sizes {
  return mode === "tiny" ? TINY : mode === "quick" ? QUICK : FULL;
}

/** Providers per series key so that the history holds about `h.rows` rows (full density: 20 for 38 keys). */
export function historyProviders(h: Sizes["history"], keys: number): number {
  return Math.max(h.minProviders, Math.round(h.rows / (keys * h.days * h.perDay)));
}
