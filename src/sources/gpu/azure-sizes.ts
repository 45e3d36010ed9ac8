// GPUs per Azure VM size: the Retail Prices API names sizes but never says how many GPUs they carry.
//
// Source: Microsoft's size pages, https://learn.microsoft.com/azure/virtual-machines/sizes/overview
// (GPU accelerated family: NC, ND, NG, NV series pages, e.g. .../sizes/gpu-accelerated/ndh100v5-series).
// Keys are normalized names (see azureSizeKey). Sizes that carry a GPU slice not expressible as an exact
// decimal (1/6, 1/3 of an A10) are left out on purpose: they are skipped as "unknown GPU count".
// The meter-style aliases (ND96isfH100v5, ND96isnIBH100v5, ...) appear in Retail Prices skuName values of
// the same ND H100 v5 family.

export interface AzureGpuSize {
  /** GPUs per VM as an exact decimal string. */
  gpus: string;
  /** The accelerator as Microsoft's size page names it. */
  gpu: string;
  /** Memory per GPU in GiB as the size page states it; null for slices or when the page is unclear. */
  memoryGiB: number | null;
}

const size = (gpus: string, gpu: string, memoryGiB: number | null): AzureGpuSize => ({ gpus, gpu, memoryGiB });

const SIZES: Record<string, AzureGpuSize> = {
  // NCasT4_v3
  nc4ast4v3: size("1", "T4", 16), nc8ast4v3: size("1", "T4", 16), nc16ast4v3: size("1", "T4", 16), nc64ast4v3: size("4", "T4", 16),
  // NCv3 and NDv2 (V100)
  nc6sv3: size("1", "V100", 16), nc12sv3: size("2", "V100", 16), nc24sv3: size("4", "V100", 16), nc24rsv3: size("4", "V100", 16),
  nd40rsv2: size("8", "V100", 32),
  // NC A100 v4 (PCIe 80 GB)
  nc24adsa100v4: size("1", "A100 PCIe", 80), nc48adsa100v4: size("2", "A100 PCIe", 80), nc96adsa100v4: size("4", "A100 PCIe", 80),
  // ND A100 v4 (SXM 40 GB) and NDm A100 v4 (SXM 80 GB)
  nd96asrv4: size("8", "A100 SXM", 40), nd96asra100v4: size("8", "A100 SXM", 40),
  nd96amsra100v4: size("8", "A100 SXM", 80), nd96amsa100v4: size("8", "A100 SXM", 80),
  // NC H100 v5 and NCC H100 v5 (H100 NVL 94 GB)
  nc40adsh100v5: size("1", "H100 NVL", 94), nc80adish100v5: size("2", "H100 NVL", 94), ncc40adsh100v5: size("1", "H100 NVL", 94),
  // ND H100 v5 (SXM 80 GB), all 8 GPUs
  nd96isrh100v5: size("8", "H100 SXM", 80), nd96ish100v5: size("8", "H100 SXM", 80), nd96isfh100v5: size("8", "H100 SXM", 80),
  nd96isflh100v5: size("8", "H100 SXM", 80), nd96isnibh100v5: size("8", "H100 SXM", 80), nd96isrfh100v5: size("8", "H100 SXM", 80),
  // ND H200 v5, ND MI300X v5, ND GB200 v6
  nd96isrh200v5: size("8", "H200", 141),
  nd96isrmi300xv5: size("8", "MI300X", 192), nd96ismi300xv5: size("8", "MI300X", 192),
  nd128isrndrgb200v6: size("4", "GB200", null),
  // NVadsA10_v5 (whole-GPU and half-GPU sizes only)
  nv18adsa10v5: size("0.5", "A10", null), nv36adsa10v5: size("1", "A10", 24), nv36admsa10v5: size("1", "A10", 24),
  nv72adsa10v5: size("2", "A10", 24),
  // NVv3 (M60), NVv4 (MI25), NGads V620
  nv12sv3: size("1", "M60", 8), nv24sv3: size("2", "M60", 8), nv48sv3: size("4", "M60", 8),
  nv16asv4: size("0.5", "MI25", null), nv32asv4: size("1", "MI25", 16),
  ng32adsv620v1: size("1", "V620", 32), ng16adsv620v1: size("0.5", "V620", null),
};

/**
 * Normalize a size name from either form the API uses ("Standard_ND96isr_H100_v5", "ND96isrH100v5",
 * "ND96isr H100 v5 Spot"): drop "Standard_", the Spot / Low Priority suffix, a "_NU" meter suffix,
 * separators and case.
 */
export function azureSizeKey(name: string): string {
  return name
    .replace(/^Standard_/i, "")
    .replace(/\s+(Spot|Low Priority)$/i, "")
    .replace(/_NU$/i, "")
    .replace(/[\s_-]/g, "")
    .toLowerCase();
}

/** True for the GPU families (NC, NCC, ND, NG, NV). */
export function isAzureGpuSize(name: string): boolean {
  return /^n[cdgv]/.test(azureSizeKey(name));
}

export function azureGpuSize(name: string): AzureGpuSize | null {
  return SIZES[azureSizeKey(name)] ?? null;
}
