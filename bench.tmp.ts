import { openReadStore } from "./src/db/index.ts";
import { csvLine } from "./src/api/csv.ts";
import { observationColumns } from "./src/api/observations.ts";
const store = openReadStore("/tmp/cpi-smoke/cpi.db");
let t = Date.now(); let n = 0;
for await (const o of store.iterateObservations({})) { n++; }
console.log("iterate", n, Date.now() - t, "ms");
t = Date.now(); n = 0; let bytes = 0;
for await (const o of store.iterateObservations({})) { bytes += csvLine(observationColumns.map((c) => c.value(o))).length; }
console.log("iterate+csv", bytes, Date.now() - t, "ms");
