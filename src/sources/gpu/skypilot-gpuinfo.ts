// Reads SkyPilot's GpuInfo cell (a Python-repr dict or JSON) and decides whether it states memory per GPU.
import { asRecord, numOrNull } from "../record-fields.ts";

/** Convert a Python literal (single-quoted strings, None/True/False) to JSON text; null when it cannot. */
export function pythonReprToJson(text: string): string | null {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let body = "";
      while (j < text.length && text[j] !== ch) {
        if (text[j] === "\\" && j + 1 < text.length) {
          body += text[j + 1] === "'" ? "'" : text.slice(j, j + 2);
          j += 2;
          continue;
        }
        body += text[j] === '"' ? '\\"' : text[j];
        j++;
      }
      if (j >= text.length) return null;
      out += `"${body}"`;
      i = j + 1;
      continue;
    }
    const word = /^(None|True|False)\b/.exec(text.slice(i));
    if (word) {
      out += word[1] === "None" ? "null" : word[1] === "True" ? "true" : "false";
      i += word[1]!.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** The GpuInfo cell as an object, or null when it is a plain name ("RTX_A6000") or unreadable. */
export function parseGpuInfo(raw: string): Record<string, unknown> | null {
  const text = raw.trim();
  if (!text.startsWith("{")) return null;
  for (const candidate of [text, pythonReprToJson(text)]) {
    if (candidate === null) continue;
    try {
      return asRecord(JSON.parse(candidate));
    } catch {
      // try the next form
    }
  }
  return null;
}

/**
 * Memory per GPU in GiB, only when the cell states it unambiguously. Rule: GpuInfo has exactly one
 * Gpus entry with MemoryInfo.SizeInMiB, and either the entry's Count (else AcceleratorCount) is <= 1,
 * or TotalGpuMemoryInMiB equals SizeInMiB x Count (then SizeInMiB is per GPU, as Fluidstack writes it).
 * Fractional counts (0.5 of a GPU) give null: the memory of a slice is not the GPU's.
 * When SizeInMiB equals the total for several GPUs it is ambiguous: Vast writes the TOTAL there
 * (326236 MiB for 4 x H100) while Lambda writes per-GPU memory and a wrong total; we return null.
 */
export function memoryPerGpuGiB(info: Record<string, unknown> | null, acceleratorCount: number | null): number | null {
  const gpus = info?.["Gpus"];
  if (!Array.isArray(gpus) || gpus.length !== 1) return null;
  const gpu = asRecord(gpus[0]);
  const size = numOrNull(asRecord(gpu?.["MemoryInfo"])?.["SizeInMiB"]);
  if (size === null || size <= 0) return null;
  const count = numOrNull(gpu?.["Count"]) ?? acceleratorCount;
  if (count === null || count <= 0) return null;
  const total = numOrNull(info?.["TotalGpuMemoryInMiB"]);
  const perGpu = count === 1 || (count > 1 && total !== null && Math.abs(total - size * count) < 1e-6);
  return perGpu ? size / 1024 : null;
}
