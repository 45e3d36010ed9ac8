// The faults of the replay runs: day 1 a source down and a truncated page, day 2 a changed shape and an unknown product.
import type { Faults } from "./world.ts";

export const shortFaults: Faults = {
  outage: [{ day: 1, match: "router.huggingface.co/" }],
  truncate: [{ day: 1, match: "$skip=3" }],
  reshape: [{ fromDay: 2, match: "api.deepinfra.com/" }],
  newProduct: { fromDay: 2 },
};
