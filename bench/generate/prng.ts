// Seeded deterministic randomness for the bench data generators (mulberry32; never Math.random).

/** A generator of floats in [0, 1), fully determined by its seed. */
export type Rng = () => number;

/** mulberry32: a tiny 32-bit PRNG, plenty for synthetic data of realistic shape. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] inclusive. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/**
 * A decimal string for an integer count of 10^-decimals units (integer arithmetic only, so money
 * figures are exact strings: units 12345, decimals 4 -> "1.2345").
 */
export function decimalText(units: number, decimals: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(Math.round(units))).padStart(decimals + 1, "0");
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** A price in [lo, hi] (given in 10^-decimals units) as an exact decimal string. */
export function priceText(rng: Rng, lo: number, hi: number, decimals: number): string {
  return decimalText(int(rng, lo, hi), decimals);
}

/** Seeds for sub-generators derived from one seed and a label, so adding one stream never shifts another. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
