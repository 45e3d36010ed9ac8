// Importer of dated China-region CNY list-price snapshots (providers_<vendor>.json): the live china-cny parser, re-stamped as history.
import { parseChinaCny } from "../token/china-cny.ts";
import { snapshotImporter } from "./token-snapshots.ts";

/**
 * Where a CNY list snapshot of day D is observed: 12:00 Beijing time (UTC+8, no daylight saving), i.e.
 * `D T04:00:00.000Z`. CNY indices fix at 16:00 Asia/Shanghai (08:00 UTC) over the previous 24 h, so the
 * snapshot falls inside the window of the fixing of D; noon UTC (20:00 Beijing) would fall after that
 * fixing and move the price into D+1 (data/README.md, conventions).
 */
export function beijingNoon(day: string): string {
  return `${day}T04:00:00.000Z`;
}

/**
 * The files name no date (providers_dashscope.json): pass the capture day as ctx.captureDate
 * (`cpi import china-cny <file> --capture-date YYYY-MM-DD`; the bundle spec states it). Files that are
 * not CNY lists (deepseek's USD x 7.2, pricing.json) become reasoned rejections from the parser.
 */
export const importChinaCny = snapshotImporter("china-cny", parseChinaCny, beijingNoon);
