// Loads and checks the versioned index definitions in methodology/indices.json.
import { z } from "zod";
import data from "../../methodology/indices.json" with { type: "json" };
import { IndexDefinition } from "../schemas/methodology.ts";
import { DecimalString } from "../schemas/decimal.ts";

/** Correction policy shared by every index (methodology/README.md, "Corrections and restatements"). */
export const CorrectionPolicy = z.object({
  /** Same-day republication only when |new - old| / |old| exceeds this (e.g. "0.001" = 0.1%). */
  republicationThreshold: DecimalString,
  /** Restatements are accepted up to this many days after the fixing date; none after. */
  restatementMaxDays: z.number().int().nonnegative(),
});
export type CorrectionPolicy = z.infer<typeof CorrectionPolicy>;

export const Methodology = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be a semantic version such as 1.2.0"),
  corrections: CorrectionPolicy,
  indices: z.array(IndexDefinition).min(1),
});
export type Methodology = z.infer<typeof Methodology>;

export class MethodologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MethodologyError";
  }
}

/** Consistency rules the schema alone cannot state; returns one message per problem. */
function consistencyProblems(m: Methodology): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const def of m.indices) {
    if (seen.has(def.code)) problems.push(`${def.code}: duplicate index code`);
    seen.add(def.code);
    if (def.family !== def.product.kind) problems.push(`${def.code}: family ${def.family} but product kind ${def.product.kind}`);
    if (!def.code.startsWith(def.family === "gpu" ? "GPU-" : "TOK-")) problems.push(`${def.code}: code does not start with the family prefix`);
    if (!def.unit.startsWith(`${def.currency}/`)) problems.push(`${def.code}: unit ${def.unit} is not in currency ${def.currency}`);
    // The cap must be reachable: n providers at most `cap` each must be able to hold all the weight.
    if (def.sufficiency.minProviders * def.concentrationCap < 1) {
      problems.push(`${def.code}: minProviders ${def.sufficiency.minProviders} x concentrationCap ${def.concentrationCap} < 1, the cap cannot hold`);
    }
    if (def.sufficiency.minObservations < def.sufficiency.minProviders) problems.push(`${def.code}: minObservations below minProviders`);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: def.fixing.timezone });
    } catch {
      problems.push(`${def.code}: unknown time zone ${def.fixing.timezone}`);
    }
  }
  return problems;
}

/** Validate methodology data (any JSON value); throws MethodologyError with a readable message. */
export function parseMethodology(input: unknown): Methodology {
  const parsed = Methodology.safeParse(input);
  if (!parsed.success) throw new MethodologyError(`invalid methodology/indices.json:\n${z.prettifyError(parsed.error)}`);
  const problems = consistencyProblems(parsed.data);
  if (problems.length > 0) throw new MethodologyError(`inconsistent methodology/indices.json:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return parsed.data;
}

/** The bundled methodology, validated. */
export function loadMethodology(): Methodology {
  return parseMethodology(data);
}

/** The definition of `code`; throws with the list of known codes when it does not exist. */
export function findIndex(m: Methodology, code: string): IndexDefinition {
  const def = m.indices.find((d) => d.code === code);
  if (!def) throw new MethodologyError(`unknown index ${code}; known: ${m.indices.map((d) => d.code).join(", ")}`);
  return def;
}
