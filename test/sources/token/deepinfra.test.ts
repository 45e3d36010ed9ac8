import { describe, expect, it } from "vitest";
import { deepinfra, parseDeepInfra } from "../../../src/sources/token/deepinfra.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { fixturePath } from "../../helpers/shared.ts";
import { captureFile, captureOf, expectReasoned, quoteFor, reasonCounts, tokenQuotes } from "./capture.ts";

// No real capture of this API is in ../shared/fixtures: the fixture follows the public shape.
describe("deepinfra models/list", () => {
  const result = parseDeepInfra(captureFile(fixturePath("sources", "token", "deepinfra_models_list.json")));
  const quotes = tokenQuotes(result);

  it("converts cents per token to USD per token exactly", () => {
    expect(quoteFor(quotes, "meta-llama/Llama-3.3-70B-Instruct-Turbo")).toEqual({
      kind: "token", provider: "deepinfra", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", endpointId: null,
      quantization: "unknown", currency: "USD", perTokens: 1, input: "0.0000001", output: "0.00000032", cachedInput: null,
      cacheWrite: null, tier: "list_price", volumeTokens: null, observedAt: null, locator: "[0] meta-llama/Llama-3.3-70B-Instruct-Turbo",
    });
    expect(quoteFor(quotes, "openai/gpt-oss-120b")).toMatchObject({ input: "0.00000005", output: "0.00000045", cachedInput: "0.000000025" });
    expect(quoteFor(quotes, "deepseek-ai/DeepSeek-V4-Flash")).toMatchObject({ input: "0.00000009", output: "0.00000018", locator: "[2] deepseek-ai/DeepSeek-V4-Flash discount=0.5" });
    expect(quotes).toHaveLength(3);
  });

  it("skips every other row with a reason", () => {
    expectReasoned(result);
    expect(reasonCounts(result)).toEqual({
      "type embeddings: not a text-generation model": 1,
      "type text-to-image: not a text-generation model": 1,
      "pricing type time: not per token": 1,
      deprecated: 1,
      free: 1,
      "no input/output token price pair": 1,
      "no model_name": 1,
    });
    expect(quotes.length + result.skipped.length).toBe(10);
  });

  it("throws on unusable captures", () => {
    expect(() => parseDeepInfra(captureOf('{"detail":"Not Found"}'))).toThrow(SourceParseError);
    expect(() => parseDeepInfra(captureOf("<html>502</html>"))).toThrow(SourceParseError);
    expect(deepinfra.requests(null)).toEqual([{ url: "https://api.deepinfra.com/models/list" }]);
  });
});
