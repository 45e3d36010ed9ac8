// Conformance of the model taxonomy on real captures: OpenRouter endpoints and catalogue, LiteLLM keys, China lists.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { canonicalModel, normalizeQuantization } from "../../src/normalize/models/index.ts";
import { describeShared, sharedFiles, sharedPath } from "../helpers/shared.ts";

describeShared("models: OpenRouter endpoints_2026-08-08.csv", () => {
  const rows = () =>
    parse(readFileSync(sharedPath("openrouter", "endpoints_2026-08-08.csv")), { columns: true }) as Record<string, string>[];

  it("maps the open-weight models most providers serve, and most endpoint rows", () => {
    const all = rows();
    const slugs = new Set(all.map((r) => r["model_slug"]!));
    // As the normalizer calls it: the serving provider, and the source whose naming the slug follows.
    const maps = (r: Record<string, string>) => canonicalModel(r["model_slug"]!, { provider: r["provider_slug"]!, source: "openrouter-endpoints" }) !== null;
    const mapped = new Set(all.filter(maps).map((r) => r["model_slug"]!));
    const mappedRows = all.filter(maps).length;
    // Measured 2026-08: 236 of 448 slugs, 932 of 1238 rows; the rest are '~' routers, media and embedding models, fine-tunes.
    expect(mapped.size).toBeGreaterThanOrEqual(236);
    expect(mappedRows / all.length).toBeGreaterThan(0.75);
    for (const slug of ["openai/gpt-oss-120b", "openai/gpt-oss-20b", "meta-llama/llama-3.3-70b-instruct", "deepseek/deepseek-v3.2", "z-ai/glm-5.2", "moonshotai/kimi-k2.6", "qwen/qwen3.5-397b-a17b"]) {
      expect(mapped.has(slug), slug).toBe(true);
    }
    expect([...slugs].filter((s) => s.startsWith("~") && mapped.has(s))).toEqual([]);
  });

  it("places every published quantization label", () => {
    const labels = new Set(rows().map((r) => r["quantization"] ?? ""));
    for (const label of labels) {
      if (label === "unknown" || label === "") expect(normalizeQuantization(label)).toBe("unknown");
      else expect(normalizeQuantization(label), label).not.toBe("unknown");
    }
  });
});

describeShared("models: OpenRouter models_2026-08-08.json", () => {
  it("gives the same canonical id to the OpenRouter slug, its permaslug and its Hugging Face id", () => {
    const raw = JSON.parse(readFileSync(sharedPath("openrouter", "models_2026-08-08.json"), "utf8")) as unknown;
    const list = (Array.isArray(raw) ? raw : (raw as { data: unknown[] }).data) as { id: string; canonical_slug?: string; hugging_face_id?: string | null }[];
    let checked = 0;
    for (const model of list) {
      const identity = canonicalModel(model.id, { provider: "openrouter" });
      // A variant slug (`claude-opus-5-fast`) has a permaslug of its own that is not an alias of the base model.
      if (identity === null || identity.variant !== null) continue;
      // OpenRouter's `qwen/qwen-plus` resells the vendor's moving `qwen-plus`; its permaslug names the snapshot of
      // the listing date, which the taxonomy does not merge into the moving alias.
      if (model.canonical_slug && model.canonical_slug !== "qwen/qwen-plus-2025-01-25") expect(canonicalModel(model.canonical_slug, { provider: "openrouter" })?.id, model.canonical_slug).toBe(identity.id);
      if (model.hugging_face_id) {
        expect(canonicalModel(model.hugging_face_id, { provider: "huggingface" })?.id, model.hugging_face_id).toBe(identity.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describeShared("models: LiteLLM model_prices_2026-07-24.json", () => {
  const prices = () => JSON.parse(readFileSync(sharedPath("litellm", "model_prices_2026-07-24.json"), "utf8")) as Record<string, { mode?: string; litellm_provider?: string }>;

  it("never maps a key to a different model than the one it names", () => {
    const named: [RegExp, string][] = [
      [/gpt-oss-120b/i, "openai/gpt-oss-120b"],
      [/llama-?3[.\-_]3-70b/i, "meta-llama/llama-3.3-70b-instruct"],
      [/deepseek[.-]v3[.p]2(?!-(exp|speciale))/i, "deepseek/deepseek-v3.2"],
    ];
    let hits = 0;
    for (const [key, entry] of Object.entries(prices())) {
      if (entry.mode !== "chat") continue;
      const identity = canonicalModel(key, entry.litellm_provider ? { provider: entry.litellm_provider } : {});
      for (const [pattern, id] of named) {
        if (!pattern.test(key) || identity === null) continue;
        expect(identity.id, key).toBe(id);
        hits++;
      }
    }
    expect(hits).toBeGreaterThan(50);
  });
});

describeShared("models: China CNY price lists 2026-08-21", () => {
  it("maps the chat models of DeepSeek, Zhipu, Moonshot and MiniMax lists", () => {
    const unmapped: string[] = [];
    for (const file of sharedFiles("china/cny_price_lists_2026-08-21", /^providers_(deepseek|zhipu|moonshot|minimax)\.json$/)) {
      const list = JSON.parse(readFileSync(file, "utf8")) as { provider: string; models: { modelName: string; serviceType?: string[] }[] };
      for (const model of list.models) {
        if (!model.serviceType?.includes("chat")) continue;
        if (canonicalModel(model.modelName, { provider: list.provider }) === null) unmapped.push(`${list.provider}:${model.modelName}`);
      }
    }
    // Known gaps: Moonshot v1 (retired family), GLM FlashX, MiniMax M2-her (not in the taxonomy).
    expect(unmapped.filter((u) => !/moonshot-v1|flashx|m2-her/i.test(u))).toEqual([]);
  });
});
