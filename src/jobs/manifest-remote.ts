// A mirrored manifest checked over the publisher's public API, without its database: what a third party can run.
import { z } from "zod";
import { SignedManifest } from "../schemas/manifest.ts";
import { checkSignature, type ManifestProblem } from "./manifest-check.ts";

/** GET a path of the API: status and parsed JSON body (null when there is none). */
export type GetJson = (path: string) => Promise<{ status: number; body: unknown }>;

const Keys = z.object({ data: z.array(z.object({ keyId: z.string(), publicKeyPem: z.string() })) });
const Published = z.object({ hash: z.string(), revision: z.number().int() });

export interface RemoteReport {
  problems: ManifestProblem[];
  indicesChecked: number;
  manifest: SignedManifest | null;
}

/**
 * The manifest's signature (keys from /v1/keys), each index's newest record as the API serves it as of the
 * manifest's time (a removed tail answers 404, a rewritten record another hash), and the publisher's current
 * manifest, which must list at least as many records (the chain only grows).
 */
export async function checkManifestOverApi(input: unknown, get: GetJson): Promise<RemoteReport> {
  const report: RemoteReport = { problems: [], indicesChecked: 0, manifest: null };
  const problem = (row: string, text: string) => report.problems.push({ row, problem: text });
  const parsed = SignedManifest.safeParse(input);
  if (!parsed.success) {
    problem("manifest", `not a cpi manifest: ${z.prettifyError(parsed.error)}`);
    return report;
  }
  const m = (report.manifest = parsed.data);
  const keys = Keys.safeParse((await get("/v1/keys")).body);
  checkSignature(m, new Map(keys.success ? keys.data.data.map((k) => [k.keyId, k.publicKeyPem]) : []), problem);
  for (const want of m.fixings.perIndex) {
    report.indicesChecked++;
    const at = `${want.latest.fixingDate} rev ${want.latest.revision}`;
    const res = await get(`/v1/indices/${encodeURIComponent(want.index)}/fixings/${want.latest.fixingDate}?as_of=${encodeURIComponent(m.createdAt)}`);
    const served = Published.safeParse(res.body);
    if (res.status === 404) problem(`index ${want.index}`, `its record ${at} listed by the manifest is not served (removed)`);
    else if (!served.success) problem(`index ${want.index}`, `GET of its record ${at} answered HTTP ${res.status}`);
    else if (served.data.hash !== want.latest.hash) problem(`index ${want.index}`, `its record ${at} is served with another hash (${served.data.hash.slice(0, 12)}… vs ${want.latest.hash.slice(0, 12)}…): rewritten`);
  }
  const current = SignedManifest.safeParse((await get("/v1/manifest")).body);
  if (!current.success) problem("current manifest", "the publisher serves no valid manifest");
  else {
    if (current.data.fixings.count < m.fixings.count) problem("current manifest", `lists ${current.data.fixings.count} fixing records, fewer than the ${m.fixings.count} of ${m.createdAt} (records were removed)`);
    for (const want of m.fixings.perIndex) {
      const now = current.data.fixings.perIndex.find((p) => p.index === want.index);
      if (!now || now.count < want.count) problem(`index ${want.index}`, `the current manifest lists ${now?.count ?? 0} of its records, fewer than ${want.count}`);
    }
  }
  return report;
}
