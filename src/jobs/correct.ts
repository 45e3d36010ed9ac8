// Operator corrections: recompute a published fixing with today's data and, where the policy allows, append a revision.
import type { CorrectionDecision } from "../index/index.ts";
import { correctionAllowed } from "../index/index.ts";
import type { Fixing } from "../schemas/fixing.ts";
import { candidateObservations, priorFixing, priorHistory, recompute, type FixDeps } from "./fix.ts";
import { historyDays } from "../index/engine.ts";
import { findVersion } from "../index/versions.ts";

export interface CorrectionRequest {
  code: string;
  date: string;
  /** Why the operator asks for it (kept in the revision's note and in the audit log). */
  reason: string;
  /** Who asks (free text: a name, "http:<name>"). */
  actor: string;
}

export interface CorrectionOutcome {
  decision: CorrectionDecision;
  previous: Fixing;
  /** The new revision, or null when the policy refused the change (nothing was published). */
  fixing: Fixing | null;
}

/** A request that cannot be carried out at all (unknown index, nothing published, back-calculated history). */
export class CorrectionError extends Error {
  override name = "CorrectionError";
  constructor(
    message: string,
    readonly kind: "not_found" | "invalid",
  ) {
    super(message);
  }
}

/** Statuses an operator may correct: publications of record. Back-calculated history is redone by backfill. */
const CORRECTABLE = new Set(["final", "fallback", "republished"]);

/**
 * Recompute `code` on `date` from every observation stored now (the current horizon) and ask the methodology's
 * correction policy whether the new value may replace the published one. Allowed: a new revision is appended
 * (status "republished", or "fallback" when the recomputation itself is a fallback) whose note gives the kind,
 * old value, new value, reason, actor and dates; the audit log gets a "correct" entry. Refused: nothing is
 * published and the audit log gets a "correct-refused" entry with the policy's reason.
 */
export async function correctFixing(req: CorrectionRequest, deps: FixDeps): Promise<CorrectionOutcome> {
  const current = deps.methodology.indices.find((d) => d.code === req.code);
  if (!current) throw new CorrectionError(`unknown index ${req.code}`, "not_found");
  if (req.reason.trim().length === 0) throw new CorrectionError("a correction needs a reason", "invalid");
  const previous = await deps.store.getFixing(req.code, req.date);
  if (!previous) throw new CorrectionError(`no published fixing of ${req.code} on ${req.date}`, "not_found");
  if (!CORRECTABLE.has(previous.status)) {
    throw new CorrectionError(`${req.code} ${req.date} is ${previous.status}: only final, fallback and republished fixings are corrected`, "invalid");
  }
  // A correction recomputes under the version the fixing was published with, never a newer one.
  const stamped = deps.versions ? findVersion(deps.versions, previous.methodologyVersion) : undefined;
  if (!stamped && previous.methodologyVersion !== deps.methodology.version) {
    throw new CorrectionError(`${req.code} ${req.date} was published under methodology ${previous.methodologyVersion}, which is not available intact here: it cannot be recomputed under its own version`, "invalid");
  }
  const def = stamped?.methodology.indices.find((d) => d.code === req.code) ?? current;
  const version = stamped ? stamped.entry.version : deps.methodology.version;
  const now = deps.now().toISOString();
  const horizon = await deps.store.maxObservationId();
  const candidates = await candidateObservations(deps.store, def, req.date, horizon);
  // As of now, exactly what `cpi verify` will use for this revision (it recomputes with asOf = publishedAt).
  const prior = await priorFixing(deps.store, def.code, req.date, def.fallback.carryPriorMaxDays, now, true);
  const history = await priorHistory(deps.store, def.code, req.date, historyDays(def, version), now);
  const draft = recompute(def, candidates, req.date, "final", version, prior, history);
  const decision = correctionAllowed(previous, draft, now, def, deps.methodology.corrections);
  const target = `${req.code} ${req.date} rev ${previous.revision}`;
  const change = `${previous.value ?? "no value"} -> ${draft.value ?? "no value"}`;
  if (!decision.allowed) {
    await deps.store.addAudit({ at: now, actor: req.actor, action: "correct-refused", target, reason: `${req.reason} (refused: ${decision.reason}; ${change})` });
    return { decision, previous, fixing: null };
  }
  const note = [
    `${decision.kind} of revision ${previous.revision} (published ${previous.publishedAt}): ${change}`,
    `reason: ${req.reason}`,
    `by ${req.actor} at ${now}`,
    draft.note,
  ].filter((part): part is string => part !== null && part !== "").join("; ");
  const status = draft.status === "fallback" ? "fallback" : "republished";
  const fixing = await deps.store.appendFixing(
    { ...draft, status, note, observationHorizon: horizon, calculation: "live" },
    { publishedAt: now, sign: deps.signer.sign },
  );
  // The signed revision already carries who, when, what and why; the audit log indexes it for operators.
  await deps.store.addAudit({ at: now, actor: req.actor, action: "correct", target: `${req.code} ${req.date} rev ${fixing.revision}`, reason: `${req.reason} (${decision.kind}: ${change})` });
  return { decision, previous, fixing };
}
