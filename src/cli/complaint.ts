// `cpi complaint open|answer|close|list`: the complaints register, kept in the append-only audit log (governance/complaints.md).
import { complaints, followUpComplaint, openComplaint } from "../jobs/complaints.ts";
import { cliActor } from "./correct.ts";
import { withContext } from "./context.ts";
import { clockOf, parseArgs, type CliIo } from "./io.ts";

const USAGE = [
  'usage: cpi complaint open --about <CODE|topic> --summary "..." [--from name]',
  '       cpi complaint answer|close <REF> --text "..." [--actor name]',
  "       cpi complaint list [--open] [--json]",
].join("\n");

const text = (v: string | true | undefined) => (typeof v === "string" ? v : "");

/** 20 business days, counted as 28 calendar days: a complaint open longer is flagged overdue. */
export const COMPLAINT_DUE_DAYS = 28;

function openFor(openedAt: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(openedAt)) / 86_400_000);
  return `open ${days} d${days > COMPLAINT_DUE_DAYS ? " OVERDUE" : ""}`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [verb, ref] = positional;
  const now = clockOf(io);
  if (verb === "open" && text(options.about) && text(options.summary)) {
    return withContext(io, async ({ store }) => {
      io.out(await openComplaint(store, { about: text(options.about), summary: text(options.summary), from: cliActor(options.from) }, now()));
      return 0;
    });
  }
  if ((verb === "answer" || verb === "close") && ref && text(options.text)) {
    return withContext(io, async ({ store }) => {
      await followUpComplaint(store, ref, verb, { actor: cliActor(options.actor), text: text(options.text) }, now());
      return 0;
    });
  }
  if (verb === "list") {
    return withContext(io, async ({ store }) => {
      const all = (await complaints(store)).filter((c) => !options.open || c.closedAt === null);
      for (const c of all) io.out(options.json ? JSON.stringify(c) : `${c.ref}  ${c.closedAt ? `closed ${c.closedAt}` : openFor(c.openedAt, now())}  ${c.about}  ${c.from}: ${c.summary}`);
      return 0;
    });
  }
  io.err(USAGE);
  return 2;
}
