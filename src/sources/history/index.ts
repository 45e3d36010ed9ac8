// The table of history importers: format name -> pure importer (`cpi import <format> <file>`, scripts/build-data.ts).
import { importAwsDaily } from "./aws-daily.ts";
import { importChinaCny } from "./china-cny.ts";
import { importDailyObservations } from "./daily-observations.ts";
import { importGenaiPrices } from "./genai-prices.ts";
import { importLlmPrices } from "./llm-prices.ts";
import { importMultiTier } from "./multi-tier.ts";
import { importPrimeIntellect } from "./primeintellect.ts";
import { importLiteLlm, importOpenRouterEndpoints, importOpenRouterModels } from "./token-snapshots.ts";
import type { Importer } from "./types.ts";

export type { ImportContext, ImportResult, Importer, Rejection } from "./types.ts";
export { importSource, rejectionsByReason } from "./import-collector.ts";

export const importers: Record<string, Importer> = {
  "daily-observations": importDailyObservations,
  "llm-prices": importLlmPrices,
  "openrouter-endpoints": importOpenRouterEndpoints,
  "openrouter-models": importOpenRouterModels,
  litellm: importLiteLlm,
  primeintellect: importPrimeIntellect,
  "multi-tier": importMultiTier,
  "aws-daily": importAwsDaily,
  "genai-prices": importGenaiPrices,
  "china-cny": importChinaCny,
};

export const importFormats = Object.keys(importers).sort();
