// Fixing runs: gather a window's observations, compute with the methodology, sign and append. Idempotent.
import type { ReadStore, Store } from "../db/index.ts";
import type { Fixing, FixingDraft, FixingStatus } from "../schemas/fixing.ts";
import { defaultModelCatalog, pricePerMillionChars, type TextMix } from "../normalize/models/index.ts";
import { dec, roundTo } from "../normalize/money.ts";
import type { IndexDefinition } from "../schemas/methodology.ts";
import type { Observation } from "../schemas/observation.ts";
import { fixingSchedule, type Methodology } from "../index/index.ts";
import { computeVersioned, historyDays } from "../index/engine.ts";
import { pricedModel, token2Metrics } from "../index/token2/index.ts";
import { compareVersions, newestAnnounced, singleVersionSet, versionForLiveFixing, type MethodologySet } from "../index/versions.ts";
import type { Signer } from "./signing.ts";
import { withLateNote } from "./late.ts";

export interface FixDeps {
  store: Store;
  signer: Signer;
  methodology: Methodology;
  now: () => Date;
  /**
   * Every archived methodology version (methodology/versions). Live fixings use the newest version in effect
   * on the fixing date, back-calculation the newest announced. Absent: `methodology` alone, for every date.
   */
  versions?: MethodologySet;
}

export interface FixOutcome {
  code: string;
  date: string;
  fixing: Fixing;
  /** false when the date already had a publication and nothing new was written. */
  published: boolean;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Observations that could be eligible: the product's ids, the window widened by the staleness limit. */
export async function candidateObservations(store: ReadStore, def: IndexDefinition, date: string, maxId?: number) {
  const schedule = fixingSchedule(def, date);
  const lookbackHours = Math.max(def.fixing.windowHours, def.fixing.stalenessHours);
  const from = new Date(Date.parse(schedule.fixingTime) - lookbackHours * 3_600_000).toISOString();
  const to = new Date(Date.parse(schedule.fixingTime) + 1).toISOString();
  const products = def.product.kind === "gpu" ? def.product.classIds : def.product.models;
  const metric = def.product.kind === "gpu" ? "gpu_hour" : def.product.metric;
  const list = await store.queryObservations({ products, metric, from, to, maxId });
  // A 2.x token definition also reads the effective-price rows that carry traded volume (weights only, never
  // list-price candidates: src/index/token2 excludes them from every price series). 1.x reads its metric alone.
  const extra = def.token2 ? token2Metrics(def).filter((m) => m !== metric) : [];
  if (extra.length === 0) return list;
  const volume = await Promise.all(extra.map((m) => store.queryObservations({ products, metric: m, from, to, maxId })));
  return [...list, ...volume.flat()].sort((a, b) => a.id - b.id);
}

/** Reconstructed history: a back-calculated fixing, or a fallback published during a back-calculation. */
export function isBackCalculated(f: Pick<Fixing, "status" | "calculation">): boolean {
  return f.status === "back-calculated" || f.calculation === "back-calculated";
}

/**
 * The latest publication for a date before `date` (the prior value for the fallback waterfall). For a live
 * fixing (`live`), back-calculated history is passed over: a live fallback never carries a reconstructed value
 * into a settleable day (contracts.md, "carried days"); it carries an earlier live value or publishes none.
 */
export async function priorFixing(store: ReadStore, code: string, date: string, maxDays: number, asOf?: string, live = false): Promise<Fixing | null> {
  const history = await store.fixingHistory(code, { from: addDays(date, -Math.max(1, maxDays + 1)), to: addDays(date, -1), asOf });
  const usable = live ? history.filter((f) => !isBackCalculated(f)) : history;
  return usable.length > 0 ? usable[usable.length - 1]! : null;
}

/** This index's fixings in the `days` before `date` (latest revision each, as of `asOf`), oldest first. */
export async function priorHistory(store: ReadStore, code: string, date: string, days: number, asOf?: string): Promise<Fixing[]> {
  if (days <= 0) return [];
  return store.fixingHistory(code, { from: addDays(date, -days), to: addDays(date, -1), asOf });
}

/** The version a fixing of `code` on `date` is computed under, and its definition there; null when not defined in it. */
export function chooseDefinition(deps: Pick<FixDeps, "methodology" | "versions">, code: string, date: string, status: FixingStatus): { version: string; def: IndexDefinition } | null {
  const set = deps.versions ?? singleVersionSet(deps.methodology);
  const chosen = status === "back-calculated" ? newestAnnounced(set) : versionForLiveFixing(set, date);
  const def = chosen?.methodology.indices.find((d) => d.code === code);
  if (!chosen || !def) return null;
  // A series introduced by a later version (a working definition ahead of its release) is not fixed under this one.
  if (def.introducedIn !== undefined && compareVersions(chosen.entry.version, def.introducedIn) < 0) return null;
  return { version: chosen.entry.version, def };
}

export interface FixOptions {
  /** Do not publish a fallback without a value (back-calculation before a series has its first value). */
  skipIfNoValue?: boolean;
}

/** Publish `code` on `date` under the version in force (null: the index is not defined under it, or no value to publish). */
export async function fixIndex(index: IndexDefinition, date: string, status: FixingStatus, deps: FixDeps, opts: FixOptions = {}): Promise<FixOutcome | null> {
  const existing = await deps.store.getFixing(index.code, date);
  if (existing) return { code: index.code, date, fixing: existing, published: false };
  const chosen = chooseDefinition(deps, index.code, date, status);
  if (!chosen) return null;
  const { def, version } = chosen;
  const horizon = await deps.store.maxObservationId();
  const observations = await candidateObservations(deps.store, def, date, horizon);
  const prior = await priorFixing(deps.store, def.code, date, def.fallback.carryPriorMaxDays, undefined, status !== "back-calculated");
  const history = await priorHistory(deps.store, def.code, date, historyDays(def, version));
  const draft = recompute(def, observations, date, status, version, prior, history);
  // A withheld 2.x GPU fixing that carries a panel is published (its seasoning counters and level feed the next day).
  if (opts.skipIfNoValue && draft.value === null && !(draft.panel && draft.panel.constituents.length > 0)) return null;
  const publishedAt = deps.now().toISOString();
  // A final fixing published well after its fixing time (a run missed while the process was down) is flagged late.
  const note = status === "final" ? withLateNote(draft.note, draft.fixingTime, publishedAt) : draft.note;
  // ifAbsent: another publisher (a scheduler that lost its leadership moments ago) may have published this date
  // since the check above; the store decides inside its transaction, so the date is published exactly once.
  const fixing = await deps.store.appendFixing(
    { ...draft, note, observationHorizon: horizon, calculation: status === "back-calculated" ? "back-calculated" : "live" },
    { publishedAt, sign: deps.signer.sign, ifAbsent: true },
  );
  const published = fixing.publishedAt === publishedAt;
  // A 2.x one-sided price alarm is an anomaly for the operator (live publications only: history is not news).
  if (published && status !== "back-calculated") {
    for (const a of fixing.panel?.anomalies ?? []) {
      await deps.store.addAnomaly({ sourceId: `index:${def.code}`, at: publishedAt, kind: "price_alarm", message: `${def.code} ${date}: ${a.key} ${a.action}: ${a.reason}` });
    }
  }
  return { code: def.code, date, fixing, published };
}

/** The pure computation, shared by publication and by `cpi verify`. */
export function recompute(def: IndexDefinition, observations: Observation[], date: string, status: FixingStatus, version: string, prior: Fixing | null, history: readonly Fixing[] = []): FixingDraft {
  const draft = computeVersioned(def, observations, {
    fixingDate: date,
    methodologyVersion: version,
    status: status as "provisional" | "final" | "back-calculated",
    prior,
    history,
  });
  if (def.product.kind !== "token" || draft.perMillionChars !== undefined) return draft;
  // 2.x: the model priced on the date (a roll's successor, a followed version); 1.x: the index's one model.
  const model = def.token2 ? pricedModel(def, date) : def.product.models.length === 1 ? def.product.models[0]! : null;
  return { ...draft, perMillionChars: perMillionChars(def, draft.value, model) };
}

/** The token value restated per 1M reference characters, rounded as the index is. */
function perMillionChars(def: IndexDefinition, value: string | null, model: string | null): FixingDraft["perMillionChars"] {
  if (value === null || model === null) return null;
  const tokenizer = defaultModelCatalog.byId.get(model)?.tokenizer;
  if (!tokenizer) return null;
  const at = (mix: TextMix) => {
    const r = pricePerMillionChars(value, tokenizer, mix);
    return r === null ? null : roundTo(dec(r.value), def.rounding.decimals, def.rounding.mode);
  };
  const measured = pricePerMillionChars(value, tokenizer, "en")?.measured ?? false;
  const result = { tokenizer, measured, en: at("en"), zh: at("zh"), mixed: at("mixed") };
  return result.en === null && result.zh === null && result.mixed === null ? null : result;
}

/** Fix every index of the methodology for one date. */
export async function fixAll(date: string, status: FixingStatus, deps: FixDeps, codes?: string[]): Promise<FixOutcome[]> {
  const out: FixOutcome[] = [];
  for (const def of deps.methodology.indices) {
    if (codes && !codes.includes(def.code)) continue;
    const outcome = await fixIndex(def, date, status, deps);
    if (outcome) out.push(outcome);
  }
  return out;
}

/** The fixing date whose fixing time has most recently passed for an index, as of `now`. */
export function latestDueDate(def: IndexDefinition, now: Date): string {
  const today = now.toISOString().slice(0, 10);
  for (const date of [addDays(today, 1), today, addDays(today, -1)]) {
    if (Date.parse(fixingSchedule(def, date).fixingTime) <= now.getTime()) return date;
  }
  return addDays(today, -2);
}
