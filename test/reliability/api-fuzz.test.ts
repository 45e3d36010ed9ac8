// API fuzzing against the in-process app (read API + operator actions): no 5xx, JSON errors, no leaks, fixings untouched.
import { apiFuzzSuite } from "./harness/fuzz-suite.ts";

apiFuzzSuite({ label: "API fuzzing", requests: 2500, seed: 1121 });
