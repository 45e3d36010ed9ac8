// Registry of the token-price sources: every module's SourceDef, in a stable order.
import type { SourceDef } from "../types.ts";
import { chinaCny } from "./china-cny.ts";
import { deepinfra } from "./deepinfra.ts";
import { genaiPrices } from "./genai-prices.ts";
import { huggingface } from "./huggingface.ts";
import { litellm } from "./litellm.ts";
import { llmPrices } from "./llm-prices.ts";
import { openrouter } from "./openrouter.ts";
import { openrouterEndpoints } from "./openrouter-endpoints.ts";
import { openrouterVolume } from "./openrouter-volume.ts";

export const tokenSources: SourceDef[] = [
  openrouter,
  openrouterEndpoints,
  openrouterVolume,
  litellm,
  genaiPrices,
  deepinfra,
  huggingface,
  chinaCny,
  llmPrices,
];
