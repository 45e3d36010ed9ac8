// Published fixings as stored, to prove that nothing reachable over HTTP rewrites or removes one.
import Database from "better-sqlite3";
import type { Published } from "./published.ts";

export interface FixingRowSnapshot {
  id: number;
  index_code: string;
  fixing_date: string;
  revision: number;
  status: string;
  value: string | null;
  published_at: string;
  body: string;
  prev_hash: string;
  hash: string;
  signature: string;
}

export function fixingsSnapshot(dbPath: string): FixingRowSnapshot[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT * FROM fixings ORDER BY id").all() as FixingRowSnapshot[];
  } finally {
    db.close();
  }
}

/**
 * Every row of `before` is still there, byte for byte; a row added since may only be a correction: a later
 * revision of a published date, matched by an audit entry of the operator action that wrote it.
 */
export async function immutabilityProblems(p: Published, before: FixingRowSnapshot[]): Promise<string[]> {
  const after = fixingsSnapshot(p.world.dbPath);
  const problems: string[] = [];
  const byId = new Map(after.map((r) => [r.id, r]));
  for (const row of before) {
    const now = byId.get(row.id);
    if (!now) problems.push(`fixing #${row.id} disappeared`);
    else if (JSON.stringify(now) !== JSON.stringify(row)) problems.push(`fixing #${row.id} changed`);
  }
  const audited = new Set((await p.store.listAudit(100_000)).filter((a) => a.action === "correct").map((a) => a.target));
  for (const row of after.slice(before.length)) {
    const target = `${row.index_code} ${row.fixing_date} rev ${row.revision}`;
    if (row.revision < 2 || !audited.has(target)) problems.push(`fixing #${row.id} (${target}) added without an audited correction`);
  }
  return problems;
}
