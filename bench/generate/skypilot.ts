// Synthetic SkyPilot catalog vms.csv (v8 aws layout): mostly CPU instances, GPU rows with Python-repr GpuInfo.
import { chance, decimalText, int, mulberry32, pick, type Rng } from "./prng.ts";

export const SKYPILOT_HEADER = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone";
export const SKYPILOT_URL = "https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/aws/vms.csv";

const REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1", "ap-northeast-1", "ap-southeast-1", "ap-south-1", "sa-east-1", "ca-central-1"];
/** GPU families: name, memory MiB, per-GPU price range (cents), instance prefix. */
const GPUS: [string, number, number, number, string][] = [
  ["H100", 81_920, 200, 1200, "p5"], ["A100", 81_920, 120, 500, "p4de"], ["A100", 40_960, 100, 400, "p4d"], ["L4", 23_034, 40, 120, "g6"],
  ["A10G", 23_028, 50, 160, "g5"], ["T4", 15_360, 30, 90, "g4dn"], ["V100", 16_384, 150, 310, "p3"], ["L40S", 46_068, 90, 250, "g6e"], ["H200", 143_771, 300, 1400, "p5e"],
];
const CPU_FAMILIES = ["m7i", "c7i", "r7i", "m6a", "c6a", "r6a", "m7g", "c7g", "r7g", "t3", "x2iedn", "i4i", "m5", "c5", "r5"];
const SIZES: [string, number][] = [["large", 2], ["xlarge", 4], ["2xlarge", 8], ["4xlarge", 16], ["8xlarge", 32], ["12xlarge", 48], ["16xlarge", 64], ["24xlarge", 96], ["48xlarge", 192]];

function gpuRow(rng: Rng, i: number): string {
  const [name, mib, lo, hi, prefix] = pick(rng, GPUS);
  const count = pick(rng, [1, 1, 2, 4, 8]);
  const vcpus = count * pick(rng, [4, 8, 12, 24]);
  const price = int(rng, lo, hi) * count * 100 + int(rng, 0, 99);
  const spot = chance(rng, 0.7) ? decimalText(Math.round(price * (0.3 + rng() * 0.4)), 4) : "";
  const info = `"{'Gpus': [{'Name': '${name}', 'Manufacturer': 'NVIDIA', 'Count': ${count}.0, 'MemoryInfo': {'SizeInMiB': ${mib}}}], 'TotalGpuMemoryInMiB': ${mib * count}}"`;
  const region = pick(rng, REGIONS);
  return [`${prefix}.${count}x${i % 97}.${pick(rng, SIZES)[0]}`, name, `${count}.0`, `${vcpus}.0`, `${vcpus * 8}.0`, info, decimalText(price, 4), spot, region, `${region}${pick(rng, ["a", "b", "c", "d"])}`].join(",");
}

function cpuRow(rng: Rng, i: number): string {
  const [size, vcpus] = pick(rng, SIZES);
  const price = vcpus * int(rng, 300, 900) + int(rng, 0, 99);
  const region = pick(rng, REGIONS);
  return [`${pick(rng, CPU_FAMILIES)}.${size}.${i % 89}`, "", "", `${vcpus}.0`, `${vcpus * 4}.0`, "", decimalText(price, 4), decimalText(Math.round(price * 0.4), 4), region, `${region}${pick(rng, ["a", "b", "c"])}`].join(",");
}

/** A vms.csv of `rows` data rows (LF line ends), about 15% GPU rows as in the real AWS catalog. */
export function generateSkypilotCsv(opts: { seed: number; rows: number }): Uint8Array {
  const rng = mulberry32(opts.seed);
  const lines = [SKYPILOT_HEADER];
  for (let i = 0; i < opts.rows; i++) lines.push(chance(rng, 0.15) ? gpuRow(rng, i) : cpuRow(rng, i));
  return new TextEncoder().encode(lines.join("\n") + "\n");
}
