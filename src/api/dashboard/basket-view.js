// Token 2.x fixing details for the index page: basket constituents and the diagnostics line (pure: rows and text).

/** One row per basket constituent of a fixing: model, weight %, price, base price, providers, status. */
export function constituentRows(fixing) {
  if (!fixing?.basket) return [];
  return fixing.basket.constituents.map((c) => ({
    model: c.model,
    weight: `${(Number(c.weight) * 100).toFixed(2)}%`,
    price: c.price ?? "–",
    basePrice: c.basePrice,
    providers: c.providers,
    status: c.status === "computed" ? "priced" : c.status === "carried" ? "carried from the prior fixing" : "at its base price",
  }));
}

/** The diagnostics of a 2.x token fixing in one sentence, or null on a 1.x fixing. */
export function diagnosticsText(fixing) {
  const d = fixing?.diagnostics;
  if (!d) return null;
  const pct = (s) => `${(Number(s) * 100).toFixed(1)}%`;
  const parts = [`weights: ${d.weightBasis.replace("_", " ")}`, `volume coverage ${pct(d.volumeCoverageShare)}`, `imputed ${pct(d.imputedShare)}`, `carried ${pct(d.fallbackShare)}`, `quality: ${d.qualityFlag.replace("_", " ")}`];
  if (fixing.roll) parts.push(`rolled ${fixing.roll.from} -> ${fixing.roll.to} on ${fixing.roll.effective} (link factor ${fixing.roll.linkFactor})`);
  if (fixing.basket) parts.push(`level ${fixing.basket.level} (reconstitution of ${fixing.basket.reconstitution})`);
  return parts.join(" · ");
}
