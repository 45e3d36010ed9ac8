// The WHERE clause of an observation filter, once for every SQL backend: each backend supplies its placeholder
// style and how it matches a list of products.
import type { ObservationFilter } from "./types.ts";

export interface SqlDialect {
  /** The placeholder of the n-th parameter (1-based): "?" for SQLite, "$n" for PostgreSQL. */
  placeholder(n: number): string;
  /** `product` in a list: SQLite expands one placeholder per product, PostgreSQL binds one array. */
  productIn(products: readonly string[], next: (value: unknown) => string): string;
}

const EQUALITY: [keyof ObservationFilter, string][] = [
  ["kind", "kind"], ["metric", "metric"], ["provider", "provider"], ["source", "source"], ["term", "term"],
  ["region", "region"], ["providerTier", "provider_tier"], ["tier", "tier"],
];

export function observationWhere(f: ObservationFilter, dialect: SqlDialect): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  for (const [key, column] of EQUALITY) if (f[key] !== undefined) clauses.push(`${column} = ${next(f[key])}`);
  if (f.products && f.products.length > 0) clauses.push(dialect.productIn(f.products, next));
  if (f.from !== undefined) clauses.push(`observed_at >= ${next(f.from)}`);
  if (f.to !== undefined) clauses.push(`observed_at < ${next(f.to)}`);
  if (f.maxId !== undefined) clauses.push(`id <= ${next(f.maxId)}`);
  if (f.afterId !== undefined) clauses.push(`id > ${next(f.afterId)}`);
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}
