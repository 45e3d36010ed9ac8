// The compiled quote check returns exactly zod's output, or null (zod decides); it knows every schema field.
import { describe, expect, it } from "vitest";
import { GpuQuote, TokenQuote } from "../../src/schemas/quote.ts";
import { checkGpuQuote, checkTokenQuote, GPU_FIELDS, TOKEN_FIELDS } from "../../src/sources/quote-check.ts";

const gpu = { kind: "gpu", provider: "aws", sku: "p5.48xlarge", gpuName: "H100", gpuInfo: null, gpuMemoryGiB: 80, gpuCount: "8", price: "98.32", priceBasis: "instance", gpuUnit: "stated", currency: "USD", term: "on_demand", region: "us-east-1", vcpus: 192, memoryGiB: 2048, tier: "list_price", locator: "row 1" } as const;
const token = { kind: "token", provider: "openrouter", model: "openai/gpt-oss-120b", currency: "USD", perTokens: 1, input: "0.0000001", output: "0.0000005", cachedInput: null, cacheWrite: null, tier: "list_price", locator: "[0]" } as const;

describe("quote-check", () => {
  it("knows every field of both schemas, in schema order", () => {
    expect([...GPU_FIELDS]).toEqual(Object.keys(GpuQuote.shape));
    expect([...TOKEN_FIELDS]).toEqual(Object.keys(TokenQuote.shape));
  });

  it("gives zod's output (keys and order) for valid quotes", () => {
    for (const c of [gpu, { ...gpu, gpuInfo: "x", gpuMemoryGiB: null, vcpus: 0, gpuUnit: undefined }]) {
      expect(JSON.stringify(checkGpuQuote(c as never))).toBe(JSON.stringify(GpuQuote.parse(c)));
    }
    for (const c of [token, { ...token, cachedInput: "0.1", endpointId: "e", quantization: "fp8" }]) {
      expect(JSON.stringify(checkTokenQuote(c as never))).toBe(JSON.stringify(TokenQuote.parse(c)));
    }
  });

  it("leaves every invalid or unusual candidate to zod", () => {
    const gpuBad = [{ gpuCount: "1e3" }, { price: " 1" }, { gpuMemoryGiB: 0 }, { gpuMemoryGiB: Number.NaN }, { vcpus: -1 }, { term: "x" }, { provider: "" }, { observedAt: "2026-11-20T12:00:00.000Z" }, { offers: 3 }];
    for (const patch of gpuBad) expect(checkGpuQuote({ ...gpu, ...patch } as never)).toBeNull();
    const tokenBad = [{ input: undefined }, { output: "-" }, { perTokens: 10 }, { model: "" }, { priceBasis: "list" }, { volumeTokens: 5 }];
    for (const patch of tokenBad) expect(checkTokenQuote({ ...token, ...patch } as never)).toBeNull();
  });
});
