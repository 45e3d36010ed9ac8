// Memory evidence: per-GPU memory from the descriptor, the name and SkyPilot GpuInfo (which is sometimes a total).
import { memoryFits, type HardwareClass } from "./taxonomy.ts";
import type { GpuInfo } from "./text.ts";

/** One statement about memory; it fits a class when any of its readings (per-GPU GB) does. */
export interface MemoryObservation {
  readings: { gb: number; says: string }[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function isWholeCount(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isInteger(n) && n > 1;
}

/**
 * GpuInfo SizeInMiB is per GPU in most SkyPilot catalogs but the total for all GPUs in Vast's
 * (326236 MiB for 4x H100). When TotalGpuMemoryInMiB equals size x count the size is per GPU;
 * otherwise both readings are kept and the class decides which one fits.
 */
function fromGpuInfo(info: GpuInfo, fallbackCount: number | null): MemoryObservation | null {
  if (info.sizeMiB === null || info.sizeMiB <= 0) return null;
  const size = info.sizeMiB;
  const count = info.count ?? fallbackCount;
  const perGpu = { gb: size / 1024, says: `GpuInfo memory ${size} MiB per GPU (${round1(size / 1024)} GiB)` };
  if (!isWholeCount(count)) return { readings: [perGpu] };
  if (info.totalMiB !== null && Math.abs(info.totalMiB - size * count) < 1) return { readings: [perGpu] };
  const split = {
    gb: size / count / 1024,
    says: `GpuInfo memory ${size} MiB is the total for ${count} GPUs (${round1(size / count / 1024)} GiB each)`,
  };
  return { readings: [perGpu, split] };
}

export function memoryObservations(
  memoryGiB: number | null | undefined,
  info: GpuInfo | null,
  count: number | null,
  inText: { gb: number; field: string }[],
): MemoryObservation[] {
  const out: MemoryObservation[] = [];
  if (typeof memoryGiB === "number" && memoryGiB > 0) {
    out.push({ readings: [{ gb: memoryGiB, says: `memory ${memoryGiB} GiB per GPU (stated)` }] });
  }
  const fromInfo = info ? fromGpuInfo(info, count) : null;
  if (fromInfo) out.push(fromInfo);
  for (const t of inText) out.push({ readings: [{ gb: t.gb, says: `${t.field} says ${t.gb} GB` }] });
  return out;
}

export function fitsAll(c: HardwareClass, observations: MemoryObservation[]): boolean {
  return observations.every((o) => o.readings.some((r) => memoryFits(c, r.gb)));
}

/** The evidence lines for the chosen class: which reading of each observation fitted. */
export function memoryEvidence(c: HardwareClass, observations: MemoryObservation[]): string[] {
  return observations.flatMap((o) => o.readings.filter((r) => memoryFits(c, r.gb)).map((r) => r.says)).slice(0, 3);
}
