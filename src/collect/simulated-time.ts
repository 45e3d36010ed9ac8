// Under a simulated clock every request says what time the publisher thinks it is, so a replayed internet can answer as of that day.
import type { Fetcher } from "./fetch-types.ts";

/** Request header carrying the simulated time (ISO instant); sent only when CPI_SIM_CLOCK is set. */
export const SIMULATED_TIME_HEADER = "x-cpi-simulated-time";

export function withSimulatedTime(fetcher: Fetcher, now: () => Date): Fetcher {
  return {
    fetch: (req) => fetcher.fetch({ ...req, headers: { ...req.headers, [SIMULATED_TIME_HEADER]: now().toISOString() } }),
    close: () => fetcher.close(),
  };
}
