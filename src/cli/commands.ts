// The table of `cpi` commands: name -> lazily loaded module exporting `run` and a one-line summary.
import type { Command } from "./io.ts";

export interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
}

export const commands: Record<string, CommandEntry> = {
  serve: { summary: "open the database, load bundled history, schedule jobs, serve the API", load: () => import("./serve.ts") },
  collect: { summary: "collect [source...]: fetch sources now and ingest their captures", load: () => import("./collect.ts") },
  fix: { summary: "fix [--date YYYY-MM-DD] [--index CODE]: compute and publish fixings", load: () => import("./fix.ts") },
  parse: { summary: "parse <source> <file>: print normalized observations as JSON lines", load: () => import("./parse.ts") },
  backfill: { summary: "backfill [--from D] [--to D] [--index CODE]: back-calculate fixings over stored history", load: () => import("./backfill.ts") },
  verify: { summary: "verify [--from D] [--to D]: check the hash chain and signatures, recompute every fixing from stored inputs", load: () => import("./verify.ts") },
  import: { summary: "import <format> <file> [--capture-date D]: import a price-history file as observations", load: () => import("./import.ts") },
  ingest: { summary: "ingest <source> <file> [--observed-at T]: store a capture file and parse it", load: () => import("./ingest.ts") },
  classify: { summary: "classify \"<name>\" [--provider p]: hardware class, tags and evidence as JSON", load: () => import("./classify.ts") },
};
