// Reading loosely shaped JSON records field by field: what a payload schema leaves open (nested free-form objects).
/** A record (plain object), or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return asRecord(value) !== null;
}

/** A record's field as a record, or an empty one. */
export function recordAt(value: unknown, key: string): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const v = value[key];
  return isRecord(v) ? v : {};
}

/** A non-empty string field (trimmed; finite numbers as text), or null. */
export function strAt(value: unknown, key: string): string | null {
  if (!isRecord(value)) return null;
  const v = value[key];
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A string field, or "" when absent / not a string (numbers as text). */
export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** A plain JS number for non-money descriptors (vCPUs, GiB); null when absent or not numeric. */
export function numOrNull(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}
