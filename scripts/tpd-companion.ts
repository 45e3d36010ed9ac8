// The TPD companion over the bundled history: rolling windows and splices vs one full-period TPD (the chain drift).
// Run: node --import tsx scripts/tpd-companion.ts [--class h100-sxm-80gb] [--basis single|node|all] [--from ..] [--to ..] [--model dummies|auto|hedonic]
import { parseArgs } from "node:util";
import { providerInfo } from "../src/normalize/hardware/index.ts";
import { dec, plain } from "../src/normalize/money.ts";
import { readBundling } from "../src/normalize/bundling.ts";
import { fitTpd, rollingTpd } from "../src/index/gpu2/tpd.ts";
import type { SpliceMethod, TpdModel, TpdRow } from "../src/index/gpu2/tpd.ts";
import type { NewObservation } from "../src/schemas/observation.ts";
import { constituentOf, loadBundleRows } from "./gpu-coverage-survey.ts";

export interface CompanionOptions {
  product: string;
  basis: "single" | "node" | "all";
  from: string;
  to: string;
}

/**
 * One TPD row per constituent and day: the mean of that day's quotes; weight 1 / (constituents of the same parent
 * that day), so each parent company is one voice; characteristics tier and unit for the hedonic variant.
 */
export function companionRows(observations: readonly NewObservation[], o: CompanionOptions): TpdRow[] {
  const groups = new Map<string, { day: string; key: string; parent: string; prices: string[]; chars: Record<string, string> }>();
  for (const x of observations) {
    if (x.kind !== "gpu" || x.term !== "on_demand" || x.product !== o.product) continue;
    const bundled = readBundling(x.attrs).bundled;
    if ((o.basis === "single" && bundled) || (o.basis === "node" && !bundled)) continue;
    const day = x.observedAt.slice(0, 10);
    if (day < o.from || day > o.to) continue;
    const key = constituentOf(x);
    const id = `${day}|${key}`;
    const g = groups.get(id) ?? { day, key, parent: providerInfo(x.provider)?.parent ?? x.provider, prices: [], chars: { tier: x.providerTier, unit: bundled ? "node" : "single" } };
    g.prices.push(x.price);
    groups.set(id, g);
  }
  const perParentDay = new Map<string, number>();
  for (const g of groups.values()) perParentDay.set(`${g.day}|${g.parent}`, (perParentDay.get(`${g.day}|${g.parent}`) ?? 0) + 1);
  return [...groups.values()].map((g) => ({
    day: g.day,
    constituent: g.key,
    price: plain(g.prices.reduce((s, p) => s.plus(p), dec(0)).div(g.prices.length).toDecimalPlaces(6)),
    weight: 1 / perParentDay.get(`${g.day}|${g.parent}`)!,
    characteristics: g.chars,
  }));
}

function report(rows: TpdRow[], model: TpdModel): void {
  const rounding = { decimals: 4, mode: "half_even" as const };
  const first = rows.filter((r) => r.day === rows.map((x) => x.day).sort()[0]);
  const geo = Math.exp(first.reduce((s, r) => s + (r.weight ?? 1) * Math.log(Number(r.price)), 0) / first.reduce((s, r) => s + (r.weight ?? 1), 0));
  const baseLevel = geo.toFixed(4);
  const full = fitTpd(rows, { model, disconnected: "latest_component" });
  const fullLevel = (day: string) => (full.status === "ok" && full.raw.logIndex[day] !== undefined ? Number(baseLevel) * Math.exp(full.raw.logIndex[day]!) : NaN);
  const checkDays = ["2026-04-28", "2026-05-22", "2026-06-16"];
  console.log(`rows ${rows.length}, constituents ${new Set(rows.map((r) => r.constituent)).size}, base level ${baseLevel} (weighted geometric mean on the first day)`);
  console.log(`full-period TPD (no chaining): ${full.status}${full.status === "ok" ? ` ${full.model}` : ""}${full.status === "ok" ? `, R2 ${full.r2}, ${checkDays.map((d) => `${d} ${fullLevel(d).toFixed(3)}`).join(", ")}` : ""}`);
  for (const windowDays of [7, 14, 28]) {
    for (const splice of ["movement", "mean"] as SpliceMethod[]) {
      const started = Date.now();
      const out = rollingTpd(rows, { windowDays, splice, rounding, baseLevel, model, disconnected: "latest_component" });
      const ms = Date.now() - started;
      let maxMove = 0;
      let maxDay = "";
      for (let i = 1; i < out.length; i++) {
        if (out[i]!.day < "2026-05-01" || out[i]!.day > "2026-06-30") continue;
        const move = Math.abs(Number(out[i]!.level) / Number(out[i - 1]!.level) - 1);
        if (move > maxMove) [maxMove, maxDay] = [move, out[i]!.day];
      }
      const at = (d: string) => out.find((p) => p.day === d)?.level ?? "-";
      const last = out[out.length - 1]!;
      const drift = Number(last.level) / fullLevel(last.day) - 1;
      const carried = out.filter((p) => p.status === "carried").length;
      console.log(
        `window ${windowDays} ${splice}: ${checkDays.map((d) => `${d} ${at(d)}`).join(", ")}; largest daily move 05-01..06-30 ${(maxMove * 100).toFixed(2)}% on ${maxDay}; ` +
          `end ${last.day} ${last.level} vs full ${fullLevel(last.day).toFixed(4)} (drift ${(drift * 100).toFixed(2)}%); carried ${carried}; ${ms} ms`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { class: { type: "string", default: "h100-sxm-80gb" }, basis: { type: "string", default: "single" }, from: { type: "string", default: "2026-02-11" }, to: { type: "string", default: "2026-07-20" }, model: { type: "string", default: "dummies" } } });
  const options: CompanionOptions = { product: values.class!, basis: values.basis as CompanionOptions["basis"], from: values.from!, to: values.to! };
  report(companionRows(loadBundleRows("data/bundle"), options), values.model as TpdModel);
}
