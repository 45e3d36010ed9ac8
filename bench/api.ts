// Bench 4: API throughput and latency at 50 connections (load from a separate process) against a hello-world route.
import { join } from "node:path";
import { absolute, figure, since, type BenchContext, type BenchResult, type Figure } from "./harness.ts";
import { startChild } from "./proc.ts";
import { loadTest, type LoadResult } from "./load.ts";
import { fixedHistoryDb } from "./fixings.ts";

const CODE = "GPU-H100SXM-OD";

async function firstOk(base: string, paths: string[]): Promise<{ path: string; bytes: number } | { error: string }> {
  const seen: string[] = [];
  for (const path of paths) {
    const res = await fetch(base + path);
    const body = await res.arrayBuffer();
    if (res.ok) return { path, bytes: body.byteLength };
    seen.push(`${path} -> ${res.status}`);
  }
  return { error: `route unavailable (${seen.join("; ")})` };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function measure(url: string, s: { apiSeconds: number; apiConnections: number }): Promise<LoadResult> {
  await loadTest(url, s.apiConnections, Math.max(1, Math.round(s.apiSeconds / 4)));
  return loadTest(url, s.apiConnections, s.apiSeconds);
}

export async function runApi(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const s = ctx.sizes;
  const db = await fixedHistoryDb(ctx);
  const server = await startChild("serve", { db: db.path, keysDir: join(ctx.tmp, "keys") });
  const hello = await startChild("hello", {});
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const index = (await (await fetch(`${server.url}/v1/indices/${CODE}`)).json()) as { latest?: { fixingDate?: string } | null };
    const last = index.latest?.fixingDate ?? s.history.start;
    const year = `from=${addDays(last, -364)}&to=${last}`;
    const routes: [string, string[]][] = [
      ["latest fixing", [`/v1/indices/${CODE}/latest`, `/v1/indices/${CODE}`]],
      ["1y history JSON", [`/v1/indices/${CODE}/fixings?${year}`]],
      ["1y history CSV", [`/v1/indices/${CODE}/fixings?${year}&format=csv`]],
      ["observations page", ["/v1/observations?class=h100-sxm-80gb&limit=500", "/v1/observations?limit=500"]],
    ];
    const base = await measure(`${hello.url}/hello`, s);
    notes.push(`load: ${base.tool}, ${s.apiConnections} connections, ${s.apiSeconds} s per route after a warm-up; servers: the publisher as npm start composes it (schedules off) and a hello-world Hono app on @hono/node-server, each in its own process`);
    figures.push(absolute({ measure: "hello world: req/s", value: base.rps, unit: "req/s", target: "(baseline)", work: { count: base.requests, unit: "requests" } }));
    figures.push(absolute({ measure: "hello world: p50 / p99", value: base.p99Ms, unit: "ms p99", work: { count: base.requests, unit: "requests" }, note: `p50 ${base.p50Ms?.toFixed(2)} ms` }));
    for (const [name, candidates] of routes) {
      const probe = await firstOk(server.url, candidates);
      if ("error" in probe) {
        figures.push(figure({ measure: `${name}: req/s`, value: null, unit: "req/s", baseline: base.rps, baselineLabel: "hello world", higherIsBetter: true, work: { count: 0, unit: "requests" }, note: probe.error }));
        notes.push(`${name}: ${probe.error}`);
        continue;
      }
      const r = await measure(server.url + probe.path, s);
      const isLatest = name === "latest fixing";
      figures.push(figure({ measure: `${name}: req/s`, value: r.rps, unit: "req/s", baseline: base.rps, baselineLabel: "hello world", higherIsBetter: true, work: { count: r.requests - r.errors, unit: "successful requests" }, ...(isLatest ? { maxSlowdown: 1 / 0.6, target: ">= 60% of hello world" } : {}), note: `${(100 * r.rps / base.rps).toFixed(0)}% of hello world` }));
      figures.push(absolute({ measure: `${name}: p99`, value: r.p99Ms, unit: "ms", max: 20, target: "< 20 ms", baseline: base.p99Ms, baselineLabel: "hello world p99", work: { count: r.requests - r.errors, unit: "successful requests" }, note: `p50 ${r.p50Ms?.toFixed(2)} ms` }));
      notes.push(`${name}: GET ${probe.path} (${probe.bytes} bytes), ${r.requests} requests, ${r.errors} errors`);
    }
  } finally {
    const a = await server.stop();
    const b = await hello.stop();
    notes.push(`server peak RSS ${a.peakRssMB?.toFixed(0)} MB, hello-world ${b.peakRssMB?.toFixed(0)} MB`);
  }
  return {
    id: "api",
    title: "Read API under load",
    data: `the back-calculated history (${db.rows} observations, fixings of ${s.history.indices} indices over ${db.shape.days} days); ${s.apiConnections} concurrent connections`,
    figures,
    notes,
    seconds: since(t0),
  };
}
