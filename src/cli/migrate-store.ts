// `cpi migrate-store --from <db> --to <db>`: move a whole install between SQLite and PostgreSQL, then check the chain.
import { copyTables, openTables } from "../db/copy.ts";
import { describeTarget, openStore, type ReadStore } from "../db/index.ts";
import { fixingHash, GENESIS_HASH } from "../index/chain.ts";
import { parseArgs, type CliIo } from "./io.ts";

/** Walk the target's chain: every link and every content hash, and its head. Null when intact, else the first break. */
export async function chainBreak(store: ReadStore): Promise<{ head: string; fixings: number; problem: string | null }> {
  let prev = GENESIS_HASH;
  let fixings = 0;
  for await (const f of store.iterateFixingChain()) {
    fixings++;
    const { id, hash, signature: _s, columnMismatch, ...content } = f;
    const at = `${f.indexCode} ${f.fixingDate} r${f.revision} (#${id})`;
    if (columnMismatch) return { head: prev, fixings, problem: `${at}: columns disagree with the body (${columnMismatch.join(", ")})` };
    if (f.prevHash !== prev) return { head: prev, fixings, problem: `${at}: prev_hash does not link to the previous fixing` };
    if (fixingHash(content) !== hash) return { head: prev, fixings, problem: `${at}: content does not match its hash` };
    prev = hash;
  }
  return { head: prev, fixings, problem: null };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseArgs(args);
  const from = typeof options.from === "string" ? options.from : null;
  const to = typeof options.to === "string" ? options.to : null;
  if (!from || !to) {
    io.err("usage: cpi migrate-store --from <sqlite path | postgres:// URL> --to <postgres:// URL | sqlite path>");
    return 2;
  }
  if (from === to) throw new Error("--from and --to name the same database");
  const source = openTables(from, { mustExist: true });
  const target = openTables(to);
  try {
    io.err(`cpi: copying ${describeTarget(from)} -> ${describeTarget(to)} (one transaction)`);
    const copied = await copyTables(source, target, (t) => io.out(`${t.table}: ${t.rows} rows`));
    io.out(`copied ${copied.reduce((n, t) => n + t.rows, 0)} rows in ${copied.length} tables`);
  } finally {
    await source.close();
    await target.close();
  }
  const [a, b] = [openStore(from), openStore(to)];
  try {
    const [was, now] = [await chainBreak(a), await chainBreak(b)];
    if (now.problem) throw new Error(`the copied chain is broken: ${now.problem}`);
    if (now.head !== was.head || now.fixings !== was.fixings) throw new Error(`chain head differs: source ${was.head} (${was.fixings} fixings), target ${now.head} (${now.fixings})`);
    io.out(`chain intact: ${now.fixings} fixings, head ${now.head}`);
    // Settlements keep their own chain: its head must have come across too (cpi verify checks every link).
    const [wasSettled, nowSettled] = [await a.lastSettlementHash(), await b.lastSettlementHash()];
    if (wasSettled !== nowSettled) throw new Error(`settlement chain head differs: source ${wasSettled}, target ${nowSettled}`);
    io.out(`settlement chain head ${nowSettled}`);
    io.out(`next: CPI_DB=${describeTarget(to)} cpi verify (recomputes every fixing; the signing keys stay in CPI_KEYS_DIR)`);
    return 0;
  } finally {
    await a.close();
    await b.close();
  }
}
