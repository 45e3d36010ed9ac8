// `cpi review`: per series publication figures over a period, as a Markdown table or JSON.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { openStore } from "../../src/db/index.ts";
import type { SeriesReview } from "../../src/jobs/review.ts";
import { fixingDraft } from "../helpers/observations.ts";

let dir = "";
let env: Record<string, string> = {};
const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: dir, now: () => new Date("2026-12-01T12:00:00.000Z") };
  return { cli, out, err };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cpi-review-"));
  env = { CPI_DB: join(dir, "cpi.db"), CPI_KEYS_DIR: join(dir, "keys") };
  const store = openStore(env.CPI_DB!);
  const sign = () => "test:sig";
  const put = (date: string, over: Parameters<typeof fixingDraft>[0] = {}, publishedAt = `${date}T16:00:05.000Z`) =>
    store.appendFixing(fixingDraft({ fixingDate: date, fixingTime: `${date}T16:00:00.000Z`, ...over }), { publishedAt, sign });
  await put("2026-11-26", { status: "back-calculated", inputTier: "historical_import" });
  await put("2026-11-27", { providerCount: 5 });
  await put("2026-11-28", { providerCount: 3 });
  await put("2026-11-29", { status: "fallback", inputTier: "carried_forward", providerCount: 0 });
  await put("2026-11-30", { status: "fallback", value: null, inputTier: null, providerCount: 1 });
  await put("2026-11-28", { status: "republished", providerCount: 4, inputTier: "executable_quote" }, "2026-11-28T18:00:00.000Z");
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cpi review", () => {
  it("counts computed, carried, no-value, back-calculated and corrected days, provider counts and tiers", async () => {
    const { cli, out } = io();
    expect(await main(["review", "--from", "2026-11-01", "--json"], cli)).toBe(0);
    const r = JSON.parse(out[0]!) as { from: string; to: string; series: SeriesReview[] };
    expect([r.from, r.to]).toEqual(["2026-11-01", "2026-11-30"]);
    expect(r.series.find((s) => s.index === "GPU-H100SXM-OD")).toEqual({
      index: "GPU-H100SXM-OD", published: 5, computed: 2, carried: 1, noValue: 1, backCalculated: 1, corrected: 1,
      providersMin: 4, providersMedian: 4, minProviders: expect.any(Number), tiers: { list_price: 1, executable_quote: 1 },
    });
    expect(r.series.find((s) => s.index === "GPU-B200-OD")).toMatchObject({ published: 0, providersMin: null });
  });

  it("prints a Markdown table by default and refuses a reversed period", async () => {
    const { cli, out } = io();
    expect(await main(["review"], cli)).toBe(0);
    expect(out[0]).toMatch(/^Publication of every series, 2025-12-01 to 2026-11-30/);
    expect(out[0]).toContain("| GPU-H100SXM-OD | 5 | 2 | 1 | 1 | 1 | 1 | 4 / 4 (");
    const bad = io();
    expect(await main(["review", "--from", "2026-12-01", "--to", "2026-11-01"], bad.cli)).toBe(2);
  });
});
