// Synthetic OpenRouter GET /api/v1/models payload of realistic shape ({"data":[...]}, USD per token strings).
import { chance, int, mulberry32, pick, priceText, type Rng } from "./prng.ts";

const AUTHORS = ["openai", "anthropic", "google", "meta-llama", "qwen", "deepseek", "mistralai", "z-ai", "moonshotai", "x-ai", "cohere", "nvidia", "minimax", "inclusionai", "thedrummer"];
const FAMILIES = ["gpt", "claude", "gemini", "llama", "qwen", "deepseek", "mistral", "glm", "kimi", "grok", "command", "nemotron", "minimax", "ling", "rocinante"];
const SIZES = ["mini", "flash", "pro", "large", "small", "turbo", "instruct", "chat", "air", "max"];
/** Index models appear in every payload so the normalizer's model mapping is exercised too. */
const INDEX_MODELS = ["openai/gpt-oss-120b", "openai/gpt-oss-20b", "meta-llama/llama-3.3-70b-instruct", "z-ai/glm-5.2", "deepseek/deepseek-v4-flash-0731", "moonshotai/kimi-k2.6"];
const PARAMETERS = ["frequency_penalty", "include_reasoning", "logprobs", "max_tokens", "presence_penalty", "reasoning", "repetition_penalty", "seed", "stop", "temperature", "tool_choice", "tools", "top_k", "top_p"];

/** USD per token, as OpenRouter writes it: "0.0000025" style strings (prices of $0.01..$80 per 1M). */
function perToken(rng: Rng): string {
  return priceText(rng, 10, 80_000, 9).replace(/0+$/, "").replace(/\.$/, "");
}

function modelId(rng: Rng, i: number): string {
  if (i < INDEX_MODELS.length) return INDEX_MODELS[i]!;
  const author = pick(rng, AUTHORS);
  const base = `${author}/${pick(rng, FAMILIES)}-${int(rng, 1, 9)}.${int(rng, 0, 9)}-${pick(rng, SIZES)}-${i}`;
  return chance(rng, 0.08) ? `${base}:free` : chance(rng, 0.05) ? `${base}:batch` : base;
}

function pricing(rng: Rng, id: string): Record<string, unknown> {
  if (id.endsWith(":free")) return { prompt: "0", completion: "0" };
  if (chance(rng, 0.01)) return { prompt: "-1", completion: "-1" };
  const p: Record<string, unknown> = { prompt: perToken(rng), completion: perToken(rng) };
  if (chance(rng, 0.6)) p.input_cache_read = perToken(rng);
  if (chance(rng, 0.25)) p.input_cache_write = perToken(rng);
  if (chance(rng, 0.3)) p.web_search = "0.01";
  if (chance(rng, 0.07)) {
    p.overrides = [32_000, 256_000].map((min) => ({ min_prompt_tokens: min, prompt: perToken(rng), completion: perToken(rng) }));
  }
  return p;
}

function model(rng: Rng, i: number, created: number): Record<string, unknown> {
  const id = modelId(rng, i);
  const context = pick(rng, [8192, 32768, 131072, 262144, 1048576]);
  return {
    id,
    canonical_slug: `${id.replace(/:.*$/, "")}-2026${String(int(rng, 1, 12)).padStart(2, "0")}${String(int(rng, 1, 28)).padStart(2, "0")}`,
    hugging_face_id: chance(rng, 0.4) ? id.replace(/:.*$/, "") : null,
    name: `${id.split("/")[0]}: ${id.split("/")[1]}`,
    created: created - int(rng, 0, 60_000_000),
    description: `A synthetic model description of realistic length for benchmark ${i}. `.repeat(int(rng, 2, 5)),
    context_length: context,
    architecture: { modality: "text->text", input_modalities: ["text"], output_modalities: ["text"], tokenizer: pick(rng, ["GPT", "Llama3", "Qwen", "Other", "Claude"]), instruct_type: null },
    pricing: pricing(rng, id),
    top_provider: { context_length: context, max_completion_tokens: pick(rng, [4096, 16384, 32768, null]), is_moderated: chance(rng, 0.3) },
    per_request_limits: null,
    supported_parameters: PARAMETERS.filter(() => chance(rng, 0.7)),
    default_parameters: {},
    knowledge_cutoff: null,
    expiration_date: null,
    links: { details: `/api/v1/models/${id}/endpoints` },
  };
}

/** The payload as bytes: `models` entries, the first few being the index models. */
export function generateOpenRouterModels(opts: { seed: number; models: number }): Uint8Array {
  const rng = mulberry32(opts.seed);
  const data = Array.from({ length: opts.models }, (_, i) => model(rng, i, 1_786_000_000));
  return new TextEncoder().encode(JSON.stringify({ data }));
}
