// GPU 2.x inputs digest: every field of an eligible row the 2.x calculation reads, so a recomputation proves the same inputs.
import { createHash } from "node:crypto";
import type { Observation } from "../../schemas/observation.ts";
import { dec, plain } from "../../normalize/money.ts";
import { constituentKey, datasetOf, gpuCount, voiceOf } from "./constituents.ts";

/** Canonical JSON of the rows sorted by id: id, constituent key, parent, dataset, product, tiers, price, time, basis attrs. */
export function canonicalGpu2Inputs(observations: readonly Observation[]): string {
  const rows = [...observations]
    .sort((a, b) => a.id - b.id)
    .map((o) => ({
      id: o.id,
      key: constituentKey(o),
      provider: o.provider,
      parent: voiceOf(o.provider),
      dataset: datasetOf(o),
      product: o.product,
      providerTier: o.providerTier,
      tier: o.tier,
      price: plain(dec(o.price)),
      observedAt: o.observedAt,
      gpuCount: gpuCount(o),
      bundled: o.attrs["bundled"] === true,
    }));
  return JSON.stringify(rows);
}

export function gpu2InputsDigest(observations: readonly Observation[]): string {
  return createHash("sha256").update(canonicalGpu2Inputs(observations), "utf8").digest("hex");
}
