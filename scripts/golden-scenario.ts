// Writes test/fixtures/golden: a deterministic multi-day, multi-source scenario in the real import formats.
// `node --import tsx scripts/golden-scenario.ts`; the golden published-output test reads the written files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const outDir = resolve(fileURLToPath(new URL("../test/fixtures/golden", import.meta.url)));

/** A small deterministic generator (LCG): the scenario never depends on Math.random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dates(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Prices in cents as a fixed-point string: no float formatting reaches the files. */
const usd = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

interface GpuPanel {
  model: string;
  count: number;
  rental: "on_demand" | "spot";
  /** provider -> base price in cents, first and last day index present (inclusive). */
  providers: [string, number, number, number][];
}

const DAYS = dates("2026-03-01", 21);

const PANELS: GpuPanel[] = [
  {
    model: "H100_SXM",
    count: 1,
    rental: "on_demand",
    providers: [
      ["lambda", 299, 0, 20],
      ["runpod", 269, 0, 20],
      ["crusoe", 310, 0, 20],
      ["nebius", 295, 0, 20],
      ["hyperstack", 240, 0, 20],
      ["verda", 250, 0, 20],
      ["vast.ai", 190, 0, 20],
      ["together", 305, 0, 20],
      ["civo", 280, 0, 14],
      ["sesterce", 260, 7, 20],
    ],
  },
  // A block of bundled hyperscaler 8-GPU nodes (per-GPU prices) that enters on day 8 and leaves after day 14.
  {
    model: "H100_SXM",
    count: 8,
    rental: "on_demand",
    providers: [
      ["aws", 688, 7, 13],
      ["gcp", 980, 7, 13],
      ["azure", 1229, 7, 13],
      ["oracle", 1000, 7, 13],
    ],
  },
  {
    model: "H100_SXM",
    count: 1,
    rental: "spot",
    providers: [
      ["vast.ai", 150, 0, 20],
      ["runpod", 165, 0, 20],
      ["lambda", 180, 0, 20],
      ["verda", 140, 0, 20],
    ],
  },
  {
    model: "H100_PCIE",
    count: 1,
    rental: "on_demand",
    providers: [
      ["lambda", 249, 0, 20],
      ["runpod", 239, 0, 20],
      ["hyperstack", 190, 0, 20],
      ["vast.ai", 160, 0, 20],
      ["crusoe", 230, 0, 20],
    ],
  },
  {
    model: "A100_SXM_80GB",
    count: 1,
    rental: "on_demand",
    providers: [
      ["lambda", 179, 0, 20],
      ["runpod", 149, 0, 20],
      ["crusoe", 165, 0, 20],
      ["vast.ai", 95, 0, 20],
      ["hyperstack", 135, 0, 20],
      ["nebius", 155, 3, 20],
    ],
  },
  {
    model: "L40S",
    count: 1,
    rental: "on_demand",
    providers: [
      ["runpod", 86, 0, 20],
      ["lambda", 99, 0, 20],
      ["vast.ai", 55, 0, 20],
      ["crusoe", 95, 0, 20],
      ["hyperstack", 90, 0, 20],
    ],
  },
];

function gpuCsv(): string {
  const rand = lcg(42);
  const lines = ["date,provider,gpu_model,gpu_count,region,rental_type,price_min_usd,price_median_usd,price_max_usd,n_offers,source_url,fetched_at"];
  DAYS.forEach((date, day) => {
    for (const p of PANELS) {
      for (const [provider, base, first, last] of p.providers) {
        if (day < first || day > last) continue;
        // runpod cuts its on-demand H100 SXM price 10% on day 10; every price carries +-1 cent of noise.
        const cut = provider === "runpod" && p.model === "H100_SXM" && p.rental === "on_demand" && day >= 10 ? Math.round(base * 0.9) : base;
        const cents = cut + Math.floor(rand() * 3) - 1;
        const offers = provider === "vast.ai" ? 12 : 1;
        const min = provider === "vast.ai" ? cents - 20 : cents;
        const max = provider === "vast.ai" ? cents + 35 : cents;
        lines.push([date, provider, p.model, p.count, "global", p.rental, usd(min), usd(cents), usd(max), offers, `https://example.test/${provider}/pricing`, `${date}T21:00:03.1+00:00`].join(","));
      }
    }
  });
  return `${lines.join("\n")}\n`;
}

interface Endpoint {
  provider: string;
  slug: string;
  quantization: string;
  /** USD per 1M tokens, in hundredths of a cent: input, output. */
  input: number;
  output: number;
}

const TOKEN_MODELS: { slug: string; endpoints: Endpoint[] }[] = [
  {
    slug: "openai/gpt-oss-120b",
    endpoints: [
      { provider: "DeepInfra", slug: "deepinfra/bf16", quantization: "bf16", input: 500, output: 4500 },
      { provider: "Groq", slug: "groq", quantization: "fp8", input: 1500, output: 6000 },
      { provider: "Together", slug: "together", quantization: "fp8", input: 1500, output: 6000 },
      { provider: "Fireworks", slug: "fireworks", quantization: "fp8", input: 1500, output: 6000 },
      { provider: "Novita", slug: "novita/fp4", quantization: "fp4", input: 1000, output: 5000 },
      { provider: "Parasail", slug: "parasail/fp4", quantization: "fp4", input: 900, output: 4500 },
      { provider: "Cerebras", slug: "cerebras", quantization: "fp16", input: 2500, output: 6900 },
      { provider: "Baseten", slug: "baseten/fp4", quantization: "fp4", input: 1000, output: 5000 },
    ],
  },
  {
    slug: "meta-llama/llama-3.3-70b-instruct",
    endpoints: [
      { provider: "DeepInfra", slug: "deepinfra/fp8", quantization: "fp8", input: 2300, output: 4000 },
      { provider: "Groq", slug: "groq", quantization: "fp16", input: 5900, output: 7900 },
      { provider: "Together", slug: "together/fp8", quantization: "fp8", input: 8800, output: 8800 },
      { provider: "Novita", slug: "novita/bf16", quantization: "bf16", input: 1300, output: 3900 },
      { provider: "Nebius", slug: "nebius/fp8", quantization: "fp8", input: 1300, output: 4000 },
      { provider: "Lambda", slug: "lambda/fp8", quantization: "fp8", input: 1200, output: 3000 },
    ],
  },
];

/** USD per token as OpenRouter writes it: USD per 1M in 1e-4 units / 1e10. */
function perToken(tenThousandthsPerMillion: number): string {
  const s = String(tenThousandthsPerMillion).padStart(10, "0");
  return `0.${s}`.replace(/0+$/, "");
}

function endpointsCsv(date: string, shift: number): string {
  const lines = ["scrape_date,scraped_at,model_slug,permaslug,variant,endpoint_id,endpoint_name,provider_name,provider_slug,quantization,price_prompt,price_completion,price_cache_read,price_cache_write,discount,is_free,is_disabled,status"];
  for (const m of TOKEN_MODELS) {
    m.endpoints.forEach((e, i) => {
      // Groq reprices 20% lower on the last snapshot; one endpoint is disabled on the middle one.
      const factor = e.provider === "Groq" && shift === 2 ? 0.8 : 1;
      const disabled = shift === 1 && i === 3 ? "True" : "False";
      const id = `ep-${m.slug.split("/")[1]}-${e.slug.replace(/\//g, "-")}`;
      lines.push([date, `${date}T15:31:24+00:00`, m.slug, m.slug, "standard", id, `${e.provider} | ${m.slug}`, e.provider, e.slug, e.quantization, perToken(Math.round(e.input * factor)), perToken(Math.round(e.output * factor)), "", "", "0", "False", disabled, "0"].join(","));
    });
  }
  return `${lines.join("\n")}\n`;
}

export function writeScenario(dir: string = outDir): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "daily_observations_golden.csv"), gpuCsv());
  ["2026-08-01", "2026-08-04", "2026-08-08"].forEach((date, i) => writeFileSync(join(dir, `endpoints_${date}.csv`), endpointsCsv(date, i)));
}

if (import.meta.url === `file://${process.argv[1]}`) writeScenario();
