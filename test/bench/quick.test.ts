// The bench plumbing end to end on tiny sizes: options, every bench's result shape, the results JSON. No timing asserted.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseRunArgs, runBench } from "../../bench/run.ts";
import { parseWrk, wrkDuration } from "../../bench/load.ts";
import { absolute, figure } from "../../bench/harness.ts";
import { hasTool } from "../../bench/proc.ts";
import { markdownTable, missedTargets, textTable } from "../../bench/report.ts";

const out = mkdtempSync(join(tmpdir(), "cpi-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("bench options", () => {
  it("parses --quick, --tiny, --only, --seed, --days and rejects unknowns", () => {
    const o = parseRunArgs(["--quick", "--only", "parse,fixings", "--seed", "5", "--days", "3"]);
    expect(o).toMatchObject({ quick: true, tiny: false, only: ["parse", "fixings"], seed: 5, days: 3 });
    expect(parseRunArgs(["--tiny"])).toMatchObject({ quick: true, tiny: true });
    expect(parseRunArgs([]).only).toEqual(["parse", "ingest", "fixings", "api", "export", "startup", "stores"]);
    expect(() => parseRunArgs(["--only", "nope"])).toThrow(/unknown benchmark/);
    expect(() => parseRunArgs(["--fast"])).toThrow(/unknown option/);
    expect(() => parseRunArgs(["--seed", "x"])).toThrow(/integer/);
  });
});

const W = { count: 10, unit: "rows" };

describe("figures", () => {
  it("slowdown runs against the baseline in the unit's direction", () => {
    expect(figure({ measure: "m", value: 50, unit: "MB/s", baseline: 100, baselineLabel: "b", higherIsBetter: true, maxSlowdown: 3, work: W })).toMatchObject({ slowdown: 2, met: true });
    expect(figure({ measure: "m", value: 40, unit: "s", baseline: 10, baselineLabel: "b", higherIsBetter: false, maxSlowdown: 3, work: W })).toMatchObject({ slowdown: 4, met: false });
    expect(figure({ measure: "m", value: 1, unit: "s", baseline: null, baselineLabel: "b", higherIsBetter: false, maxSlowdown: 3, work: W })).toMatchObject({ slowdown: null, met: null });
  });

  it("a figure over zero work is an error, never met, and is listed with the missed targets", () => {
    const f = figure({ measure: "backfill 0 fixings", value: 0.39, unit: "s", baseline: 4.3, baselineLabel: "scan", higherIsBetter: false, maxSlowdown: 3, work: { count: 0, unit: "fixings published" } });
    expect(f).toMatchObject({ met: false, error: "error: measured over 0 fixings published (no work)" });
    const a = absolute({ measure: "p99", value: 1, unit: "ms", max: 20, work: { count: 0, unit: "requests" } });
    expect(a.met).toBe(false);
    const result = { id: "fixings", title: "t", data: "", figures: [f], notes: [], seconds: 1 };
    expect(missedTargets([result])).toEqual(["fixings: backfill 0 fixings: error: measured over 0 fixings published (no work)"]);
    expect(textTable([result])).toContain("ERROR");
  });

  it("reads wrk's output", () => {
    const sample = `Running 2s test @ http://127.0.0.1:1/hello
  1 threads and 50 connections
  Latency Distribution
     50%    1.78ms
     75%    2.01ms
     90%    2.50ms
     99%  850.00us
  54558 requests in 2.00s, 8.22MB read
  Non-2xx or 3xx responses: 3
Requests/sec:  27279.12
Transfer/sec:      4.11MB`;
    expect(parseWrk(sample)).toEqual({ requests: 54558, rps: 27279.12, p50Ms: 1.78, p99Ms: 0.85, errors: 3 });
    expect(wrkDuration("1.02s")).toBe(1020);
  });
});

describe("npm run bench -- --tiny", () => {
  it("runs every data bench end to end and writes the results JSON", { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const opts = { ...parseRunArgs(["--tiny", "--only", "parse,ingest,fixings,export"]), out };
    const { results, path } = await runBench(opts, (l) => lines.push(l));
    expect(results.map((r) => r.id)).toEqual(["parse", "ingest", "fixings", "export"]);
    for (const r of results) {
      expect(r.notes.filter((n) => n.startsWith("failed"))).toEqual([]);
      expect(r.data.length).toBeGreaterThan(0);
      expect(r.figures.length).toBeGreaterThan(0);
      // Quick runs report figures but never judge targets.
      expect(r.figures.every((f) => f.met === null)).toBe(true);
    }
    const parse = results.find((r) => r.id === "parse")!;
    expect(parse.figures.filter((f) => f.unit === "MB/s").every((f) => f.value !== null && f.value > 0)).toBe(true);
    const fixings = results.find((r) => r.id === "fixings")!;
    expect(fixings.data).toMatch(/fixings of 40 indices/);
    const ingest = results.find((r) => r.id === "ingest")!;
    expect(ingest.notes.some((n) => (hasTool("sqlite3") ? /sqlite3 \.import/ : /baseline unavailable: install sqlite3/).test(n))).toBe(true);
    const saved = JSON.parse(readFileSync(path, "utf8")) as { mode: string; results: unknown[] };
    expect(saved.mode).toBe("quick");
    expect(saved.results).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(out, "latest-quick.json"), "utf8"))).toEqual(saved);
    expect(textTable(results)).toContain("parse");
    expect(markdownTable(results).split("\n")[1]).toMatch(/^\| --- \|/);
  });
});
