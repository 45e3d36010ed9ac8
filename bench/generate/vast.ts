// Synthetic Vast.ai marketplace payload (GET /api/v0/bundles/): {"offers":[...]} with per-offer machine details.
import { chance, int, mulberry32, pick, type Rng } from "./prng.ts";

export const VAST_URL = "https://console.vast.ai/api/v0/bundles/";

/** name, per-GPU RAM MiB, dph per GPU range in 1/1000 USD. */
const GPUS: [string, number, number, number][] = [
  ["RTX 4090", 24_564, 200, 700], ["RTX 3090", 24_576, 100, 350], ["H100 SXM", 81_559, 1_500, 3_200], ["H100 PCIE", 81_559, 1_300, 2_600],
  ["A100 SXM4", 81_920, 700, 1_800], ["A100 PCIE", 40_960, 500, 1_200], ["RTX 5090", 32_607, 350, 900], ["L40S", 46_068, 500, 1_100],
  ["RTX A6000", 49_140, 300, 700], ["H200", 143_771, 2_000, 3_800], ["RTX 4080", 16_376, 120, 300], ["A40", 46_068, 300, 600],
];
const GEO = ["United States, US", "Florida, US", "California, US", "Texas, US", "Quebec, CA", "Germany, DE", "Norway, NO", "Sweden, SE", "Czechia, CZ", "Thailand, TH", "Japan, JP", "Taiwan, TW", "Brazil, BR"];

/** A JSON float of a price in 1/1000 USD units plus noise digits, as Vast serves (0.38666666666666666). */
function dph(rng: Rng, milli: number): number {
  return Number((milli / 1000 + rng() / 1000).toFixed(int(rng, 3, 17)));
}

function offer(rng: Rng, i: number): Record<string, unknown> {
  const [name, ram, lo, hi] = pick(rng, GPUS);
  const gpus = pick(rng, [1, 1, 1, 2, 4, 8]);
  const perGpu = int(rng, lo, hi);
  const hostId = int(rng, 1_000, 400_000);
  const total = dph(rng, perGpu * gpus);
  return {
    is_bid: false, inet_up_billed: null, inet_down_billed: null, external: false, webpage: null, logo: "/static/logos/vastai_small2.png",
    rentable: true, compute_cap: pick(rng, [800, 860, 890, 900]), credit_balance: null, credit_discount: null, credit_discount_max: 0.4,
    driver_version: pick(rng, ["550.54.14", "560.35.03", "570.124.06"]), cuda_max_good: pick(rng, [12.2, 12.4, 12.8]), machine_id: int(rng, 1_000, 60_000),
    hosting_type: chance(rng, 0.3) ? 1 : 0, public_ipaddr: `${int(rng, 1, 223)}.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    geolocation: pick(rng, GEO), flops_per_dphtotal: rng() * 300, dlperf_per_dphtotal: rng() * 200, reliability2: 0.9 + rng() / 10,
    host_run_time: int(rng, 100_000, 40_000_000), host_id: hostId, id: 10_000_000 + i, bundle_id: 500_000_000 + i, num_gpus: gpus,
    total_flops: gpus * (20 + rng() * 80), min_bid: dph(rng, Math.round(perGpu * gpus * 0.5)), dph_base: dph(rng, perGpu * gpus - 10),
    dph_total: total, gpu_name: name, gpu_ram: ram, gpu_total_ram: ram * gpus, gpu_display_active: false, gpu_mem_bw: 500 + rng() * 3000,
    bw_nvlink: name.includes("SXM") ? 600 + rng() * 300 : 0, direct_port_count: int(rng, 0, 500), gpu_lanes: pick(rng, [8, 16]), pcie_bw: 10 + rng() * 20,
    pci_gen: pick(rng, [3, 4, 5]), dlperf: gpus * (10 + rng() * 200), cpu_name: pick(rng, ["AMD EPYC 7742 64-Core Processor", "Xeon® Gold 6338", "AMD Ryzen 9 7950X 16-Core Processor"]),
    mobo_name: pick(rng, ["ROMED8-2T", "H12SSL-i", "X570 AORUS"]), cpu_ram: int(rng, 32_000, 2_000_000), cpu_cores: pick(rng, [16, 32, 64, 128]),
    cpu_cores_effective: gpus * pick(rng, [4, 8, 16]), gpu_frac: 1, has_avx: 1, disk_space: rng() * 2000, disk_name: "nvme", disk_bw: 1000 + rng() * 5000,
    inet_up: rng() * 5000, inet_down: rng() * 5000, start_date: 1_786_000_000 - rng() * 1e7, end_date: 1_796_000_000 + rng() * 1e7, duration: null,
    storage_cost: 0.1 + rng() / 10, inet_up_cost: rng() / 100, inet_down_cost: rng() / 100, storage_total_cost: 0, os_version: "22.04",
    verification: pick(rng, ["verified", "verified", "unverified", "deverified"]), static_ip: chance(rng, 0.5), score: rng() * 500,
    cpu_arch: "amd64", rented: false, is_vm_deverified: false, time_remaining: "", time_remaining_isbid: "", search: { gpuCostPerHour: total / gpus, diskHour: 0.01, totalHour: total },
    instance: { gpuCostPerHour: total / gpus, diskHour: 0.01, totalHour: total }, rn: i, dph_total_adj: total, reliability: 0.9 + rng() / 10, verified: chance(rng, 0.8),
  };
}

export function generateVastOffers(opts: { seed: number; offers: number }): Uint8Array {
  const rng = mulberry32(opts.seed);
  const offers = Array.from({ length: opts.offers }, (_, i) => offer(rng, i));
  return new TextEncoder().encode(JSON.stringify({ offers }));
}
