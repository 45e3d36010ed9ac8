// Small readers that pull GPU name fields out of every GPU-hour capture format, for the classifier conformance suite.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import type { GpuDescriptor } from "../../src/normalize/hardware/index.ts";

export interface NamedRow {
  /** Rows carrying the same descriptor are counted once each. */
  weight: number;
  descriptor: GpuDescriptor;
}

type Row = Record<string, string>;

function csvRows(path: string): Row[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}

function json(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function str(x: unknown): string | null {
  return typeof x === "string" && x.trim() !== "" ? x : null;
}

function num(x: unknown): number | null {
  const n = typeof x === "number" ? x : typeof x === "string" ? Number(x) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Collapse identical descriptors so each distinct name is classified once and weighted by its rows. */
function grouped(descriptors: GpuDescriptor[]): NamedRow[] {
  const byKey = new Map<string, NamedRow>();
  for (const d of descriptors) {
    const key = JSON.stringify(d);
    const prior = byKey.get(key);
    if (prior) prior.weight += 1;
    else byKey.set(key, { weight: 1, descriptor: d });
  }
  return [...byKey.values()];
}

/** skypilot/v8_lambda_us-east-1.csv -> lambda; v0_gcp_2022-01-08.csv -> gcp. */
export function skypilot(path: string): NamedRow[] {
  const cloud = /^v\d+_([a-z]+)/.exec(basename(path))?.[1] ?? "unknown";
  return grouped(
    csvRows(path).map((r) => ({
      provider: cloud,
      source: "skypilot",
      sku: str(r.InstanceType),
      gpuName: str(r.AcceleratorName),
      gpuInfo: str(r.GpuInfo),
      gpuCount: num(r.AcceleratorCount),
    })),
  );
}

export function azureReshaped(path: string): NamedRow[] {
  const items = json(path) as { skuName?: string; productName?: string }[];
  return grouped(items.map((i) => ({ provider: "azure", sku: str(i.skuName), gpuName: str(i.productName) })));
}

export function gcpBilling(path: string): NamedRow[] {
  const items = json(path) as { description?: string }[];
  return grouped(items.map((i) => ({ provider: "gcp", gpuName: str(i.description) })));
}

export function runpodGpuTypes(path: string): NamedRow[] {
  const items = json(path) as { id?: string; displayName?: string; memoryInGb?: number }[];
  return grouped(
    items.map((i) => ({ provider: "runpod", gpuName: str(i.id), gpuInfo: str(i.displayName), gpuMemoryGiB: num(i.memoryInGb) })),
  );
}

export function curatedOffers(path: string): NamedRow[] {
  const items = json(path) as { provider_id?: string; gpu_model?: string; vram_gb?: number; interconnect?: string | null }[];
  return grouped(
    items.map((i) => ({
      provider: str(i.provider_id),
      gpuName: str(i.gpu_model),
      gpuInfo: i.interconnect ? `interconnect ${i.interconnect}` : null,
      gpuMemoryGiB: num(i.vram_gb),
    })),
  );
}

export function dailyObservations(path: string): NamedRow[] {
  return grouped(csvRows(path).map((r) => ({ provider: str(r.provider), gpuName: str(r.gpu_model) })));
}

export function multiTier(path: string): NamedRow[] {
  return grouped(csvRows(path).map((r) => ({ provider: str(r.provider), gpuName: str(r.gpu_type) })));
}

/** primeintellect_30min_*: the file name is the GPU type (H100_80GB_SXM5.jsonl). */
export function primeIntellectFiles(paths: string[]): NamedRow[] {
  return grouped(paths.map((p) => ({ provider: "primeintellect", gpuName: basename(p, ".jsonl") })));
}

export function awsP5(path: string): NamedRow[] {
  return grouped(csvRows(path).map((r) => ({ provider: "aws", sku: str(r.instance) })));
}
