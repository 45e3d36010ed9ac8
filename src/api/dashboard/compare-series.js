// Pure pieces of the compare view (no DOM): per-character normalization and the USD vs CNY pairing of token series.

/**
 * How an index is drawn "per 1M Chinese characters": its price per 1M tokens times its tokenizer's tokens per
 * Chinese character, in its own currency (a CNY series stays in CNY). `ix` is a /v1/indices/:code answer.
 */
/** @returns {{ skipped: string, factor?: undefined, unit?: undefined } | { skipped?: undefined, factor: number, unit: string }} */
export function perCharFactor(ix) {
  if (ix.family !== "token") return { skipped: "a GPU index has no tokens" };
  if (ix.tokensPerChineseChar === null || ix.tokensPerChineseChar === undefined) {
    return { skipped: `no tokens-per-character ratio for tokenizer ${ix.tokenizer ?? "unknown"} (methodology/taxonomy/tokenizers.json)` };
  }
  return { factor: Number(ix.tokensPerChineseChar), unit: `${ix.currency}/1M Chinese chars` };
}

/** [x, y] chart points of the published values (display only: the API keeps the exact strings). */
export function chartPoints(fixings, factor, toX) {
  return fixings.filter((f) => f.value !== null).map((f) => [toX(f.fixingDate), Number(f.value) * factor]);
}

/**
 * The "USD vs CNY per character" preset: every blended CNY series, each after the blended USD series of the
 * same model (GLM-5.2: the USD market series beside Zhipu's CNY list price). `indices` is /v1/indices data.
 */
export function usdCnyCodes(indices) {
  const blends = indices.filter((d) => d.family === "token" && d.code.includes("-BLEND-") && d.product?.kind === "token");
  const usd = blends.filter((d) => d.currency === "USD");
  const codes = [];
  // One-model series only: a basket (several models) has no single USD partner.
  for (const cny of blends.filter((d) => d.currency === "CNY" && d.product.models.length === 1)) {
    // The first USD blend of the model: the pooled series (a quantization series such as GLM52FP8 comes after it).
    const partner = usd.find((u) => u.product.models.some((m) => cny.product.models.includes(m)));
    if (partner) codes.push(partner.code);
    codes.push(cny.code);
  }
  return codes;
}
