// Pins real GPU names from every source to their class, and ambiguous names to "unclassified" with a reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyGpu, hardwareClass, type GpuDescriptor } from "../../src/normalize/hardware/index.ts";

const vastGpuInfo = (name: string, count: number, mib: number): string =>
  `{'Gpus': [{'Name': '${name}', 'Count': ${count}, 'MemoryInfo': {'SizeInMiB': ${mib}}}], 'TotalGpuMemoryInMiB': ${mib}}`;
const lambdaGpuInfo = (name: string, count: number, mib: number): string =>
  `{'Gpus': [{'Name': '${name}', 'Manufacturer': 'NVIDIA', 'Count': ${count}.0, 'MemoryInfo': {'SizeInMiB': ${mib}}}], 'TotalGpuMemoryInMiB': ${mib}}`;

/** [what a source wrote, the class it must get]. */
const CLASSIFIED: [GpuDescriptor, string][] = [
  // SkyPilot: vast (GpuInfo memory is the total for all GPUs)
  [{ provider: "vast", source: "skypilot", sku: "4x-H100_SXM-32-65536", gpuName: "H100", gpuInfo: vastGpuInfo("H100", 4, 326236), gpuCount: 4 }, "h100-sxm-80gb"],
  [{ provider: "vast", source: "skypilot", sku: "2x-H100_NVL-32-65536", gpuName: "H100", gpuInfo: vastGpuInfo("H100", 2, 191660), gpuCount: 2 }, "h100-nvl-94gb"],
  [{ provider: "vast", source: "skypilot", sku: "2x-H200-32-65536", gpuName: "H200", gpuInfo: vastGpuInfo("H200", 2, 287542), gpuCount: 2 }, "h200-sxm-141gb"],
  [{ provider: "vast", source: "skypilot", sku: "1x-A100_SXM4-32-65536", gpuName: "A100", gpuInfo: vastGpuInfo("A100", 1, 81920), gpuCount: 1 }, "a100-sxm-80gb"],
  [{ provider: "vast", source: "skypilot", sku: "4x-RTX_2080_Ti-32-65536", gpuName: "RTX2080", gpuInfo: vastGpuInfo("RTX2080", 4, 45056), gpuCount: 4 }, "rtx2080ti-11gb"],
  [{ provider: "vast", source: "skypilot", sku: "2x-RTX_4060_Ti-32-65536", gpuName: "RTX4060", gpuInfo: vastGpuInfo("RTX4060", 2, 32760), gpuCount: 2 }, "rtx4060ti-16gb"],
  [{ provider: "vast", source: "skypilot", sku: "2x-RTX_3060-32-65536", gpuName: "RTX3060", gpuInfo: vastGpuInfo("RTX3060", 2, 24576), gpuCount: 2 }, "rtx3060-12gb"],
  [{ provider: "vast", source: "skypilot", sku: "4x-L40S-32-65536", gpuName: "L40S", gpuInfo: vastGpuInfo("L40S", 4, 184272), gpuCount: 4 }, "l40s-48gb"],
  [{ provider: "vast", source: "skypilot", sku: "1x-RTX_6000Ada-32-65536", gpuName: "RTX6000-Ada", gpuInfo: vastGpuInfo("RTX6000-Ada", 1, 49140) }, "rtx6000ada-48gb"],
  // SkyPilot: fluidstack (GpuInfo per GPU, total = size x count)
  [{ provider: "fluidstack", sku: "H100_PCIE_80GB::1", gpuName: "H100", gpuInfo: lambdaGpuInfo("H100", 1, 81920) }, "h100-pcie-80gb"],
  [{ provider: "fluidstack", sku: "A100_PCIE_80GB::2", gpuName: "A100-80GB", gpuInfo: "{'Gpus': [{'Name': 'A100-80GB', 'Count': 2, 'MemoryInfo': {'SizeInMiB': 81920}}], 'TotalGpuMemoryInMiB': 163840}" }, "a100-pcie-80gb"],
  [{ provider: "fluidstack", sku: "L40_48GB::8", gpuName: "L40", gpuInfo: lambdaGpuInfo("L40", 8, 49152) }, "l40-48gb"],
  // SkyPilot: lambda (GpuInfo per GPU, total wrongly equal to one GPU)
  [{ provider: "lambda", sku: "gpu_8x_h100_sxm5", gpuName: "H100", gpuInfo: lambdaGpuInfo("H100", 8, 81920), gpuCount: 8 }, "h100-sxm-80gb"],
  [{ provider: "lambda", sku: "gpu_1x_h100_pcie", gpuName: "H100", gpuInfo: lambdaGpuInfo("H100", 1, 81920) }, "h100-pcie-80gb"],
  [{ provider: "lambda", sku: "gpu_1x_a100_sxm4", gpuName: "A100", gpuInfo: lambdaGpuInfo("A100", 1, 40960) }, "a100-sxm-40gb"],
  [{ provider: "lambda", sku: "gpu_1x_a100", gpuName: "A100", gpuInfo: lambdaGpuInfo("A100", 1, 40960) }, "a100-pcie-40gb"],
  [{ provider: "lambda", sku: "gpu_8x_a100", gpuName: "A100", gpuInfo: lambdaGpuInfo("A100", 8, 40960), gpuCount: 8 }, "a100-sxm-40gb"],
  [{ provider: "lambda", sku: "gpu_8x_a100_80gb_sxm4", gpuName: "A100-80GB", gpuInfo: lambdaGpuInfo("A100-80GB", 8, 81920) }, "a100-sxm-80gb"],
  [{ provider: "lambda", sku: "gpu_1x_rtx6000", gpuName: "RTX6000", gpuInfo: lambdaGpuInfo("RTX6000", 1, 24576) }, "quadro-rtx6000-24gb"],
  [{ provider: "lambda", sku: "gpu_1x_a10", gpuName: "A10", gpuInfo: lambdaGpuInfo("A10", 1, 24576) }, "a10-24gb"],
  [{ provider: "lambda", sku: "gpu_1x_gh200", gpuName: "GH200", gpuInfo: lambdaGpuInfo("GH200", 1, 98304) }, "gh200-96gb"],
  [{ provider: "lambda", sku: "gpu_8x_b200_sxm6", gpuName: "B200", gpuInfo: lambdaGpuInfo("B200", 8, 184320) }, "b200-sxm-180gb"],
  [{ provider: "lambda", sku: "gpu_4x_a6000", gpuName: "A6000", gpuInfo: lambdaGpuInfo("A6000", 4, 49152) }, "rtxa6000-48gb"],
  [{ provider: "lambda", gpuName: "GH200" }, "gh200-96gb"],
  // SkyPilot: runpod catalog names (unmarked A100-80GB / H100 are the PCIe parts there)
  [{ provider: "runpod", source: "skypilot", sku: "1x_H100-80GB-HBM3_COMMUNITY", gpuName: "H100-80GB-HBM3", gpuInfo: "H100_80GB_SXM5" }, "h100-sxm-80gb"],
  [{ provider: "runpod", source: "skypilot", sku: "1x_A100-80GB_SECURE", gpuName: "A100-80GB", gpuInfo: "A100_80GB" }, "a100-pcie-80gb"],
  [{ provider: "runpod", source: "skypilot", sku: "1x_RTXA6000_SECURE", gpuName: "RTXA6000", gpuInfo: "RTX_A6000" }, "rtxa6000-48gb"],
  [{ provider: "runpod", source: "skypilot", sku: "1x_RTX6000-Ada_COMMUNITY", gpuName: "RTX6000-Ada", gpuInfo: "RTX_6000_Ada" }, "rtx6000ada-48gb"],
  // SkyPilot v0 GCP accelerator table
  [{ provider: "gcp", source: "skypilot", gpuName: "A100", gpuInfo: "A100" }, "a100-sxm-40gb"],
  [{ provider: "gcp", gpuName: "V100" }, "v100-sxm-16gb"],
  [{ provider: "gcp", gpuName: "K80" }, "k80-12gb"],
  // RunPod GraphQL ids
  [{ provider: "runpod", gpuName: "NVIDIA H100 80GB HBM3", gpuInfo: "H100 SXM", gpuMemoryGiB: 80 }, "h100-sxm-80gb"],
  [{ provider: "runpod", gpuName: "NVIDIA H100 80GB HBM3" }, "h100-sxm-80gb"],
  [{ provider: "runpod", gpuName: "NVIDIA H100 PCIe", gpuMemoryGiB: 80 }, "h100-pcie-80gb"],
  [{ provider: "runpod", gpuName: "NVIDIA H100 NVL", gpuMemoryGiB: 94 }, "h100-nvl-94gb"],
  [{ provider: "runpod", gpuName: "NVIDIA A100-SXM4-80GB" }, "a100-sxm-80gb"],
  [{ provider: "runpod", gpuName: "NVIDIA A100 80GB PCIe" }, "a100-pcie-80gb"],
  [{ provider: "runpod", gpuName: "NVIDIA H200", gpuInfo: "H200 SXM", gpuMemoryGiB: 141 }, "h200-sxm-141gb"],
  [{ provider: "runpod", gpuName: "AMD Instinct MI300X OAM", gpuMemoryGiB: 192 }, "mi300x-192gb"],
  [{ provider: "runpod", gpuName: "NVIDIA RTX PRO 6000 Blackwell Workstation Edition", gpuMemoryGiB: 96 }, "rtxpro6000-96gb"],
  [{ provider: "runpod", gpuName: "NVIDIA GeForce RTX 4080 SUPER", gpuMemoryGiB: 16 }, "rtx4080super-16gb"],
  [{ provider: "runpod", gpuName: "Tesla V100-SXM2-32GB" }, "v100-sxm-32gb"],
  [{ provider: "runpod", gpuName: "Tesla V100-FHHL-16GB" }, "v100-fhhl-16gb"],
  [{ provider: "runpod", gpuName: "NVIDIA RTX 4000 SFF Ada Generation" }, "rtx4000sffada-20gb"],
  // AWS instance types (also SageMaker's ml. prefix)
  [{ provider: "aws", sku: "p5.48xlarge" }, "h100-sxm-80gb"],
  [{ provider: "aws", sku: "p5e.48xlarge" }, "h200-sxm-141gb"],
  [{ provider: "aws", sku: "p5en.48xlarge" }, "h200-sxm-141gb"],
  [{ provider: "aws", sku: "p4d.24xlarge" }, "a100-sxm-40gb"],
  [{ provider: "aws", sku: "p4de.24xlarge" }, "a100-sxm-80gb"],
  [{ provider: "aws", sku: "p6-b200.48xlarge" }, "b200-sxm-180gb"],
  [{ provider: "aws", sku: "g5.12xlarge", gpuName: "A10G" }, "a10g-24gb"],
  [{ provider: "aws", sku: "g6.xlarge" }, "l4-24gb"],
  [{ provider: "aws", sku: "g6e.48xlarge" }, "l40s-48gb"],
  [{ provider: "aws sagemaker", sku: "ml.p4d.24xlarge" }, "a100-sxm-40gb"],
  [{ provider: "AWS SageMaker", gpuName: "A100 80GB" }, "a100-sxm-80gb"],
  [{ sku: "p5.48xlarge" }, "h100-sxm-80gb"],
  // Azure SKU names, as the retail API and its reshaped copies write them
  [{ provider: "azure", sku: "Standard_ND96isr_H100_v5" }, "h100-sxm-80gb"],
  [{ provider: "azure", sku: "ND96isrH100v5", gpuName: "Virtual Machines NDsr H100 v5 Series" }, "h100-sxm-80gb"],
  [{ provider: "azure", sku: "Standard_NC40ads_H100_v5" }, "h100-nvl-94gb"],
  [{ provider: "azure", sku: "NCC40adsH100v5 Spot" }, "h100-nvl-94gb"],
  [{ provider: "azure", sku: "Standard_ND96isr_H200_v5" }, "h200-sxm-141gb"],
  [{ provider: "azure", sku: "Standard_ND96amsr_A100_v4" }, "a100-sxm-80gb"],
  [{ provider: "azure", sku: "Standard_ND96asr_v4" }, "a100-sxm-40gb"],
  [{ provider: "azure", sku: "ND96asr_A100_v4 Low Priority" }, "a100-sxm-40gb"],
  [{ provider: "azure", sku: "Standard_NC24ads_A100_v4" }, "a100-pcie-80gb"],
  [{ provider: "azure", sku: "Standard_ND96isr_MI300X_v5" }, "mi300x-192gb"],
  [{ provider: "azure", sku: "ND128isrNDRGB200v6" }, "gb200-nvl72"],
  [{ provider: "Microsoft Azure", sku: "Standard_NC4as_T4_v3" }, "t4-16gb"],
  // GCP billing catalog descriptions and machine types
  [{ provider: "gcp", gpuName: "Nvidia H100 80GB GPU running in Americas" }, "h100-sxm-80gb"],
  [{ provider: "gcp", gpuName: "Nvidia H100 80GB Mega GPU attached to Spot Preemptible VMs running in Tokyo" }, "h100-sxm-80gb"],
  [{ provider: "google", gpuName: "Nvidia Tesla A100 GPU running in Iowa" }, "a100-sxm-40gb"],
  [{ provider: "gcp", gpuName: "Commitment v1: Nvidia Tesla A100 80GB GPU running in Milan for 1 Year" }, "a100-sxm-80gb"],
  [{ provider: "gcp", gpuName: "Reserved H200 141GB GPU in Tokyo in Calendar Mode" }, "h200-sxm-141gb"],
  [{ provider: "gcp", gpuName: "Nvidia Tesla P100 GPU running in Seoul" }, "p100-pcie-16gb"],
  [{ provider: "gcp", gpuName: "Nvidia L4 GPU running in Singapore" }, "l4-24gb"],
  [{ provider: "gcp", sku: "a3-highgpu-8g" }, "h100-sxm-80gb"],
  [{ provider: "gcp", sku: "a2-ultragpu-1g" }, "a100-sxm-80gb"],
  [{ provider: "gcp", sku: "a3-ultragpu-8g" }, "h200-sxm-141gb"],
  // Marketplace and aggregator names
  [{ provider: "vast.ai", gpuName: "H100_SXM" }, "h100-sxm-80gb"],
  [{ provider: "vast.ai", gpuName: "H100_PCIE" }, "h100-pcie-80gb"],
  [{ provider: "vast.ai", gpuName: "H100_NVL" }, "h100-nvl-94gb"],
  [{ gpuName: "A100_SXM_80GB" }, "a100-sxm-80gb"],
  [{ gpuName: "A100_PCIE_40GB" }, "a100-pcie-40gb"],
  [{ gpuName: "RTX_4090" }, "rtx4090-24gb"],
  [{ gpuName: "RTX 4090" }, "rtx4090-24gb"],
  [{ gpuName: "RTX_5090" }, "rtx5090-32gb"],
  [{ gpuName: "RTX_PRO_6000" }, "rtxpro6000-96gb"],
  [{ gpuName: "MI355X" }, "mi355x-288gb"],
  [{ gpuName: "MI325X" }, "mi325x-256gb"],
  [{ gpuName: "GB200" }, "gb200-nvl72"],
  [{ gpuName: "GB200 NVL72" }, "gb200-nvl72"],
  [{ gpuName: "NVIDIA GH200 Grace Hopper Superchip with Grace CPU", gpuMemoryGiB: 96 }, "gh200-96gb"],
  [{ gpuName: "B300" }, "b300-sxm-288gb"],
  [{ gpuName: "NVIDIA HGX B300", gpuMemoryGiB: 288 }, "b300-sxm-288gb"],
  [{ gpuName: "NVIDIA B200", gpuMemoryGiB: 192 }, "b200-sxm-180gb"],
  [{ gpuName: "Intel Gaudi 2" }, "gaudi2-96gb"],
  [{ gpuName: "Gaudi3", gpuMemoryGiB: 128 }, "gaudi3-128gb"],
  [{ gpuName: "Huawei Ascend 910B" }, "ascend910b-64gb"],
  [{ gpuName: "Ascend 910C" }, "ascend910c-128gb"],
  [{ gpuName: "L40S" }, "l40s-48gb"],
  [{ gpuName: "NVIDIA L40" }, "l40-48gb"],
  [{ gpuName: "NVIDIA A10G" }, "a10g-24gb"],
  [{ gpuName: "NVIDIA H100 PCIe NVLink", gpuInfo: "interconnect NVLink", gpuMemoryGiB: 80 }, "h100-pcie-80gb"],
  [{ provider: "coreweave", gpuName: "A100_NVLINK_80GB" }, "a100-sxm-80gb"],
  [{ provider: "coreweave", gpuName: "H100_NVLINK_80GB" }, "h100-sxm-80gb"],
  // PrimeIntellect file names
  [{ provider: "primeintellect", gpuName: "H100_80GB_SXM5" }, "h100-sxm-80gb"],
  [{ provider: "primeintellect", gpuName: "H100_80GB_PCIe" }, "h100-pcie-80gb"],
  [{ provider: "primeintellect", gpuName: "A100_80GB_SXM4" }, "a100-sxm-80gb"],
  [{ provider: "primeintellect", gpuName: "B200_180GB" }, "b200-sxm-180gb"],
  [{ provider: "primeintellect", gpuName: "GH200_96GB" }, "gh200-96gb"],
  [{ provider: "primeintellect", gpuName: "H200_141GB" }, "h200-sxm-141gb"],
];

/** [what a source wrote, a fragment the reason must contain]. */
const UNCLASSIFIED: [GpuDescriptor, string][] = [
  [{ gpuName: "H100" }, "ambiguous H100"],
  [{ gpuName: "NVIDIA H100", gpuMemoryGiB: 80 }, "form factor"],
  [{ gpuName: "A100" }, "ambiguous A100"],
  [{ gpuName: "A100 SXM" }, "memory size"],
  [{ gpuName: "GH200" }, "memory size"],
  [{ gpuName: "Tesla V100", gpuMemoryGiB: 16 }, "form factor"],
  [{ provider: "hyperstack", gpuName: "NVIDIA H100 NVLink", gpuMemoryGiB: 80 }, "form factor"],
  [{ provider: "fluidstack", sku: "H100_NVLINK_80GB::8", gpuName: "H100" }, "form factor"],
  [{ provider: "lambda", sku: "gpu_8x_v100", gpuName: "V100", gpuInfo: lambdaGpuInfo("V100", 8, 16384) }, "form factor"],
  [{ gpuName: "RTX 4090 (48 GB mod)", gpuMemoryGiB: 48 }, "does not fit"],
  [{ gpuName: "NVIDIA L40", gpuMemoryGiB: 40 }, "does not fit"],
  [{ gpuName: "NVIDIA B300", gpuMemoryGiB: 180 }, "does not fit"],
  [{ gpuName: "NVIDIA B200 NVL", gpuInfo: "interconnect NVL" }, "contradicts"],
  [{ gpuName: "H100 SXM PCIe" }, "conflicting form factors"],
  [{ gpuName: "GB200 NVL4" }, "contradicts"],
  [{ gpuName: "A800 80G" }, "without a hardware class"],
  [{ gpuName: "NVIDIA RTX PRO-A6000 SE", gpuMemoryGiB: 96 }, "does not fit"],
  [{ gpuName: "unknown" }, "no known GPU model"],
  [{ gpuName: "" }, "no name given"],
  [{ provider: "azure", sku: "ND96isrH100v5", gpuName: "A100" }, "also says"],
  [{ provider: "Azure", gpuName: "A100" }, "ambiguous A100"],
  [{ provider: "RunPod", gpuName: "A100" }, "ambiguous A100"],
];

describe("classifyGpu: names from every GPU source", () => {
  it.each(CLASSIFIED)("%j -> %s", (descriptor, classId) => {
    const c = classifyGpu(descriptor);
    expect(c.classified ? c.classId : c).toBe(classId);
    if (c.classified) {
      expect(c.evidence.length).toBeGreaterThan(0);
      expect(c.tags.model).toBe(hardwareClass(classId)?.model);
    }
  });

  it.each(UNCLASSIFIED)("%j stays unclassified (%s)", (descriptor, fragment) => {
    const c = classifyGpu(descriptor);
    expect(c.classified).toBe(false);
    if (!c.classified) expect(c.reason).toContain(fragment);
  });
});

describe("classifyGpu: evidence and non-GPUs", () => {
  it("says which tokens decided", () => {
    const c = classifyGpu({ provider: "lambda", sku: "gpu_8x_h100_sxm5", gpuName: "H100", gpuInfo: lambdaGpuInfo("H100", 8, 81920), gpuCount: 8 });
    expect(c.classified && c.evidence).toEqual(['sku "gpu_8x_h100_sxm5" names H100', 'sku "gpu_8x_h100_sxm5" contains "sxm5"', "GpuInfo memory 81920 MiB per GPU (80 GiB)"]);
  });

  it("explains a Vast total-memory GpuInfo", () => {
    const c = classifyGpu({ provider: "vast", sku: "4x-H100_SXM-32-65536", gpuName: "H100", gpuInfo: vastGpuInfo("H100", 4, 326236), gpuCount: 4 });
    expect(c.classified && c.evidence.join("\n")).toContain("326236 MiB is the total for 4 GPUs (79.6 GiB each)");
  });

  it("cites the provider rule it used", () => {
    const c = classifyGpu({ provider: "gcp", gpuName: "Nvidia Tesla A100 GPU running in Iowa" });
    expect(c.classified && c.evidence.some((e) => e.startsWith("provider rule gcp/a100"))).toBe(true);
  });

  it("marks names that are not GPUs", () => {
    for (const gpuName of ["tpu-v3-8", "Licensing Fee for CentOS 7 (GPU cost)", "cpu_4x_general", "trn1.32xlarge"]) {
      const c = classifyGpu({ provider: "gcp", gpuName });
      expect(c.classified === false && c.notGpu).toBe(true);
    }
  });

  it("never throws and only returns taxonomy classes, whatever the input", () => {
    const text = fc.option(fc.string({ maxLength: 60 }), { nil: null });
    fc.assert(
      fc.property(text, text, text, text, fc.option(fc.double({ noNaN: true }), { nil: null }), (provider, sku, gpuName, gpuInfo, mem) => {
        const c = classifyGpu({ provider, sku, gpuName, gpuInfo, gpuMemoryGiB: mem, gpuCount: mem });
        if (c.classified) expect(hardwareClass(c.classId)).toBeDefined();
        else expect(c.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
