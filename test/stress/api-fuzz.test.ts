// API fuzzing (long variant): 30 000 generated requests against the in-process app, another seed.
import { apiFuzzSuite } from "../reliability/harness/fuzz-suite.ts";

apiFuzzSuite({ label: "STRESS api fuzz", requests: 30_000, seed: Number(process.env.CPI_FUZZ_SEED ?? 4242), timeoutMs: 600_000 });
