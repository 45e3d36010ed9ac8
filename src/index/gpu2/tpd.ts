// Rolling-window time-product-dummy (TPD) regression: the quality-adjusted companion series (issue 12 item 5).
//
// API (pure, no I/O; everything here is deterministic: same rows -> same digits on every machine):
//   fitTpd(rows, options?)            one window: ln p_it = a_t + b_i (constituent dummies), or
//                                     ln p_it = a_t + c0 + c.x_i (hedonic, from `characteristics`), by weighted
//                                     least squares. Returns the index path exp(a_t - a_base) per day, the time,
//                                     constituent or characteristic effects with standard errors, n observations,
//                                     n constituents, R^2; or { status: "unidentified", reason, ... }.
//   windowRows(rows, endDay, days)    the rows of the `days` calendar days ending on endDay.
//   spliceLevel(fit, today, published, method, rounding)   today's companion level (tpd-splice.ts).
//   rollingTpd(rows, options)         the whole companion series: one window fit per day, spliced.
//
// Rules:
// - Rows: { day: "YYYY-MM-DD", constituent: id of one constituent series, price: positive decimal string,
//   weight?: positive number (default 1), characteristics?: { name: number | string } constant per constituent }.
//   One row per (day, constituent): aggregate before calling. Bad input throws TpdInputError.
// - model "dummies": a constituent seen on one day only carries no information (its dummy fits it exactly);
//   it is dropped and listed in `dropped`. Days and constituents must form one connected panel, otherwise
//   "unidentified" / "disconnected" with the components, or with `disconnected: "latest_component"` the fit
//   keeps the component holding the last day and lists the others in `dropped`.
// - model "hedonic": every constituent must carry the same characteristic names; numbers enter as given
//   (pass logs if you want elasticities), strings as dummies against the alphabetically first level;
//   characteristics constant over the window are dropped. Rank deficiency -> "unidentified" / "rank_deficient".
// - model "auto" (default): hedonic when every constituent carries characteristics that identify, otherwise
//   dummies; `modelNote` says why.
// - Numerics: ln and exp in decimal (decimal.js, 40 digits); the normal equations in float64 by Cholesky with a
//   fixed order of operations (only IEEE-exact + - * / sqrt); published numbers are decimal strings rounded to
//   `decimals` places by the project's one rounding function. `raw.logIndex` keeps the unrounded a_t - a_base
//   for splicing.
export { fitTpd, hedonicDesign } from "./tpd-fit.ts";
export type { TpdDropped, TpdEffect, TpdFit, TpdModel, TpdOk, TpdOptions, TpdPathPoint, TpdUnidentified } from "./tpd-fit.ts";
export { shiftDay, TpdInputError, windowRows } from "./tpd-panel.ts";
export type { TpdRow } from "./tpd-panel.ts";
export { rollingTpd, spliceLevel } from "./tpd-splice.ts";
export type { Rounding, RollingOptions, RollingPoint, SpliceMethod, SpliceResult } from "./tpd-splice.ts";
