// Child process of the concurrent-writer test: appends fixings to the store at CPI_DB as fast as it can.
import { openStore } from "../../../src/db/index.ts";
import { fixingDraft } from "../../helpers/observations.ts";

const store = openStore(process.env.CPI_DB!);
const n = Number(process.env.CHAIN_APPENDS ?? 20);
const who = process.env.CHAIN_WRITER ?? "w";
for (let i = 0; i < n; i++) {
  await store.appendFixing(fixingDraft({ indexCode: `T-${who}`, fixingDate: `2026-05-${String((i % 28) + 1).padStart(2, "0")}` }), { publishedAt: new Date().toISOString(), sign: (h) => `test:${h.slice(0, 8)}` });
}
await store.close();
