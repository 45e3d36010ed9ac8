// The replayed internet with real captures where ../shared/fixtures has them (read in place): a simulated day on real shapes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeShared, sharedPath } from "../helpers/shared.ts";
import { startReplayRun, type ReplayRun } from "./harness.ts";
import { checkLiveFixings, checkVerify, getJson } from "./checks.ts";

const LLM_PRICES_VENDORS = ["amazon", "anthropic", "deepseek", "google", "meta-ai", "minimax", "mistral", "moonshot-ai", "openai", "qwen", "xai"];

/** Upstream paths answered by a real capture (the same request the source makes, the bytes a collector stored). */
function recorded(): Record<string, { file: string; contentType: string }> {
  const json = (file: string) => ({ file: sharedPath(...file.split("/")), contentType: "application/json" });
  return {
    "openrouter.ai/api/v1/models": json("openrouter/models_2026-08-08.json"),
    "raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json": json("litellm/model_prices_2026-07-24.json"),
    "raw.githubusercontent.com/pydantic/genai-prices/main/prices/data_v2.json": json("genai-prices/genai-prices-v2-data-2026-08-21.json"),
    ...Object.fromEntries(LLM_PRICES_VENDORS.map((v) => [`raw.githubusercontent.com/simonw/llm-prices/main/data/${v}.json`, json(`llm-prices/${v}.json`)])),
    "raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/lambda/vms.csv": { file: sharedPath("skypilot", "v8_lambda_us-east-1.csv"), contentType: "text/csv" },
    "www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml": { file: sharedPath("fx", "ecb_eurofxref-daily_sample.xml"), contentType: "text/xml" },
  };
}

describeShared("a simulated day on real captures", () => {
  let run: ReplayRun;
  beforeAll(async () => {
    run = await startReplayRun({ start: "2026-12-01T00:00:00Z", end: "2026-12-01T17:00:00Z", faults: {}, recorded: recorded() });
  }, 300_000);
  afterAll(async () => run?.cleanup());

  it("collects the real shapes, publishes the day live, and keeps what it cannot map in the unmapped queue", async () => {
    expect(await checkLiveFixings(run, "2026-12-01", "2026-12-01")).toBeGreaterThanOrEqual(49);
    const sources = (await getJson<{ data: { id: string; health: string; lastError: string | null }[] }>(run, "/v1/sources")).data;
    for (const id of ["openrouter", "litellm", "genai-prices", "llm-prices", "skypilot", "ecb"]) expect(sources.find((s) => s.id === id), id).toMatchObject({ health: "healthy" });
    const unmapped = (await getJson<{ data: { source: string }[] }>(run, "/v1/unmapped")).data;
    expect(unmapped.some((u) => u.source === "openrouter")).toBe(true);
  });

  it("cpi verify reproduces the day exactly from the stored real bytes", async () => {
    expect((await checkVerify(run)).recomputed).toBeGreaterThanOrEqual(49);
  }, 120_000);
});
