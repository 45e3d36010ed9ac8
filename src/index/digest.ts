// Content digest of a fixing's eligible inputs, so anyone can check they recompute from the same data.
import { createHash } from "node:crypto";
import type { Observation } from "../schemas/observation.ts";
import { dec, plain } from "../normalize/money.ts";

/** Canonical JSON: [{"id":..,"price":"<plain decimal>","observedAt":".."}] sorted by id; no whitespace. */
export function canonicalInputs(observations: readonly Observation[]): string {
  const rows = [...observations]
    .sort((a, b) => a.id - b.id)
    .map((o) => ({ id: o.id, price: plain(dec(o.price)), observedAt: o.observedAt }));
  return JSON.stringify(rows);
}

/** sha256 hex of canonicalInputs. */
export function inputsDigest(observations: readonly Observation[]): string {
  return createHash("sha256").update(canonicalInputs(observations), "utf8").digest("hex");
}
