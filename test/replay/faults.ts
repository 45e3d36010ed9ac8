// The faults of the replay runs: day 1 a source down and a truncated page, day 2 a changed shape and an unknown product.
import type { Faults } from "./world.ts";

export const shortFaults: Faults = {
  outage: [{ day: 1, match: "router.huggingface.co/" }],
  truncate: [{ day: 1, match: "$skip=3" }],
  reshape: [{ fromDay: 2, match: "api.deepinfra.com/" }],
  newProduct: { fromDay: 2 },
};

/** The month: the same faults, then AWS down on the 13th (day 12) and Hugging Face again on the 21st (day 20). */
export const monthFaults: Faults = {
  ...shortFaults,
  outage: [...shortFaults.outage!, { day: 12, match: "pricing.us-east-1.amazonaws.com/" }, { day: 20, match: "router.huggingface.co/" }],
};
