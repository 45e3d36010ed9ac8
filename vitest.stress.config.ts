// The long reliability variants (`npm run test:stress`): 50+ SIGKILLs, tens of thousands of fuzzed requests, a simulated month.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/stress/**/*.test.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    pool: "forks",
    // One file at a time: the crash suite spawns publisher processes and the machine may have two cores.
    fileParallelism: false,
  },
});
