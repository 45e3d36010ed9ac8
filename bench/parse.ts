// Bench 1: parsing and normalizing captures (MB/s) against a bare JSON.parse / bare CSV split of the same bytes.
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import type { CaptureInput } from "../src/schemas/capture.ts";
import type { SourceDef } from "../src/sources/types.ts";
import { generateOpenRouterModels } from "./generate/openrouter.ts";
import { generateSkypilotCsv, SKYPILOT_URL } from "./generate/skypilot.ts";
import { generateVastOffers, VAST_URL } from "./generate/vast.ts";
import { awsPriceListChunks } from "./generate/aws.ts";
import { deriveSeed } from "./generate/prng.ts";
import { absolute, figure, mb, medianSeconds, since, tryImport, type BenchContext, type BenchResult, type Figure } from "./harness.ts";
import { runChild } from "./proc.ts";
import { parseAndNormalize } from "./pipeline.ts";

const FETCHED_AT = "2026-11-20T12:00:00.000Z";

function capture(sourceId: string, url: string, bytes: Uint8Array): CaptureInput {
  return { sourceId, url, fetchedAt: FETCHED_AT, contentType: null, bytes };
}

/** The bare limit for CSV: decode, split lines, split cells on commas (no quoting rules). */
export function bareCsvSplit(bytes: Uint8Array): number {
  let cells = 0;
  for (const line of new TextDecoder().decode(bytes).split("\n")) cells += line.split(",").length;
  return cells;
}

async function inMemoryCase(ctx: BenchContext, name: string, source: SourceDef | string, input: CaptureInput, baseline: "json" | "csv"): Promise<{ figures: Figure[]; note: string }> {
  const size = `${mb(input.bytes.length).toFixed(1)} MB`;
  const minSeconds = ctx.quick ? 0.2 : 1.5;
  const bare = baseline === "json" ? () => JSON.parse(new TextDecoder().decode(input.bytes)) : () => bareCsvSplit(input.bytes);
  const baseSeconds = await medianSeconds(bare, { minSeconds });
  const label = baseline === "json" ? "bare JSON.parse" : "bare CSV split";
  if (typeof source === "string") {
    return { figures: [figure({ measure: `${name} (${size})`, value: null, unit: "MB/s", baseline: mb(input.bytes.length) / baseSeconds, baselineLabel: label, higherIsBetter: true, maxSlowdown: 3, work: { count: 0, unit: "quotes" }, note: `parser unavailable: ${source}` })], note: `${name}: parser unavailable: ${source}` };
  }
  const first = await parseAndNormalize(source, input);
  const ours = await medianSeconds(() => parseAndNormalize(source, input), { minSeconds, minReps: 2 });
  const f = figure({ measure: `${name} (${size})`, value: mb(input.bytes.length) / ours, unit: "MB/s", baseline: mb(input.bytes.length) / baseSeconds, baselineLabel: label, higherIsBetter: true, maxSlowdown: 3, work: { count: first.quotes, unit: "quotes" }, ...(first.normalizeError ? { note: `parse only: ${first.normalizeError}` } : {}) });
  return { figures: [f], note: `${name}: ${size}, ${first.quotes} quotes -> ${first.observations} observations, ${first.skipped} skipped${first.normalizeError ? ` (normalize unavailable: ${first.normalizeError})` : ""}` };
}

async function writeAws(path: string, seed: number, targetBytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of awsPriceListChunks({ seed, targetBytes })) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

interface AwsRun { bytesIn: number; keptBytes: number; streamPeakRssKB: number; quotes: number; observations: number; seconds: number; normalizeError: string | null }

async function awsCase(ctx: BenchContext): Promise<{ figures: Figure[]; notes: string[] }> {
  const { awsBytes } = ctx.sizes;
  const small = Math.round(awsBytes / 10);
  const big = join(ctx.tmp, "aws-index.csv");
  const little = join(ctx.tmp, "aws-index-small.csv");
  const t0 = process.hrtime.bigint();
  await writeAws(big, deriveSeed(ctx.seed, "aws"), awsBytes);
  await writeAws(little, deriveSeed(ctx.seed, "aws"), small);
  ctx.log(`  generated AWS price lists (${mb(awsBytes).toFixed(0)} MB + ${mb(small).toFixed(0)} MB) in ${since(t0).toFixed(1)} s`);
  const ours = await runChild<AwsRun>("aws-stream", { path: big });
  const oursSmall = await runChild<AwsRun>("aws-stream", { path: little });
  const base = await runChild<{ seconds: number; bytesIn: number }>("aws-baseline", { path: big });
  const r = ours.result;
  const rate = mb(r.bytesIn) / r.seconds;
  const baseRate = mb(base.result.bytesIn) / base.result.seconds;
  const streamRss = r.streamPeakRssKB / 1024;
  const streamRssSmall = oursSmall.result.streamPeakRssKB / 1024;
  return {
    figures: [
      figure({ measure: `AWS price list streamed (${mb(r.bytesIn).toFixed(0)} MB)`, value: rate, unit: "MB/s", baseline: baseRate, baselineLabel: "bare CSV split, streamed", higherIsBetter: true, maxSlowdown: 3, work: { count: r.quotes, unit: "quotes" } }),
      absolute({ measure: `AWS peak RSS while streaming (${mb(r.bytesIn).toFixed(0)} MB file)`, value: streamRss, unit: "MB", baseline: base.peakRssMB, baselineLabel: "bare split RSS", work: { count: r.bytesIn, unit: "bytes streamed" }, max: streamRssSmall * 1.5, target: `constant: <= 1.5x RSS at 1/10 size (${streamRssSmall.toFixed(0)} MB)`, note: `x${(streamRss / streamRssSmall).toFixed(2)} for 10x the bytes` }),
      absolute({ measure: "AWS peak RSS incl. parsing the kept GPU rows", value: ours.peakRssMB, unit: "MB", work: { count: r.keptBytes, unit: "bytes kept" }, note: `${mb(r.keptBytes).toFixed(1)} MB kept; 1/10 size: ${oursSmall.peakRssMB.toFixed(0)} MB` }),
    ],
    notes: [`AWS: ${mb(r.bytesIn).toFixed(0)} MB, ${mb(r.keptBytes).toFixed(1)} MB of GPU rows kept by the stream filter, ${r.quotes} quotes -> ${r.observations} observations; peak RSS ${ours.peakRssMB.toFixed(0)} MB (1/10 size: ${oursSmall.peakRssMB.toFixed(0)} MB)${r.normalizeError ? `; normalize unavailable: ${r.normalizeError}` : ""}`],
  };
}

export async function runParse(ctx: BenchContext): Promise<BenchResult> {
  const t0 = process.hrtime.bigint();
  const s = ctx.sizes;
  const load = async (id: string, get: () => Promise<SourceDef>) => tryImport(get).then((m) => (typeof m === "string" ? `${id}: ${m}` : m));
  const openrouter = await load("openrouter", async () => (await import("../src/sources/token/openrouter.ts")).openrouter);
  const skypilot = await load("skypilot", async () => (await import("../src/sources/gpu/skypilot.ts")).skypilot);
  const vastai = await load("vastai", async () => (await import("../src/sources/gpu/vastai.ts")).vastai);
  const cases = [
    await inMemoryCase(ctx, `OpenRouter models, ${s.openrouterModels} models`, openrouter, capture("openrouter", "https://openrouter.ai/api/v1/models", generateOpenRouterModels({ seed: deriveSeed(ctx.seed, "openrouter"), models: s.openrouterModels })), "json"),
    await inMemoryCase(ctx, `SkyPilot vms.csv, ${s.skypilotRows} rows`, skypilot, capture("skypilot", SKYPILOT_URL, generateSkypilotCsv({ seed: deriveSeed(ctx.seed, "skypilot"), rows: s.skypilotRows })), "csv"),
    await inMemoryCase(ctx, `Vast.ai marketplace, ${s.vastOffers} offers`, vastai, capture("vastai", VAST_URL, generateVastOffers({ seed: deriveSeed(ctx.seed, "vast"), offers: s.vastOffers })), "json"),
  ];
  const aws = await awsCase(ctx);
  return {
    id: "parse",
    title: "Parsing and normalizing captures",
    data: `OpenRouter {"data":[...]} of ${s.openrouterModels} models; SkyPilot v8 aws vms.csv of ${s.skypilotRows} rows (15% GPU); Vast.ai {"offers":[...]} of ${s.vastOffers} offers; AWS EC2 price list CSV of ${mb(s.awsBytes).toFixed(0)} MB (3% GPU rows) streamed from disk`,
    figures: [...cases.flatMap((c) => c.figures), ...aws.figures],
    notes: [...cases.map((c) => c.note), ...aws.notes, "ours = production ingest path: safeParse (parser + quote re-validation) then normalizeQuote per quote; median of repeated runs"],
    seconds: since(t0),
  };
}
