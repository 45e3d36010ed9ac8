// What every replay run must show, short or long: live fixings from live captures, faults visible, `cpi verify` exact.
import { expect } from "vitest";
import { addDays } from "../../src/jobs/fix.ts";
import { csvRecords } from "../../src/sources/csv.ts";
import { loadMethodologySet } from "../../src/jobs/methodologies.ts";
import { versionForLiveFixing } from "../../src/index/versions.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { collectionScope } from "../../src/jobs/collect.ts";
import { openrouterVolume } from "../../src/sources/token/openrouter-volume.ts";
import { OPERATOR_TOKEN, PROXIED_HOST, type ReplayRun } from "./harness.ts";
import { NEW_GPU } from "./world.ts";

interface FixingRow {
  fixingDate: string;
  status: string;
  value: string | null;
  calculation?: string;
  providerCount: number;
  note: string | null;
}

export async function getJson<T>(run: ReplayRun, path: string, auth = false): Promise<T> {
  const res = await fetch(`${run.url}${path}`, auth ? { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } } : {});
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

export async function fixings(run: ReplayRun, code: string, from: string, to: string): Promise<FixingRow[]> {
  return (await getJson<{ data: FixingRow[] }>(run, `/v1/indices/${code}/fixings?from=${from}&to=${to}&limit=1000`)).data;
}

/** Live fixings on every simulated day for every index, none before the first live start, prices moving. */
export async function checkLiveFixings(run: ReplayRun, firstDay: string, lastDay: string): Promise<number> {
  const { data } = await getJson<{ data: { code: string }[] }>(run, "/v1/indices");
  // Series of working definitions not yet in an archived version (a release in preparation) are not fixed live.
  const inForce = new Set(versionForLiveFixing(loadMethodologySet(), firstDay)!.methodology.indices.map((d) => d.code));
  let live = 0;
  for (const { code } of data.filter((d) => inForce.has(d.code))) {
    const rows = await fixings(run, code, addDays(firstDay, -15), lastDay);
    const liveRows = rows.filter((f) => f.calculation !== "back-calculated" && f.status !== "back-calculated");
    // The install went live at the simulated start: nothing before it is a live publication.
    expect(liveRows.every((f) => f.fixingDate >= firstDay), code).toBe(true);
    const days = new Set(liveRows.map((f) => f.fixingDate));
    for (let d = firstDay; d <= lastDay; d = addDays(d, 1)) expect(days.has(d), `${code} ${d}`).toBe(true);
    expect(liveRows.every((f) => f.status === "final" || f.status === "fallback"), code).toBe(true);
    live += liveRows.length;
  }
  const h100 = (await fixings(run, "GPU-H100SXM-OD", firstDay, lastDay)).map((f) => f.value);
  expect(h100.every((v) => v !== null)).toBe(true);
  if (lastDay > firstDay) expect(new Set(h100).size).toBeGreaterThan(1); // prices moved, so did the fixing
  return live;
}

/** Every request reached the replayed internet through the mirror; the proxied source went through the proxy only. */
export function checkTransport(run: ReplayRun): void {
  const reqs = run.internet.requests;
  expect(reqs.filter((r) => r.status === 404)).toEqual([]);
  expect(reqs.every((r) => r.simulatedTime !== null)).toBe(true);
  const proxied = reqs.filter((r) => r.host === PROXIED_HOST);
  expect(proxied.length).toBeGreaterThan(0);
  expect(proxied.every((r) => r.key.startsWith("console.vast.ai/"))).toBe(true);
  expect(reqs.filter((r) => r.key.startsWith("console.vast.ai/")).every((r) => r.host === PROXIED_HOST)).toBe(true);
  expect(run.proxy.connects.every((c) => c.target === `${PROXIED_HOST}:80`)).toBe(true);
  // Multi-request sources: Azure followed NextPageLink, AWS asked for every region, OpenRouter for every model's endpoints and stats.
  const keys = new Set(reqs.map((r) => r.key.split("?")[0]!.replace(/\/current\/[a-z0-9-]+\//, "/current/R/")));
  expect(reqs.some((r) => r.key.includes("$skip=6"))).toBe(true);
  expect(reqs.filter((r) => r.key.includes("AmazonEC2/current/") && r.day === 0).map((r) => r.key).length).toBeGreaterThanOrEqual(7);
  expect([...keys].filter((k) => k.endsWith("/endpoints")).length).toBe(8);
  // The stats requests follow from the definitions: one per model weighed by volume (src/index/token2/volume.ts).
  const statsModels = openrouterVolume.requests(null, collectionScope(loadMethodology())).length;
  expect(new Set(reqs.filter((r) => r.key.includes("effective-pricing")).map((r) => r.key)).size).toBe(statsModels);
  // Unchanged pages were revalidated (304) and observed again from the stored bytes.
  expect(reqs.filter((r) => r.status === 304).length).toBeGreaterThan(0);
}

/** The faults: source health, anomalies, the unmapped queue and the fixings' gates and fallbacks. */
export async function checkFaults(run: ReplayRun, day1: string, day2: string): Promise<void> {
  const anomalies = (await getJson<{ data: { sourceId: string; at: string; kind: string; message: string }[] }>(run, "/v1/operator/anomalies?limit=1000", true)).data;
  const on = (source: string, day: string) => anomalies.filter((a) => a.sourceId === source && a.at.startsWith(day));
  // A source down for a day: every run that day failed, with the status in the message.
  expect(on("huggingface", day1).length).toBe(24);
  expect(on("huggingface", day1)[0]!.message).toMatch(/503/);
  expect(on("huggingface", day2).length).toBe(0);
  // A truncated page: Azure's second page did not parse; the chain stopped there, the first page's prices were kept.
  expect(on("azure", day1).map((a) => a.message).join(" ")).toMatch(/capture \d+ .*\$skip=3.*(JSON|truncated|Unexpected)/i);
  // A response that changed shape: DeepInfra's new envelope is refused, not guessed at.
  expect(on("deepinfra", day2).length).toBeGreaterThan(0);
  expect(on("deepinfra", day2)[0]!.message).toMatch(/expected a JSON array of DeepInfra models/);
  const sources = (await getJson<{ data: { id: string; health: string; lastError: string | null }[] }>(run, "/v1/sources")).data;
  const health = Object.fromEntries(sources.map((s) => [s.id, s.health]));
  expect(health).toMatchObject({ deepinfra: "error", huggingface: "healthy", azure: "healthy", openrouter: "healthy", vastai: "healthy", aws: "healthy" });
  // A product nobody has seen: in the unmapped queue (and only it), never in a fixing.
  const unmapped = (await getJson<{ data: { source: string; rawName: string; reason: string | null; lastSeen: string }[] }>(run, "/v1/unmapped")).data;
  expect(unmapped.map((u) => [u.source, u.rawName])).toEqual([["skypilot", `gpu_1x_gh300 | ${NEW_GPU}`]]);
  expect(unmapped[0]!.lastSeen.slice(0, 10) >= day2).toBe(true);
  // Gates and fallbacks: GLM-5.2 is priced by the Hugging Face router only; the day it was down the index carried its prior.
  const glm = await fixings(run, "TOK-GLM52-BLEND-USD", addDays(day1, -1), day2);
  expect(glm.map((f) => f.status)).toEqual(["final", "fallback", "final"]);
  expect(glm[1]!.value).toBe(glm[0]!.value);
  expect(glm[1]!.note).toMatch(/insufficient|carried|prior/i);
  // Without page 2 Azure still priced its H100s (page 1): the hyperscaler H100 index kept four providers.
  const hyp = await fixings(run, "GPU-H100SXM-OD-HYP", day1, day1);
  expect(hyp[0]!.status).toBe("final");
}

/** `cpi verify` on the stopped publisher's database: every fixing recomputed exactly from the stored bytes. */
export async function checkVerify(run: ReplayRun): Promise<{ recomputed: number; captures: number }> {
  expect(await run.stop()).toBe(0);
  const verify = await run.cli(["verify"]);
  expect(verify.out).toMatch(/^OK: .* 0 problems$/m);
  expect(verify.code).toBe(0);
  const m = /(\d+) fixings chain-checked, (\d+) recomputed, (\d+) captures re-hashed/.exec(verify.out)!;
  expect(Number(m[2])).toBe(Number(m[1]));
  return { recomputed: Number(m[2]), captures: Number(m[3]) };
}

interface LiveView {
  code: string;
  latest: { fixingDate: string; status: string; calculation?: string } | null;
  live: {
    firstLiveStart: string | null;
    liveSince: string | null;
    backCalculatedUntil: string | null;
    waiting: { nextFixingTime: string | null; sources: { id: string; enabled: boolean; priced: boolean; nextRunAt: string | null }[] } | null;
  };
}

async function board(run: ReplayRun): Promise<Map<string, LiveView>> {
  return new Map((await getJson<{ data: LiveView[] }>(run, "/v1/indices")).data.map((r) => [r.code, r]));
}

/** Before the first fixing time of a fresh install: every series says what it waits for, none shows a "0 providers" fallback. */
export async function checkWaiting(run: ReplayRun, start: string, firstDay: string): Promise<void> {
  const rows = await board(run);
  for (const r of rows.values()) {
    expect(r.live.firstLiveStart, r.code).toBe(new Date(start).toISOString());
    expect(r.live.waiting, r.code).not.toBeNull();
    if (r.code.endsWith("-CNY-LIST")) continue; // 16:00 Shanghai (08:00 UTC) has passed: its first fixing found no CNY list
    expect(r.live.liveSince, r.code).toBeNull();
    expect(r.latest === null || r.latest.calculation === "back-calculated", r.code).toBe(true);
    expect(r.live.waiting!.nextFixingTime, r.code).toBe(`${firstDay}T16:00:00.000Z`);
  }
  const h100 = rows.get("GPU-H100SXM-OD")!;
  expect(h100.live.backCalculatedUntil).toBe(addDays(firstDay, -1));
  const feeding = h100.live.waiting!.sources.filter((s) => s.priced).map((s) => s.id).sort();
  expect(feeding).toEqual(["aws", "azure", "skypilot", "vastai"]);
  expect(h100.live.waiting!.sources.every((s) => s.enabled && s.nextRunAt !== null)).toBe(true);
  // GLM-5.2 is priced by one source only: that is what it waits on.
  expect(rows.get("TOK-GLM52-BLEND-USD")!.live.waiting!.sources.map((s) => s.id)).toEqual(["huggingface"]);
  // Nothing priced a CNY list yet: every token source is listed, the manual one as disabled.
  const cny = rows.get("TOK-QWEN37PLUS-BLEND-CNY-LIST")!.live.waiting!;
  expect(cny.nextFixingTime).toBe(`${addDays(firstDay, 1)}T08:00:00.000Z`);
  expect(cny.sources.find((s) => s.id === "china-cny")).toMatchObject({ enabled: false, nextRunAt: null, priced: false });
  const csv = await (await fetch(`${run.url}/v1/indices?format=csv`)).text();
  expect(csv.split("\r\n")[0]).toMatch(/,back_calculated_until,live_since,waiting_next_fixing_time$/);
  const health = await getJson<{ status: string; stale: string[]; sources: { id: string; enabled: boolean; stale: boolean; ageSeconds: number | null }[] }>(run, "/v1/health");
  expect(health.stale).toEqual([]);
  expect(health.sources.filter((s) => s.enabled).every((s) => s.ageSeconds !== null && !s.stale)).toBe(true);
}

/** After the first live fixing: the boundary in the API (liveSince, backCalculatedUntil) and the CSV (calculation). */
export async function checkBoundary(run: ReplayRun, firstDay: string): Promise<void> {
  const h100 = (await board(run)).get("GPU-H100SXM-OD")!;
  expect(h100.live).toMatchObject({ liveSince: firstDay, backCalculatedUntil: addDays(firstDay, -1), waiting: null });
  const csv = await (await fetch(`${run.url}/v1/indices/GPU-H100SXM-OD/fixings?format=csv&from=${addDays(firstDay, -2)}&to=${addDays(firstDay, 1)}`)).text();
  expect(csvRecords(csv).map((x) => x.r.calculation)).toEqual(["back-calculated", "back-calculated", "live", "live"]);
  // The CNY lists are never collected (a manual source): those series still wait, saying why.
  expect((await board(run)).get("TOK-GLM52-BLEND-CNY-LIST")!.live.waiting).not.toBeNull();
}

/** Freshness on /v1/health: a source refusing its new shape since the day began is stale, the rest fresh. */
export async function checkFreshness(run: ReplayRun): Promise<void> {
  const health = await getJson<{ status: string; stale: string[]; sources: { id: string; health: string; stale: boolean; ageSeconds: number | null }[] }>(run, "/v1/health");
  expect(health.stale).toEqual(["deepinfra"]);
  expect(health.status).toBe("degraded");
  const by = Object.fromEntries(health.sources.map((s) => [s.id, s]));
  expect(by.deepinfra).toMatchObject({ health: "error", stale: true });
  expect(by.openrouter!.ageSeconds).toBeLessThanOrEqual(3600);
  expect(by.huggingface).toMatchObject({ health: "healthy", stale: false });
}

/** What the operator watches: a JSON line per collection and per fixing, and the freshness gauges on /metrics. */
export async function checkOperatorView(run: ReplayRun, firstDay: string, lastDay: string): Promise<void> {
  const collections = run.logs.filter((l) => l.event === "collection");
  const enabled = ["openrouter", "openrouter-endpoints", "openrouter-volume", "litellm", "genai-prices", "deepinfra", "huggingface", "llm-prices", "skypilot", "azure", "aws", "vastai", "ecb"];
  expect(new Set(collections.map((l) => l.source))).toEqual(new Set(enabled));
  for (const l of collections) expect(l, String(l.source)).toMatchObject({ pages: expect.any(Number), bytes: expect.any(Number), quotes: expect.any(Number), observations: expect.any(Number), fetchMs: expect.any(Number) });
  const fixingLines = run.logs.filter((l) => l.event === "fixing" && l.published === true && String(l.date) >= firstDay && String(l.date) <= lastDay);
  expect(fixingLines.length).toBeGreaterThanOrEqual(49 * 3);
  const h100 = fixingLines.find((l) => l.index === "GPU-H100SXM-OD" && l.date === lastDay)!;
  expect(h100).toMatchObject({ status: "final", calculation: "live", providers: expect.any(Number), inputAgeSeconds: expect.any(Number) });
  expect(h100.inputAgeSeconds as number).toBeLessThan(24 * 3600);
  const metrics = await (await fetch(`${run.url}/metrics`)).text();
  for (const id of enabled) expect(metrics).toMatch(new RegExp(`^cpi_source_age_seconds\\{source="${id}"\\} \\d+$`, "m"));
  expect(metrics).toMatch(/^cpi_index_input_age_seconds\{index="GPU-H100SXM-OD"\} \d+$/m);
}
