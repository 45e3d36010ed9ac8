// Test runner settings: node environment, generous timeouts for the process-level suites; a PostgreSQL project in CI.
import { defineConfig } from "vitest/config";

/** Suites that take their store from test/helpers/stores.ts and so run on either store (CPI_TEST_STORE). */
const STORE_SUITES = ["test/jobs/**/*.test.ts", "test/api/**/*.test.ts", "test/golden/**/*.test.ts", "test/history/**/*.test.ts", "test/reliability/resume.test.ts", "test/reliability/calendar.test.ts"];

// With a server named (CI's .ci/run sets CPI_TEST_PG), `npm test` runs those suites a second time on PostgreSQL.
const postgres = process.env.CPI_TEST_PG !== undefined;

const shared = {
  environment: "node" as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    ...shared,
    projects: [
      // The long reliability variants run with `npm run test:stress` (vitest.stress.config.ts), never in `npm test`.
      { test: { ...shared, name: "sqlite", include: ["test/**/*.test.ts"], exclude: ["test/stress/**", "**/node_modules/**"] } },
      ...(postgres ? [{ test: { ...shared, name: "postgres", include: STORE_SUITES, exclude: ["**/node_modules/**"], env: { CPI_TEST_STORE: "postgres" } } }] : []),
    ],
  },
});
