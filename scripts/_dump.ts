import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { backCalculate, methodology2 } from "./measure-gpu2.ts";
const code = process.argv[2] ?? "GPU-H100SXM-OD";
const from = process.argv[3] ?? "2026-05-01", to = process.argv[4] ?? "2026-06-30";
const s = await backCalculate(methodology2(), [code], mkdtempSync(tmpdir() + "/g2-"));
for (const f of await s.fixingHistory(code, { from, to })) {
  const p = f.panel!;
  const c = p.constituents;
  const d = p.decomposition;
  console.log(f.fixingDate, f.status.slice(0,4), f.value, "lvl", p.level?.slice(0,7), "U", p.unlinked?.slice(0,6), "mem", c.filter(x=>x.status==="member"&&x.price).length, "carr", c.filter(x=>x.status==="carried").length, "seas", c.filter(x=>x.status==="seasoning").length,
   "m", d?.matched, "pe", d?.priceEffect, "ce", d?.compositionEffect, "in", d?.entering.length, "out", d?.exiting.length, p.gate.reason ?? "", p.anomalies.length ? "ANOM " + p.anomalies.map(a=>a.key+" "+a.relative).join(",") : "");
}
