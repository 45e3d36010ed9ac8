// Public surface of the model taxonomy: canonical ids, quantization labels, tokenizer normalization.
export { canonicalModel, isExcludedVariant, resolveModel } from "./canonical.ts";
export type { CanonicalOptions, ModelIdentity, ModelResolution } from "./canonical.ts";
export { createModelCatalog, defaultModelCatalog } from "./catalog.ts";
export type { CatalogModel, ModelCatalog, Quantization } from "./catalog.ts";
export { normalizeQuantization } from "./quantization.ts";
export type { NormalizedQuantization } from "./quantization.ts";
export { defaultTokenizerTable, pricePerMillionChars } from "./tokenizers.ts";
export type { TextMix } from "./tokenizers.ts";
export { TokenizerTable } from "./token-ratios.ts";
