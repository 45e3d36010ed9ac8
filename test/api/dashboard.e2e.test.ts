// End to end: the dashboard and /docs in headless Chromium against a server on 127.0.0.1 (skips without Chromium).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { Store } from "../../src/db/index.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { seededApp } from "./fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = "test-results";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard e2e skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium)`);

describe.skipIf(!hasChromium)("dashboard in headless Chromium", () => {
  let server: ServerType;
  let store: Store;
  let base = "";
  let context: BrowserContext;
  let profile = "";
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const seeded = await seededApp();
    store = seeded.store;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: seeded.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    profile = mkdtempSync(join(tmpdir(), "cpi-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("request", (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) external.push(r.url());
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
  });

  it("shows the board with every index, values, changes and sparklines", async () => {
    await page.goto(`${base}/`);
    const row = page.locator('tr[data-code="GPU-H100SXM-OD"]');
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).toBe("2.3800");
    expect(await row.locator("td.down").count()).toBeGreaterThan(0);
    expect(await row.locator("svg.spark path").count()).toBe(1);
    expect(await page.locator("tr[data-code]").count()).toBe(loadMethodology().indices.length);
    await page.screenshot({ path: join(SHOTS, "dashboard-board.png"), fullPage: true });
  });

  it("opens H100 SXM: chart, inputs with the excluded provider, methodology, CSV download", async () => {
    await page.click('a[href="/index/GPU-H100SXM-OD"]');
    await page.waitForURL(`${base}/index/GPU-H100SXM-OD`);
    await page.locator("#chart canvas").first().waitFor();
    await page.locator("table.inputs tbody tr").nth(3).waitFor();
    const inputs = await page.locator("table.inputs tbody tr").allTextContents();
    expect(inputs.some((t) => t.includes("aws") && t.includes("excluded") && t.includes("outlier"))).toBe(true);
    expect(await page.locator(".methodology li").count()).toBeGreaterThan(4);
    await page.screenshot({ path: join(SHOTS, "dashboard-index.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#csv-download")]);
    expect(download.suggestedFilename()).toMatch(/^GPU-H100SXM-OD_fixings_.*\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("index_code,fixing_date,fixing_time,status")).toBe(true);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(121);
  });

  it("compares indices on one chart and lists source health", async () => {
    await page.click('a[data-nav="compare"]');
    await page.locator("#compare-chart canvas").first().waitFor();
    expect(await page.locator(".u-legend .u-series").count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(SHOTS, "dashboard-compare.png"), fullPage: true });
    await page.goto(`${base}/compare?codes=TOK-GPTOSS120B-BLEND-USD,GPU-H100SXM-OD&norm=per_char`);
    await page.locator("#compare-chart canvas").first().waitFor();
    expect(await page.locator(".u-legend").textContent()).toContain("USD/1M Chinese chars");
    expect(await page.locator("main ul.small").textContent()).toContain("GPU-H100SXM-OD not shown");
    await page.getByRole("button", { name: "USD vs CNY per character" }).click();
    await page.waitForURL(/norm=per_char/);
    expect(decodeURIComponent(page.url())).toContain("TOK-GLM52-BLEND-USD,TOK-GLM52-BLEND-CNY-LIST");
    await page.locator("main ul.small li").first().waitFor();
    expect(await page.locator("main ul.small").textContent()).toContain("TOK-GLM52-BLEND-CNY-LIST not shown: no tokens-per-character ratio for tokenizer glm");
    await page.goto(`${base}/sources`);
    await page.locator('tr[data-source="openrouter"]').waitFor();
    expect(await page.locator('tr[data-source="openrouter"]').textContent()).toContain("HTTP 503");
    // Lambda last succeeded a day before the fixture's clock: four 6-hourly runs have passed since, so it is stale.
    expect(await page.locator('tr[data-source="skypilot-lambda"] [data-field="age"]').textContent()).toBe("23 h 59 min ago stale");
  });

  it("serves /docs where a call can be tried", async () => {
    await page.goto(`${base}/docs`);
    const op = page.locator("#operations-indices-listIndices");
    await op.waitFor();
    await op.locator(".opblock-summary").click();
    const tryOut = op.locator("button.try-out__btn");
    if ((await tryOut.count()) > 0 && (await tryOut.textContent())?.includes("Try it out")) await tryOut.click();
    await op.locator("button.execute").click();
    const status = op.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe("200");
    await page.screenshot({ path: join(SHOTS, "dashboard-docs.png"), fullPage: false });
  });

  it("lists the contracts with their terms and a month's settlement, lifecycle fields shown when the API sends them", async () => {
    // The settlement lifecycle fields (state, coverage, final, restatements after the freeze) as the API will send them for one series.
    await page.route("**/v1/indices/GPU-B200-OD/settlement?month=2026-07", (r) =>
      r.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ indexCode: "GPU-B200-OD", month: "2026-07", value: "3.1234", state: "final", coverage: { share: "0.9355" }, computedDays: 29, calendarDays: 31, carriedDays: 2, final: { value: "3.1234", cutoff: "2026-08-04T16:00:00.000Z", publishedAt: "2026-08-04T16:00:02.000Z" }, restatementsAfterFreeze: [{ fixingDate: "2026-07-30", oldValue: "3.10", newValue: "3.20", reason: "late input" }], used: [], skipped: [] }),
      }),
    );
    await page.goto(`${base}/contracts`);
    const h100 = page.locator('tr[data-contract="GPU-H100SXM-OD"]');
    await h100.waitFor();
    expect(await page.locator("tr[data-contract]").count()).toBe(9);
    expect(await page.locator("#contract-month").inputValue()).toBe("2026-07");
    expect(await h100.textContent()).toContain("1000 x GPU-hour");
    expect(await h100.textContent()).toContain("settles from 2026-12");
    expect(await h100.locator('[data-field="value"]').textContent()).toMatch(/^\d+\.\d{4}$/);
    expect(await h100.locator('[data-field="state"]').textContent()).toMatch(/^(provisional|complete|shadow|due|final)$/);
    const b200 = page.locator('tr[data-contract="GPU-B200-OD"]');
    expect(await b200.locator('[data-field="state"]').textContent()).toBe("final");
    expect(await b200.locator('[data-field="coverage"]').textContent()).toBe("29 of 31 computed (0.9355)");
    expect(await b200.locator('[data-field="carried"]').textContent()).toBe("2");
    expect(await b200.locator('[data-field="final"]').textContent()).toBe("3.1234 at 2026-08-04 16:00 UTC");
    expect(await b200.locator('[data-field="restatements"]').textContent()).toBe("1");
    expect(await page.locator('[data-rule="coverage"]').textContent()).toContain("at least 80%");
    const conflicts = page.locator('tr[data-contract="TOK-GLM52-BLEND-CNY-LIST"] .contract-note a');
    expect(await conflicts.getAttribute("href")).toBe("/methodology/governance/conflicts-of-interest.md");
    expect((await page.request.get(`${base}/methodology/governance/conflicts-of-interest.md`)).status()).toBe(200);
    expect(await page.locator('[data-rule="fallback"]').textContent()).toContain("the last computed fixing of the contract month");
    await page.screenshot({ path: join(SHOTS, "dashboard-contracts.png"), fullPage: true });
    await page.unroute("**/v1/indices/GPU-B200-OD/settlement?month=2026-07");

    // The stored finals of a contract, as the settlement lifecycle API serves them.
    await page.route("**/v1/contracts/GPU-H100SXM-OD/settlements", (r) =>
      r.fulfill({
        contentType: "application/json",
        body: JSON.stringify({ contract: "GPU-H100SXM-OD", count: 1, nextCursor: null, data: [{ month: "2026-06", value: "2.4940", method: "mean", basis: "mean of 30 days", coverage: { computedDays: 30, calendarDays: 30, share: "1.0000" }, cutoff: "2026-07-02T16:00:00.000Z", revision: 1, hash: "ab".repeat(32) }] }),
      }),
    );
    await h100.locator("a.code").click();
    await page.waitForURL(`${base}/contracts/GPU-H100SXM-OD`);
    await page.locator('tr[data-month="2026-08"]').waitFor();
    expect(await page.locator("tr[data-month]").count()).toBe(7);
    expect(await page.locator("table.facts").textContent()).toContain("first settleable month 2026-12");
    expect(await page.locator('tr[data-month="2026-07"] [data-field="value"]').textContent()).toMatch(/^\d+\.\d{4}$/);
    expect(await page.locator('tr[data-final="2026-06"]').textContent()).toBe("2026-062.4940mean30 of 30 computed (1.0000)2026-07-02 16:00 UTC1abababababab…");
    await page.screenshot({ path: join(SHOTS, "dashboard-contract.png"), fullPage: true });
    await page.unroute("**/v1/contracts/GPU-H100SXM-OD/settlements");
    await page.goto(`${base}/index/GPU-H100SXM-OD`);
    await page.locator("#contract-link").waitFor();
    expect(await page.locator("#contract-link").textContent()).toBe("contract (shadow)");
    await page.goto(`${base}/index/GPU-H100PCIE-OD`);
    await page.locator("#latest-value").waitFor();
    expect(await page.locator("#contract-link").count()).toBe(0);
  });

  it("shows the restatement register with old and new value and the reason, filtered by index", async () => {
    await page.click('a[data-nav="restatements"]');
    const row = page.locator("table.restatements tbody tr").first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain("GPU-H100PCIE-OD");
    expect(text).toContain("2.1234");
    expect(text).toContain("late input from a provider");
    await page.screenshot({ path: join(SHOTS, "dashboard-restatements.png"), fullPage: true });
    await page.fill("#restatement-index", "GPU-B200-OD");
    await page.press("#restatement-index", "Enter");
    await page.waitForURL(/index=GPU-B200-OD/);
    await page.locator("#no-restatements").waitFor();
  });

  it("shows the restatement register: the replaced value beside the new one, filterable, with a CSV link", async () => {
    await page.goto(`${base}/restatements`);
    const row = page.locator("tr[data-restatement]");
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("GPU-H100PCIE-OD");
    expect(await row.locator('[data-field="new"]').textContent()).toBe("2.1234");
    expect(await row.locator('[data-field="reason"]').textContent()).toBe("late input from a provider");
    expect(await page.locator('a[href^="/v1/restatements?"]').getAttribute("href")).toBe("/v1/restatements?format=csv");
    await page.goto(`${base}/restatements?index=GPU-H100SXM-OD`);
    await page.locator("#no-restatements").waitFor();
    expect(await page.locator('input[name="index"]').inputValue()).toBe("GPU-H100SXM-OD");
  });

  it("before a series' first live value: a waiting badge on the board, the fixing time and sources on its page", async () => {
    await store.setMeta("first_live_start", "2026-08-01T12:00:00.000Z");
    // The board's earlier answers sit in the browser's HTTP cache (max-age): this view must come from the server.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(`${base}/`);
    const row = page.locator('tr[data-code="GPU-MI300X-OD"]');
    await expect.poll(() => row.locator(".status-waiting").count()).toBe(1);
    expect(await row.locator("td.waiting").getAttribute("title")).toMatch(/^first live fixing 2026-08-01 16:00 UTC · waiting on /);
    await page.goto(`${base}/index/GPU-H100SXM-OD`);
    await page.locator("#waiting").waitFor();
    expect(await page.locator("#waiting").innerText()).toMatch(/Waiting for its first live fixing: first live fixing 2026-08-01 16:00 UTC/);
    expect(await page.locator(".legend").innerText()).toMatch(/Dashed line: the first live fixing/);
  });

  it("needed no network beyond the local server and threw no script errors", () => {
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
