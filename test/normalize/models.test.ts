// Canonical model ids: pinned ids from every source format, nulls, variants, quantization hints, idempotence.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalModel,
  createModelCatalog,
  defaultModelCatalog,
  isExcludedVariant,
  normalizeQuantization,
  resolveModel,
} from "../../src/normalize/models/index.ts";
import { nameKey } from "../../src/normalize/models/parse-id.ts";
import { defaultTokenizerTable } from "../../src/normalize/models/tokenizers.ts";
import { fixturePath } from "../helpers/shared.ts";

interface Pin {
  source: string;
  raw: string;
  provider?: string;
  sourceId?: string;
  id: string;
  variant?: string | null;
  quantizationHint?: string | null;
}
const pins = JSON.parse(readFileSync(fixturePath("models", "pinned-ids.json"), "utf8")) as {
  maps: Pin[];
  null: { raw: string; provider?: string; why: string }[];
};
const opts = (provider?: string, source?: string) => ({
  ...(provider === undefined ? {} : { provider }),
  ...(source === undefined ? {} : { source }),
});

describe("canonicalModel: pinned ids from each source format", () => {
  it.each(pins.maps)("$source $raw -> $id", (pin) => {
    const identity = canonicalModel(pin.raw, opts(pin.provider, pin.sourceId));
    expect(identity?.id).toBe(pin.id);
    expect(identity?.variant).toBe(pin.variant ?? null);
    if (pin.quantizationHint !== undefined) expect(identity?.quantizationHint).toBe(pin.quantizationHint);
  });

  it.each(pins.null)("stays null: '$raw' ($why)", ({ raw, provider }) => {
    const resolution = resolveModel(raw, opts(provider));
    expect(resolution.identity).toBeNull();
    expect(resolution.reason.length).toBeGreaterThan(0);
  });
});

describe("canonicalModel: identity fields", () => {
  it("gives family, version, open weights, tokenizer and evidence", () => {
    const identity = canonicalModel("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo");
    expect(identity).toMatchObject({
      id: "meta-llama/llama-3.3-70b-instruct",
      family: "llama-3",
      version: "3.3-70b-instruct",
      openWeight: true,
      tokenizer: "llama3",
      quantizationHint: null,
      variant: "turbo",
    });
    expect(identity?.evidence).toContain("route prefix 'together_ai/'");
    expect(identity?.evidence).toContain("'-turbo'");
  });

  it("keeps a dated revision apart from its predecessor (a new series, never merged)", () => {
    const base = canonicalModel("deepseek/deepseek-v4-flash");
    const revision = canonicalModel("deepseek-v4-flash-0731");
    expect(base?.id).not.toBe(revision?.id);
    expect(defaultModelCatalog.byId.get("deepseek/deepseek-v4-flash-0731")?.successorOf).toBe("deepseek/deepseek-v4-flash");
  });

  it("marks closed first-party models", () => {
    expect(canonicalModel("anthropic/claude-sonnet-4.5")?.openWeight).toBe(false);
    expect(canonicalModel("openai/gpt-4o-mini")?.tokenizer).toBe("o200k");
    expect(canonicalModel("openai/gpt-4")?.tokenizer).toBe("cl100k");
  });

  it("reads the free variant as excluded from price indices", () => {
    expect(isExcludedVariant(canonicalModel("deepseek/deepseek-v3.2:free")?.variant ?? null)).toBe(true);
    expect(isExcludedVariant(canonicalModel("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo-Free")?.variant ?? null)).toBe(true);
    expect(isExcludedVariant(canonicalModel("openai/gpt-oss-120b:nitro")?.variant ?? null)).toBe(false);
    expect(isExcludedVariant(null)).toBe(false);
  });

  it("applies provider quantization rules only where documented", () => {
    expect(canonicalModel("meta-llama/Llama-3.3-70B-Instruct-Turbo", { provider: "deepinfra" })?.quantizationHint).toBe("fp8");
    expect(canonicalModel("meta-llama/Llama-3.3-70B-Instruct-Turbo", { provider: "together" })?.quantizationHint).toBeNull();
  });
});

describe("canonicalModel: idempotent on its own output ids", () => {
  const providers = [undefined, ...Object.keys(defaultModelCatalog.data.scopedAliases), "groq", "anthropic", "alibaba"];
  it("maps every canonical id to itself, in every namespace", () => {
    for (const model of defaultModelCatalog.data.models) {
      for (const provider of providers) {
        const identity = canonicalModel(model.id, opts(provider, "openrouter-endpoints"));
        expect(canonicalModel(model.id, opts(provider))?.id).toBe(model.id);
        expect(identity?.id, `${model.id} (${provider ?? "no namespace"})`).toBe(model.id);
        expect(identity?.variant).toBeNull();
      }
    }
  });

  it("property: canonical(canonical(x).id).id === canonical(x).id for decorated raw ids", () => {
    const ids = defaultModelCatalog.data.models.map((m) => m.id);
    const aliases = defaultModelCatalog.data.models.flatMap((m) => m.aliases.filter((a) => !a.includes("/")));
    const decorate = fc.record({
      base: fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...aliases)),
      prefix: fc.constantFrom("", "together_ai/", "deepinfra/", "openrouter/", "vertex_ai/"),
      suffix: fc.constantFrom("", "-Turbo", "-FP8", ":free", ":nitro", "-fast", "-maas"),
      upper: fc.boolean(),
    });
    fc.assert(
      fc.property(decorate, ({ base, prefix, suffix, upper }) => {
        const raw = `${prefix}${upper ? base.toUpperCase() : base}${suffix}`;
        const first = canonicalModel(raw);
        if (first === null) return true;
        return canonicalModel(first.id)?.id === first.id;
      }),
      { numRuns: 400, seed: 20260808 },
    );
  });
});

describe("canonicalModel: total", () => {
  it("never throws, whatever the text", () => {
    const pieces = fc.constantFrom("/", ":", ".", "-", "~", "@", " ", "free", "v1:0", "meta", "llama-3.3", "deepseek", "0");
    const text = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 8 }).map((p) => p.join("")));
    fc.assert(fc.property(text, fc.option(fc.string(), { nil: undefined }), (raw, provider) => {
      const resolution = resolveModel(raw, opts(provider, provider));
      return resolution.identity === null || defaultModelCatalog.byId.has(resolution.identity.id);
    }), { numRuns: 500, seed: 7 });
  });
});

describe("model taxonomy data", () => {
  it("names a tokenizer family that tokenizers.json describes, for every model", () => {
    const families = new Set(Object.keys(defaultTokenizerTable.tokenizers));
    const missing = defaultModelCatalog.data.models.filter((m) => !families.has(m.tokenizer)).map((m) => m.id);
    expect(missing).toEqual([]);
  });

  it("rejects an alias claimed by two models", () => {
    const data = structuredClone(defaultModelCatalog.data);
    data.models[1]!.aliases.push(data.models[0]!.id.split("/")[1]!);
    expect(() => createModelCatalog(data)).toThrow(/maps to both/);
  });

  it("rejects a scoped alias that shadows another model's canonical name", () => {
    const data = structuredClone(defaultModelCatalog.data);
    data.scopedAliases["openrouter"] = { "openai/gpt-oss-20b": "openai/gpt-oss-120b" };
    expect(() => createModelCatalog(data)).toThrow(/shadows/);
  });

  it("normalizes the decimal spellings sources use", () => {
    expect(nameKey("kimi-k2p5")).toBe("kimi-k2.5");
    expect(nameKey("Meta-Llama-3_3-70B-Instruct")).toBe("meta-llama-3.3-70b-instruct");
    expect(nameKey("llama3-3-70b-instruct")).toBe("llama3.3-70b-instruct");
    expect(nameKey("qwen3-8b")).toBe("qwen3-8b");
    expect(nameKey("gpt-4o-2024-08-06")).toBe("gpt-4o-2024-08-06");
  });
});

describe("normalizeQuantization", () => {
  it.each([
    ["fp4", "fp4"], ["mxfp4", "fp4"], ["NVFP4", "fp4"], ["fp8", "fp8"], ["FP8_dynamic", "fp8"], ["bf16", "bf16"],
    ["fp16", "fp16"], ["fp32", "fp32"], ["int8", "int8"], ["int4", "int4"], ["awq", "int4"], ["unknown", "unknown"],
    ["", "unknown"], ["fp6", "unknown"], [null, "unknown"], [undefined, "unknown"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalizeQuantization(raw)).toBe(expected);
  });
});
