// The table of `cpi` commands: name -> lazily loaded module exporting `run` and a one-line summary.
import type { Command } from "./io.ts";

export interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: Command }>;
}

export const commands: Record<string, CommandEntry> = {
  serve: { summary: "serve [--role api|scheduler|all]: open the database, load bundled history, schedule jobs (leader only), serve the API", load: () => import("./serve.ts") },
  collect: { summary: "collect [source...]: fetch sources now and ingest their captures", load: () => import("./collect.ts") },
  fix: { summary: "fix [--date YYYY-MM-DD] [--index CODE]: compute and publish fixings", load: () => import("./fix.ts") },
  parse: { summary: "parse <source> <file>: print normalized observations as JSON lines", load: () => import("./parse.ts") },
  backfill: { summary: "backfill [--from D] [--to D] [--index CODE]: back-calculate fixings over stored history", load: () => import("./backfill.ts") },
  correct: { summary: "correct <CODE> <DATE> --reason R [--actor A]: recompute a fixing; republish or restate it if the policy allows", load: () => import("./correct.ts") },
  "rotate-key": { summary: "rotate-key --reason R [--actor A]: retire the signing key (kept for verify) and create a new one", load: () => import("./rotate-key.ts") },
  review: { summary: "review [--from D] [--to D] [--json]: per series publication figures for the annual methodology review", load: () => import("./review.ts") },
  complaint: { summary: "complaint open|answer|close|list: the complaints register, in the append-only audit log", load: () => import("./complaint.ts") },
  audit: { summary: "audit [--limit N] [--json]: the operator audit log (corrections, key rotations), newest first", load: () => import("./audit.ts") },
  verify: { summary: "verify [--from D] [--to D] [--manifest F|URL [--api URL]]: check the hash chain and signatures, recompute every fixing from stored inputs; or check a signed manifest", load: () => import("./verify.ts") },
  manifest: { summary: "manifest [--out FILE]: sign a manifest of the published files and chain heads (served at /v1/manifest)", load: () => import("./manifest.ts") },
  import: { summary: "import <format> <file> [--capture-date D]: import a price-history file as observations", load: () => import("./import.ts") },
  settle: { summary: "settle <SERIES> <YYYY-MM> [--as-of T] [--indicative] | --freeze: a month's settlement (provisional or the final record); --freeze stores the finals due", load: () => import("./settle.ts") },
  sources: { summary: "sources [--json]: every source with schedule, state, last success and error", load: () => import("./sources.ts") },
  unmapped: { summary: "unmapped [--json]: product names the classifier could not map, per source", load: () => import("./unmapped.ts") },
  compare: { summary: "compare --peer <csv> [--index CODE]: our fixings beside a peer index (levels, change correlation)", load: () => import("./compare.ts") },
  ingest: { summary: "ingest <source> <file> [--observed-at T]: store a capture file and parse it", load: () => import("./ingest.ts") },
  "migrate-store": { summary: "migrate-store --from <db> --to <db>: copy a whole install (SQLite <-> PostgreSQL) into an empty target, chain checked", load: () => import("./migrate-store.ts") },
  classify: { summary: "classify \"<name>\" [--provider p]: hardware class, tags and evidence as JSON", load: () => import("./classify.ts") },
};
