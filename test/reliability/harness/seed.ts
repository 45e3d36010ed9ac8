// A published history built by the real jobs: back-calculated days, live days from a stored capture and list prices.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "../../../src/db/index.ts";
import { loadMethodology } from "../../../src/index/index.ts";
import { addDays, fixAll } from "../../../src/jobs/fix.ts";
import { backfill } from "../../../src/jobs/history.ts";
import { ingestCapture } from "../../../src/jobs/ingest.ts";
import { silentLogger } from "../../../src/jobs/logger.ts";
import type { Signer } from "../../../src/jobs/signing.ts";
import { vastai } from "../../../src/sources/gpu/vastai.ts";
import { dailyRows } from "./world.ts";
import { LIVE_2026, methodologyVersion } from "../../helpers/methodology.ts";

export const methodology = methodologyVersion(LIVE_2026);
/** The first live fixing date of the seeded history; live dates run to LAST. */
export const FIRST_LIVE = "2026-04-10";
export const LAST = "2026-04-12";

/**
 * 20 days of imported history (back-calculated), then live list prices and one real vast.ai capture around
 * FIRST_LIVE..LAST, published on time (30 s after each fixing time). Every fixing verifies.
 */
export async function seedPublished(store: Store, signer: Signer): Promise<void> {
  await store.insertObservations(dailyRows(addDays(FIRST_LIVE, -20), 20, "historical_import", "history:test"));
  await backfill(store, { methodology, signer, now: () => new Date(`${addDays(FIRST_LIVE, -1)}T20:00:00.000Z`), log: silentLogger }, { to: addDays(FIRST_LIVE, -1) });
  await store.insertObservations(dailyRows(addDays(FIRST_LIVE, -1), 4, "list_price", "test-live"));
  const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "sources", "gpu", "vastai_bundles.json")));
  const fetchedAt = `${LAST}T09:00:00.000Z`;
  const meta = await store.putCapture({ sourceId: "vastai", url: "https://console.vast.ai/api/v0/bundles/", fetchedAt, httpStatus: 200, contentType: "application/json", bytes });
  await ingestCapture(store, vastai, meta, bytes, () => fetchedAt);
  for (let date = FIRST_LIVE; date <= LAST; date = addDays(date, 1)) {
    await fixAll(date, "final", { store, signer, methodology, now: () => new Date(`${date}T16:00:30.000Z`) });
  }
}
