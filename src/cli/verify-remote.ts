// `cpi verify --manifest <file|url> --api <base>`: check a mirrored manifest against the publisher's API only (no database).
import { request } from "undici";
import { checkManifestOverApi, type GetJson } from "../jobs/manifest-remote.ts";
import type { CliIo } from "./io.ts";

export function httpGetJson(base: string): GetJson {
  const root = base.replace(/\/+$/, "");
  return async (path) => {
    const res = await request(`${root}${path}`, { headers: { accept: "application/json" }, headersTimeout: 30_000, bodyTimeout: 30_000 });
    const text = await res.body.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.statusCode, body };
  };
}

export async function verifyOverApi(input: unknown, get: GetJson, io: CliIo): Promise<number> {
  const r = await checkManifestOverApi(input, get);
  for (const p of r.problems) io.out(`FAIL ${p.row}: ${p.problem}`);
  io.out(`${r.problems.length === 0 ? "OK" : "FAILED"}: manifest of ${r.manifest?.createdAt ?? "?"} over the API: signature, ${r.indicesChecked} indices' newest records, the current manifest; ${r.problems.length} problems`);
  return r.problems.length === 0 ? 0 : 1;
}
