// Test runner settings: node environment, generous timeouts for the process-level suites.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The long reliability variants run with `npm run test:stress` (vitest.stress.config.ts), never in `npm test`.
    exclude: ["test/stress/**", "**/node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
