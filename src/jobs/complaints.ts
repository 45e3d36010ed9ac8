// Complaints as entries of the append-only audit log: opened, answered, closed; the register is read back from it.
import type { ReadStore, Store } from "../db/index.ts";

export const COMPLAINT_ACTIONS = { open: "complaint-open", answer: "complaint-answer", close: "complaint-close" } as const;

export interface Complaint {
  ref: string;
  about: string;
  openedAt: string;
  from: string;
  summary: string;
  /** Every later entry (answers, the closing outcome), oldest first. */
  trail: { at: string; actor: string; action: string; text: string }[];
  closedAt: string | null;
}

/** "C-20261203T134501Z": the opening time, unique per second (a second complaint in the same second gets a suffix). */
export function complaintRef(at: Date, taken: ReadonlySet<string>): string {
  const base = `C-${at.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
  return ref;
}

/** The complaints register, oldest first, from the audit log (entries whose target starts with the reference). */
export async function complaints(store: ReadStore): Promise<Complaint[]> {
  const entries = (await store.listAudit(1_000_000)).filter((e) => e.action.startsWith("complaint-")).sort((a, b) => a.id - b.id);
  const byRef = new Map<string, Complaint>();
  for (const e of entries) {
    const [ref = "", ...about] = e.target.split(" ");
    if (e.action === COMPLAINT_ACTIONS.open) byRef.set(ref, { ref, about: about.join(" "), openedAt: e.at, from: e.actor, summary: e.reason, trail: [], closedAt: null });
    const c = byRef.get(ref);
    if (!c || e.action === COMPLAINT_ACTIONS.open) continue;
    c.trail.push({ at: e.at, actor: e.actor, action: e.action, text: e.reason });
    if (e.action === COMPLAINT_ACTIONS.close) c.closedAt = e.at;
  }
  return [...byRef.values()];
}

export async function openComplaint(store: Store, c: { about: string; from: string; summary: string }, now: Date): Promise<string> {
  if (c.summary.trim() === "" || c.about.trim() === "") throw new Error("a complaint needs what it is about and a summary");
  const ref = complaintRef(now, new Set((await complaints(store)).map((x) => x.ref)));
  await store.addAudit({ at: now.toISOString(), actor: c.from, action: COMPLAINT_ACTIONS.open, target: `${ref} ${c.about}`, reason: c.summary });
  return ref;
}

/** An answer or the closing outcome; refused for an unknown or closed complaint. */
export async function followUpComplaint(store: Store, ref: string, kind: "answer" | "close", e: { actor: string; text: string }, now: Date): Promise<void> {
  const c = (await complaints(store)).find((x) => x.ref === ref);
  if (!c) throw new Error(`no complaint ${ref}`);
  if (c.closedAt) throw new Error(`complaint ${ref} was closed at ${c.closedAt}`);
  if (e.text.trim() === "") throw new Error(`an ${kind} needs a text`);
  await store.addAudit({ at: now.toISOString(), actor: e.actor, action: COMPLAINT_ACTIONS[kind], target: `${ref} ${c.about}`, reason: e.text });
}
