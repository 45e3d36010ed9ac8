// Every source cpi knows, by id. Adding a source module means adding it to its family's list.
import type { SourceDef } from "./types.ts";
import { tokenSources } from "./token/index.ts";
import { gpuSources } from "./gpu/index.ts";
import { fxSources } from "./fx/index.ts";

export const allSources: SourceDef[] = [...tokenSources, ...gpuSources, ...fxSources];

export function findSource(id: string, sources: SourceDef[] = allSources): SourceDef | undefined {
  return sources.find((s) => s.id === id);
}

/** Enabled, or disabled with the reason (a keyed source without its key). */
export function sourceState(source: SourceDef, env: Record<string, string | undefined>): { enabled: boolean; reason: string | null; key: string | null } {
  let key: string | null = null;
  if (source.requiresKey) {
    key = env[source.requiresKey.env] || null;
    if (!key) return { enabled: false, reason: `disabled: ${source.requiresKey.reason} (set ${source.requiresKey.env})`, key: null };
  }
  // A source with no automatic requests is fed by hand (cpi ingest); it is never scheduled.
  if (!source.scoped && source.requests(key).length === 0) return { enabled: false, reason: "manual source: no public endpoint to schedule; load captures with cpi ingest", key };
  return { enabled: true, reason: null, key };
}
