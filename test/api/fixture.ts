// A small published history in an in-memory store: what the API and dashboard tests run against.
import { type Store } from "../../src/db/index.ts";
import { loadMethodology } from "../../src/index/index.ts";
import type { SourceDef } from "../../src/sources/types.ts";
import type { AppDeps } from "../../src/api/deps.ts";
import { createApp } from "../../src/api/app.ts";
import { ephemeralSigner } from "../../src/jobs/signing.ts";
import { swappableSigner } from "../../src/jobs/rotate.ts";
import { gpuObservation, fixingDraft } from "../helpers/observations.ts";
import { scratchStore } from "../helpers/stores.ts";
import { publishManifest } from "../../src/jobs/manifest.ts";

export const LAST_DATE = "2026-07-31";
export const NOW = new Date("2026-08-01T12:00:00.000Z");
const sign = () => "test:sig";

/** "2.4900"-style value from an integer number of cents (no floats involved). */
export function cents(n: number): string {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}00`;
}

export function dateMinus(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const testSources: SourceDef[] = [
  { id: "skypilot-lambda", title: "SkyPilot catalog: Lambda", kind: "gpu", homepage: "https://github.com/skypilot-org/skypilot-catalog", schedule: "0 */6 * * *", tier: "list_price", requests: () => [{ url: "https://example.test/prices" }], parse: () => ({ quotes: [], skipped: [] }) },
  { id: "openrouter", title: "OpenRouter models", kind: "token", homepage: "https://openrouter.ai", schedule: "0 * * * *", tier: "list_price", requests: () => [{ url: "https://example.test/prices" }], parse: () => ({ quotes: [], skipped: [] }) },
  { id: "runpod", title: "RunPod (keyed)", kind: "gpu", homepage: "https://runpod.io", schedule: "0 * * * *", tier: "list_price", requiresKey: { env: "RUNPOD_API_KEY", reason: "needs an API key" }, requests: () => [{ url: "https://example.test/prices" }], parse: () => ({ quotes: [], skipped: [] }) },
];

interface Series {
  code: string;
  days: number;
  base: number;
  unit?: "USD/GPU-hour" | "USD/1M tokens";
}

const SERIES: Series[] = [
  { code: "GPU-H100SXM-OD", days: 120, base: 249 },
  { code: "GPU-H100PCIE-OD", days: 90, base: 201 },
  { code: "GPU-MI300X-OD", days: 60, base: 189 },
  { code: "TOK-GPTOSS120B-BLEND-USD", days: 60, base: 190, unit: "USD/1M tokens" },
];

/** Status by age: the oldest 30 days of H100 SXM are back-calculated, two days are fallbacks. */
function statusFor(code: string, age: number, days: number) {
  if (code === "GPU-H100SXM-OD" && age >= days - 30) return "back-calculated" as const;
  if (code === "GPU-H100SXM-OD" && (age === 10 || age === 11)) return "fallback" as const;
  return "final" as const;
}

export async function seedStore(store: Store): Promise<void> {
  const capture = await store.putCapture({ sourceId: "skypilot-lambda", url: "https://example.test/lambda/vms.csv", fetchedAt: `${LAST_DATE}T12:00:00.000Z`, httpStatus: 200, contentType: "text/csv", bytes: new TextEncoder().encode("InstanceType,Price\r\n") });
  const providers = ["lambda", "runpod", "vast", "aws"];
  const obs = providers.map((provider, i) =>
    gpuObservation({ captureId: i === 0 ? capture.id : null, provider, providerTier: provider === "aws" ? "hyperscaler" : "neocloud", price: cents(240 + i * 10 + (provider === "aws" ? 900 : 0)), observedAt: `${LAST_DATE}T12:00:00.000Z`, rawName: `gpu_1x_h100_sxm5 "${provider}", v2` }),
  );
  obs.push(gpuObservation({ product: "unclassified", rawName: "mystery-gpu-9000", attrs: { unmappedReason: "no known GPU name" } }));
  await store.insertObservations(obs);
  const ids = (await store.queryObservations({ products: ["h100-sxm-80gb"] })).map((o) => o.id);
  for (const s of SERIES) {
    for (let age = s.days - 1; age >= 0; age--) {
      const date = dateMinus(LAST_DATE, age);
      const status = statusFor(s.code, age, s.days);
      const c = s.base + ((age * 37) % 23) - 11;
      const latestH100 = s.code === "GPU-H100SXM-OD" && age === 0;
      await store.appendFixing(
        fixingDraft({
          indexCode: s.code,
          fixingDate: date,
          fixingTime: `${date}T16:00:00.000Z`,
          status,
          value: cents(c),
          unit: s.unit ?? "USD/GPU-hour",
          providerCount: latestH100 ? 3 : 4,
          observationCount: latestH100 ? 3 : 6,
          distribution: { p1: cents(c - 30), p25: cents(c - 10), p50: cents(c), p75: cents(c + 12), p99: cents(c + 40), min: cents(c - 35), max: cents(c + 45) },
          inputTier: status === "back-calculated" ? "historical_import" : "list_price",
          note: status === "fallback" ? "carried prior value: 2 providers, below the gate of 3" : null,
          inputs: latestH100
            ? [
                { observationIds: [ids[0]!], provider: "lambda", price: "2.4", weight: "0.3333333333" },
                { observationIds: [ids[1]!], provider: "runpod", price: "2.5", weight: "0.3333333333" },
                { observationIds: [ids[2]!], provider: "vast", price: "2.6", weight: "0.3333333334" },
              ]
            : [],
          exclusions: latestH100 ? [{ observationId: ids[3]!, provider: "aws", reason: "outlier: 6.1 scaled MADs from the median" }] : [],
        }),
        { publishedAt: `${date}T16:00:05.000Z`, sign },
      );
    }
  }
  // A same-day republication of the latest H100 PCIe fixing.
  await store.appendFixing(
    fixingDraft({ indexCode: "GPU-H100PCIE-OD", fixingDate: LAST_DATE, fixingTime: `${LAST_DATE}T16:00:00.000Z`, status: "republished", value: "2.1234", note: "late input from a provider" }),
    { publishedAt: `${LAST_DATE}T18:00:00.000Z`, sign },
  );
  const ok = await store.startRun("skypilot-lambda", "2026-07-31T12:00:00.000Z");
  await store.finishRun(ok, "2026-07-31T12:00:03.000Z", { status: "ok", captures: 1, quotes: 40, observations: 38, skipped: 2, quarantined: 0, error: null });
  const bad = await store.startRun("openrouter", "2026-07-31T12:00:00.000Z");
  await store.finishRun(bad, "2026-07-31T12:00:09.000Z", { status: "error", captures: 0, quotes: 0, observations: 0, skipped: 0, quarantined: 0, error: "HTTP 503 Service Unavailable" });
  await publishManifest(store, ephemeralSigner(), { now: () => NOW, methodologyVersion: loadMethodology().version });
}

export function testDeps(store: Store, env: Record<string, string | undefined> = {}): AppDeps {
  return {
    store,
    methodology: loadMethodology(),
    sources: testSources,
    env,
    operatorToken: env.CPI_OPERATOR_TOKEN,
    now: () => NOW,
    publicKeys: [{ keyId: "test-key", algorithm: "ed25519", publicKeyPem: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtest\n-----END PUBLIC KEY-----\n", status: "active" }],
  };
}

/** A seeded in-memory store and an app over it. */
export async function seededApp(env: Record<string, string | undefined> = {}, withWrites = false) {
  const store = scratchStore();
  await seedStore(store);
  const deps = testDeps(store, env);
  // The operator actions over the same store (documentation and routing tests; nothing here signs).
  const writes = withWrites ? { store, methodology: deps.methodology, signer: swappableSigner(ephemeralSigner()), keysDir: "/nonexistent-keys" } : undefined;
  const app = createApp(deps, { nonce: "test", writes });
  return { store, app };
}
