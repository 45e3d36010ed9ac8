// The one rule for `attrs.bundled`: is this per-GPU price a multi-GPU node's price divided per GPU?
//
// A row is a bundled node when the unit its price buys holds more than one GPU (an 8-GPU instance, a
// 4 x L40S bare-metal node, an 8x marketplace offer) and the price is that unit's price, divided per GPU
// (with the CPUs, RAM, network and storage of the node in it). What the unit is:
// - "stated": the row names it (an instance type's GPU count, an offer's gpu_count): unit = gpuCount.
// - "attach": a GPU-only accelerator price (GCP attach SKUs): separable by construction, never bundled.
// - "not_stated": a per-GPU price with no unit (multi-tier, marketplace averages): the unit is the
//   smallest on-demand unit in NODE_ONLY when the provider sells that class only as a node, else unknown
//   (`unitGpus` null, not bundled: the source's per-GPU column is taken at its word).
// Every GPU parser and importer states its unit on the quote (`GpuQuote.gpuUnit`); normalizeGpu calls
// bundlingOf once; calculations read it back with readBundling.
import type { GpuQuote } from "../schemas/quote.ts";
import { decOrNull, plain } from "./money.ts";
import type { Dec } from "./money.ts";

export type GpuUnit = GpuQuote["gpuUnit"];

export interface Bundling {
  bundled: boolean;
  /** GPUs in the priced unit; null when the source does not say and NODE_ONLY has no entry. */
  unitGpus: string | null;
  /** The unit's hourly price (the node price of a bundled row); null when the unit is unknown. */
  unitPrice: string | null;
  /** Which branch decided: "stated", "gpu_attach", "node_only:<sku>" or "unit_not_stated". */
  rule: string;
}

interface NodeOnly {
  gpus: number;
  sku: string;
  source: string;
}

/**
 * Provider x hardware class sold on demand ONLY as a multi-GPU node, for sources that give a per-GPU price
 * without naming the unit (multi-tier's hyperscaler rows: its per-GPU figures equal these nodes' prices / N).
 * Not listed on purpose: aws h100-sxm-80gb (p5.4xlarge sells one H100, at the same 6.88 per GPU as
 * p5.48xlarge / 8; the bundle's getdeploying rows show it as gpu_count 1), gcp a100-sxm-40gb and l4
 * (a2-highgpu-1g, g2-standard-4: one GPU), azure h100-nvl-94gb (NC40ads H100 v5: one GPU).
 */
export const NODE_ONLY: Readonly<Record<string, Readonly<Record<string, NodeOnly>>>> = {
  aws: {
    "a100-sxm-40gb": { gpus: 8, sku: "p4d.24xlarge", source: "https://aws.amazon.com/ec2/instance-types/p4/" },
    "a100-sxm-80gb": { gpus: 8, sku: "p4de.24xlarge", source: "https://aws.amazon.com/ec2/instance-types/p4/" },
    "h200-sxm-141gb": { gpus: 8, sku: "p5en.48xlarge", source: "https://aws.amazon.com/ec2/instance-types/p5/" },
    "b200-sxm-180gb": { gpus: 8, sku: "p6-b200.48xlarge", source: "https://aws.amazon.com/ec2/instance-types/p6/" },
  },
  "aws-sagemaker": {
    "a100-sxm-40gb": { gpus: 8, sku: "ml.p4d.24xlarge", source: "https://aws.amazon.com/sagemaker/pricing/" },
    "a100-sxm-80gb": { gpus: 8, sku: "ml.p4de.24xlarge", source: "https://aws.amazon.com/sagemaker/pricing/" },
    "h100-sxm-80gb": { gpus: 8, sku: "ml.p5.48xlarge", source: "https://aws.amazon.com/sagemaker/pricing/" },
    "h200-sxm-141gb": { gpus: 8, sku: "ml.p5en.48xlarge", source: "https://aws.amazon.com/sagemaker/pricing/" },
  },
  azure: {
    "a100-sxm-40gb": { gpus: 8, sku: "Standard_ND96asr_v4", source: "https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndasra100v4-series" },
    "a100-sxm-80gb": { gpus: 8, sku: "Standard_ND96amsr_A100_v4", source: "https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndma100v4-series" },
    "h100-sxm-80gb": { gpus: 8, sku: "Standard_ND96isr_H100_v5", source: "https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-h100-v5-series" },
    "h200-sxm-141gb": { gpus: 8, sku: "Standard_ND96isr_H200_v5", source: "https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/nd-h200-v5-series" },
    "mi300x-192gb": { gpus: 8, sku: "Standard_ND96isr_MI300X_v5", source: "https://learn.microsoft.com/azure/virtual-machines/sizes/gpu-accelerated/ndmi300xv5-series" },
  },
  gcp: {
    // a3-highgpu-1g/2g/4g exist for Spot and flex-start only; on demand A3 High is the 8-GPU machine.
    "h100-sxm-80gb": { gpus: 8, sku: "a3-highgpu-8g", source: "https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-vms" },
    "h200-sxm-141gb": { gpus: 8, sku: "a3-ultragpu-8g", source: "https://cloud.google.com/compute/docs/accelerator-optimized-machines#a3-vms" },
    "b200-sxm-180gb": { gpus: 8, sku: "a4-highgpu-8g", source: "https://cloud.google.com/compute/docs/accelerator-optimized-machines#a4-vms" },
  },
  oracle: {
    "a100-sxm-40gb": { gpus: 8, sku: "BM.GPU4.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "a100-sxm-80gb": { gpus: 8, sku: "BM.GPU.A100-v2.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "h100-sxm-80gb": { gpus: 8, sku: "BM.GPU.H100.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "h200-sxm-141gb": { gpus: 8, sku: "BM.GPU.H200.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "b200-sxm-180gb": { gpus: 8, sku: "BM.GPU.B200.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "b300-sxm-288gb": { gpus: 8, sku: "BM.GPU.B300.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "l40s-48gb": { gpus: 4, sku: "BM.GPU.L40S.4", source: "https://www.oracle.com/cloud/compute/gpu/" },
    "mi300x-192gb": { gpus: 8, sku: "BM.GPU.MI300X.8", source: "https://www.oracle.com/cloud/compute/gpu/" },
  },
};

export interface UnitFacts {
  /** Canonical provider id and hardware class id (after classification). */
  provider: string;
  product: string;
  gpuUnit: GpuUnit;
  gpuCount: Dec;
  /** The per-GPU price (after any division by gpuCount). */
  perGpu: Dec;
}

/** The rule above, for one normalized GPU row. */
export function bundlingOf(f: UnitFacts): Bundling {
  if (f.gpuUnit === "attach") return { bundled: false, unitGpus: plain(f.gpuCount), unitPrice: plain(f.perGpu.times(f.gpuCount)), rule: "gpu_attach" };
  if (f.gpuUnit === "stated") return { bundled: f.gpuCount.gt(1), unitGpus: plain(f.gpuCount), unitPrice: plain(f.perGpu.times(f.gpuCount)), rule: "stated" };
  const node = NODE_ONLY[f.provider]?.[f.product];
  if (node) return { bundled: node.gpus > 1, unitGpus: String(node.gpus), unitPrice: plain(f.perGpu.times(node.gpus)), rule: `node_only:${node.sku}` };
  return { bundled: false, unitGpus: null, unitPrice: null, rule: "unit_not_stated" };
}

/**
 * Read the rule's result back from stored attrs. Rows normalized before the rule existed carry no
 * `bundling`: for them a multi-GPU unit (gpuCount > 1) or `bundled: true` counts as bundled.
 */
export function readBundling(attrs: Readonly<Record<string, unknown>>): { bundled: boolean; unitGpus: number | null; rule: string | null } {
  const count = attrs["gpuCount"];
  const parsed = decOrNull(count);
  const unitGpus = parsed === null ? null : parsed.toNumber();
  const rule = typeof attrs["bundling"] === "string" ? attrs["bundling"] : null;
  if (rule !== null) return { bundled: attrs["bundled"] === true, unitGpus, rule };
  return { bundled: attrs["bundled"] === true || (unitGpus !== null && unitGpus > 1), unitGpus, rule: null };
}
