import { describe, expect, it } from "vitest";
import { huggingface, parseHuggingFace } from "../../../src/sources/token/huggingface.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { fixturePath } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

// No real capture of this API is in ../shared/fixtures: the fixture follows the public shape.
describe("huggingface router models", () => {
  const result = parseHuggingFace(captureFile(fixturePath("sources", "token", "huggingface_router_models.json")));
  const quotes = tokenQuotes(result);

  it("quotes each live model x provider in USD per 1M", () => {
    expect(quoteFor(quotes, "openai/gpt-oss-120b", "cerebras")).toEqual({
      kind: "token", provider: "cerebras", model: "openai/gpt-oss-120b", endpointId: null, quantization: "unknown",
      currency: "USD", perTokens: 1000000, input: "0.25", output: "0.69", cachedInput: null, cacheWrite: null,
      tier: "executable_quote", volumeTokens: null, observedAt: null, locator: "data[0] openai/gpt-oss-120b providers[0] cerebras",
    });
    expect(quoteFor(quotes, "openai/gpt-oss-120b", "novita")).toMatchObject({ input: "0.1", output: "0.5" });
    expect(quoteFor(quotes, "meta-llama/Llama-3.3-70B-Instruct", "groq")).toMatchObject({ input: "0.59", output: "0.79" });
    expect(quotes).toHaveLength(3);
  });

  it("skips with reasons", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "status staging: not live": 1,
      "no input/output token price pair": 1,
      free: 1,
      "not a text-output model": 1,
      "no providers": 1,
      "no model id": 1,
    });
  });

  it("throws on unusable captures", () => {
    expect(() => parseHuggingFace(captureOf('{"error":"rate limited"}'))).toThrow(SourceParseError);
    expect(huggingface.requests(null)).toEqual([{ url: "https://router.huggingface.co/v1/models" }]);
  });
});
