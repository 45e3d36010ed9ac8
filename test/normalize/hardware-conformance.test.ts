// Conformance: every GPU-hour capture in ../shared/fixtures, classified row by row; coverage per fixture family.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { expect, it } from "vitest";
import { classifyGpu } from "../../src/normalize/hardware/index.ts";
import { describeShared, sharedFiles, sharedPath } from "../helpers/shared.ts";
import * as read from "./hardware-readers.ts";
import type { NamedRow } from "./hardware-readers.ts";

interface Coverage {
  gpuRows: number;
  classified: number;
  notGpuRows: number;
  unclassified: Map<string, { rows: number; reason: string }>;
}

function measure(rows: NamedRow[]): Coverage {
  const cov: Coverage = { gpuRows: 0, classified: 0, notGpuRows: 0, unclassified: new Map() };
  for (const { weight, descriptor } of rows) {
    const c = classifyGpu(descriptor);
    if (c.classified) {
      cov.gpuRows += weight;
      cov.classified += weight;
    } else if (c.notGpu) {
      cov.notGpuRows += weight;
    } else {
      cov.gpuRows += weight;
      const key = `${descriptor.provider ?? "?"}: ${c.rawName}`;
      const prior = cov.unclassified.get(key);
      cov.unclassified.set(key, { rows: (prior?.rows ?? 0) + weight, reason: c.reason });
    }
  }
  return cov;
}

function share(cov: Coverage): number {
  return cov.gpuRows === 0 ? 1 : cov.classified / cov.gpuRows;
}

function report(family: string, cov: Coverage): string {
  const lines = [`${family}: ${(share(cov) * 100).toFixed(1)}% of ${cov.gpuRows} GPU rows classified; ${cov.notGpuRows} non-GPU rows skipped`];
  for (const [name, u] of [...cov.unclassified].sort((a, b) => b[1].rows - a[1].rows)) lines.push(`  ${u.rows} x ${name} -> ${u.reason}`);
  return lines.join("\n");
}

/**
 * Families whose names leave some rows undecidable without guessing, with the floor they must keep.
 * curated_offers: bare "NVIDIA A100"/"NVIDIA H100" from serverless and marketplace providers, NVLink-labelled
 * PCIe/SXM ambiguity (Hyperstack, Thunder), memory-modded cards and contradictory memory (L40 40 GB, B300 180 GB).
 * multi_tier: bare "A100" from Azure, OCI and RunPod, which each sell more than one A100 class.
 */
const FLOOR: Record<string, number> = { curated_offers: 0.9, multi_tier: 0.9 };

function check(family: string, rows: NamedRow[]): void {
  const cov = measure(rows);
  console.info(report(family, cov));
  expect(cov.gpuRows).toBeGreaterThan(0);
  expect(share(cov)).toBeGreaterThanOrEqual(FLOOR[family] ?? 0.95);
}

describeShared("hardware classifier over every GPU-hour capture", () => {
  it("skypilot catalogs (all clouds and versions)", () => {
    check("skypilot", sharedFiles("skypilot", /\.csv$/).flatMap(read.skypilot));
  });
  for (const file of sharedFiles("skypilot", /\.csv$/)) {
    it(`skypilot ${basename(file)} (reported, not gated)`, () => {
      const cov = measure(read.skypilot(file));
      console.info(report(basename(file), cov));
      expect(cov.gpuRows + cov.notGpuRows).toBeGreaterThan(0);
    });
  }
  it("azure retail (reshaped)", () => {
    check("azure_retail", sharedFiles("gpu-apis", /^azure_retail_reshaped.*\.json$/).flatMap(read.azureReshaped));
  });
  it("gcp billing catalog", () => {
    check("gcp_billing", sharedFiles("gpu-apis", /^gcp_billing_catalog.*\.json$/).flatMap(read.gcpBilling));
  });
  it("runpod gpuTypes", () => {
    check("runpod_gpuTypes", sharedFiles("gpu-apis", /^runpod_gpuTypes.*\.json$/).flatMap(read.runpodGpuTypes));
  });
  it("curated offers", () => {
    check("curated_offers", sharedFiles("gpu-apis", /^curated_offers.*\.json$/).flatMap(read.curatedOffers));
  });
  it("daily observations (gpu_model)", () => {
    check("daily_observations", sharedFiles("gpu-history", /^daily_observations.*\.csv$/).flatMap(read.dailyObservations));
  });
  it("multi-tier daily (gpu_type)", () => {
    check("multi_tier", sharedFiles("gpu-history", /^multi_tier_daily.*\.csv$/).flatMap(read.multiTier));
  });
  it("primeintellect snapshots (file names and gpu_type/socket_type)", () => {
    const files = sharedFiles("gpu-history/primeintellect_30min_2025-10-19_to_2025-11-16", /\.jsonl$/);
    const firstLines = files.map((f) => JSON.parse(readFileSync(f, "utf8").split("\n")[0]!) as { gpu_type: string; socket_type: string | null });
    const inner = firstLines.map((l) => ({ weight: 1, descriptor: { provider: "primeintellect", gpuName: l.gpu_type, gpuInfo: l.socket_type } }));
    check("primeintellect", [...read.primeIntellectFiles(files), ...inner]);
  });
  it("aws p5.48xlarge history", () => {
    check("aws_p5", read.awsP5(sharedPath("gpu-history", "aws_p5_48xlarge_daily_2025-04_to_2026-08.csv")));
  });
});
