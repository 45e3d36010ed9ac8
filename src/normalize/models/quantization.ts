// Normalizes the quantization labels providers publish (OpenRouter: fp4/fp8/bf16/fp16/int4/int8/unknown and others).
import type { Quantization } from "./catalog.ts";

export type NormalizedQuantization = Quantization | "unknown";

/** Spellings seen in provider listings, lowercase, with "_" and " " read as "-". */
const LABELS: Record<string, Quantization> = {
  fp4: "fp4", nvfp4: "fp4", mxfp4: "fp4", "fp4-e2m1": "fp4",
  fp8: "fp8", "fp8-dynamic": "fp8", "fp8-e4m3": "fp8", e4m3: "fp8", "float8": "fp8",
  bf16: "bf16", bfloat16: "bf16",
  fp16: "fp16", float16: "fp16", half: "fp16",
  fp32: "fp32", float32: "fp32",
  int8: "int8", w8a8: "int8", "w8a8-int8": "int8", q8: "int8", "q8-0": "int8",
  int4: "int4", w4a16: "int4", awq: "int4", "gptq-int4": "int4", q4: "int4", "q4-k-m": "int4",
};

/**
 * Map a published quantization label to the taxonomy's set; "unknown" for null, empty, "unknown" and labels
 * we cannot place (fp6, mixed schemes). fp32 is kept apart: it is full precision, not a quantization.
 */
export function normalizeQuantization(raw: string | null | undefined): NormalizedQuantization {
  if (raw === null || raw === undefined) return "unknown";
  const label = raw.trim().toLowerCase().replace(/[_\s]+/g, "-");
  return LABELS[label] ?? "unknown";
}
