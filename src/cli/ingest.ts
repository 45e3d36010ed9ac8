// `cpi ingest <source> <file> [--observed-at T]`: store a capture file as if collected, then parse it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { findSource } from "../sources/registry.ts";
import { ingestCapture } from "../jobs/ingest.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [sourceId, file] = positional;
  if (!sourceId || !file) {
    io.err("usage: cpi ingest <source> <file> [--observed-at ISO]");
    return 2;
  }
  const source = findSource(sourceId);
  if (!source) {
    io.err(`cpi ingest: unknown source "${sourceId}"`);
    return 2;
  }
  const observedAt = options["observed-at"];
  const fetchedAt = typeof observedAt === "string" ? new Date(observedAt) : clockOf(io)();
  if (Number.isNaN(fetchedAt.getTime())) {
    io.err(`cpi ingest: --observed-at must be an ISO 8601 time, got "${String(observedAt)}"`);
    return 2;
  }
  const path = resolve(io.cwd, file);
  const bytes = new Uint8Array(readFileSync(path));
  return withContext(io, async ({ store }) => {
    const meta = await store.putCapture({ sourceId: source.id, url: pathToFileURL(path).href, fetchedAt: fetchedAt.toISOString(), httpStatus: 200, contentType: null, bytes });
    const outcome = await ingestCapture(store, source, meta, bytes, () => clockOf(io)().toISOString());
    io.out(JSON.stringify({ capture: meta.id, sha256: meta.sha256, ...outcome }));
    return outcome.parseError ? 1 : 0;
  });
}
