// The bench's index set: the bundled methodology's indices, topped up to `count` with GPU indices on more classes.
import type { IndexDefinition } from "../../src/schemas/methodology.ts";

/** Hardware classes (methodology/taxonomy/hardware.json) that the bundled methodology does not fix on yet. */
const EXTRA_CLASSES = ["a10g-24gb", "l4-24gb", "t4-16gb", "a100-pcie-80gb", "h200-nvl-141gb", "rtx5090-32gb", "rtxa6000-48gb", "v100-sxm-32gb", "a40-48gb", "b300-sxm-288gb", "gh200-96gb", "a100-sxm-40gb"];

/**
 * `count` index definitions: the real ones first, then clones of the first on-demand GPU index over
 * EXTRA_CLASSES (codes GPU-BENCHnn-OD), so the workload has the 40 indices.
 */
export function benchIndices<T extends { indices: IndexDefinition[] }>(methodology: T, count: number): T {
  const real = methodology.indices.slice(0, count);
  const template = methodology.indices.find((d) => d.product.kind === "gpu" && d.product.term === "on_demand" && !d.product.providerTiers);
  if (!template || real.length >= count) return { ...methodology, indices: real };
  const extra = Array.from({ length: count - real.length }, (_, i): IndexDefinition => {
    const cls = EXTRA_CLASSES[i % EXTRA_CLASSES.length]!;
    return {
      ...template,
      code: `GPU-BENCH${String(i + 1).padStart(2, "0")}-OD`,
      name: `${cls}, on-demand, USD per GPU-hour (benchmark index)`,
      product: { kind: "gpu", classIds: [cls], term: "on_demand" },
    };
  });
  return { ...methodology, indices: [...real, ...extra] };
}
