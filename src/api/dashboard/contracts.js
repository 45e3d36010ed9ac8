// Contract pages: the contract book (terms of every settleable series) with one month's settlement per series,
// and one contract's terms with its recent months. Settlement fields the API may not send yet are shown when present.
import { api, el, mount, setTitle, value } from "./common.js";

const monthOf = (d) => d.toISOString().slice(0, 7);
/** The month before `today` (the publisher's date, YYYY-MM-DD). */
const lastCompleteMonth = (today) => monthOf(new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)));
const monthsBack = (month, n) => {
  const [y, m] = month.split("-").map(Number);
  return Array.from({ length: n }, (_, i) => monthOf(new Date(Date.UTC(y, m - 1 - i, 1))));
};

/** The settlement's lifecycle state: final once stored; else its stage (shadow, provisional, due); else whether the month is over. */
function stateOf(s) {
  if (s.state === "final") return "final";
  if (s.stage) return s.stage;
  if (s.state) return s.state;
  return s.complete ? "complete" : "running";
}

function coverageOf(s) {
  const c = s.coverage;
  const computed = s.computedDays ?? c?.computedDays;
  const days = s.calendarDays ?? c?.calendarDays;
  const share = typeof c === "string" || typeof c === "number" ? String(c) : c?.share;
  if (computed === undefined) return `${s.used?.length ?? 0} of ${days ?? "?"} days used`;
  return `${computed} of ${days ?? "?"} computed${share !== undefined ? ` (${share})` : ""}`;
}

function carriedOf(s) {
  const carried = s.carriedDays ?? s.coverage?.carriedDays;
  return carried === undefined ? "–" : String(carried);
}

/** The stored final record: its value and the cut-off it was taken at (or its publication time). */
function finalOf(s) {
  const f = s.final;
  if (f === undefined || f === null || f === false) return "–";
  if (f === true) return "final";
  const at = f.cutoff ?? f.frozenAt ?? f.publishedAt ?? f.freezeAt;
  return [f.value ?? "no value", at ? at.replace("T", " ").slice(0, 16) + " UTC" : ""].filter(Boolean).join(" at ");
}

function restatementsOf(s) {
  const r = s.restatementsAfterFreeze;
  if (r === undefined || r === null) return { text: "–", title: "" };
  const list = Array.isArray(r) ? r : [];
  const count = Array.isArray(r) ? r.length : Number(r);
  const title = list.map((x) => `${x.fixingDate ?? x.date ?? ""} rev ${x.revision ?? "?"}: ${x.oldValue ?? "–"} -> ${x.newValue ?? "–"}${x.restatedAt ? ` (restated ${x.restatedAt})` : ""} ${x.reason ?? ""}`.trim()).join("\n");
  return { text: String(count), title };
}

/** The settlement cells of one month, in the order of SETTLEMENT_HEAD. */
function settlementCells(code, month, s) {
  if (s instanceof Error) return [el("td", { colspan: 7, class: "small muted" }, `no settlement: ${s.message}`)];
  const r = restatementsOf(s);
  return [
    el("td", { class: "num strong", "data-field": "value", title: s.basis ?? "" }, value(s.value), s.method && s.method !== "mean" ? el("div", { class: "small muted" }, s.method.replaceAll("_", " ")) : null),
    el("td", { "data-field": "state" }, el("span", { class: `badge state-${stateOf(s)}` }, stateOf(s))),
    el("td", { class: "small", "data-field": "coverage" }, coverageOf(s)),
    el("td", { class: "num", "data-field": "carried" }, carriedOf(s)),
    el("td", { class: "small", "data-field": "final" }, finalOf(s)),
    el("td", { class: "num", "data-field": "restatements", title: r.title }, r.text),
    el("td", { class: "small" }, el("a", { href: `/v1/indices/${code}/settlement?month=${month}&format=csv` }, "CSV")),
  ];
}
const SETTLEMENT_HEAD = ["Settlement", "State", "Coverage", "Carried days", "Final", "Restated after freeze", "Days"];

/** A contract note naming a governance document ("governance/x.md") links to it. */
function noteWithLink(note) {
  const m = /governance\/([\w-]+\.md)/.exec(note);
  if (!m) return note;
  return el("span", {}, note.slice(0, m.index), el("a", { href: `/methodology/governance/${m[1]}` }, m[0]), note.slice(m.index + m[0].length));
}

/** @type {(code: string, month: string) => Promise<import("../dashboard-types.ts").SettlementBody | Error>} */
const settlement = (code, month) => api(`/v1/indices/${encodeURIComponent(code)}/settlement?month=${month}`).catch((e) => e);

function rules(book) {
  return el(
    "section",
    { class: "terms" },
    el(
      "h2",
      {},
      "Terms shared by every contract ",
      el("span", { class: "sub" }, `version ${book.version} · `, el("a", { href: book.document }, "contract terms"), " · ", el("a", { href: "/methodology/governance/README.md" }, "administrator's file"), " · ", el("a", { href: "/methodology/governance/iosco-self-assessment.md" }, "IOSCO self-assessment")),
    ),
    el(
      "ul",
      { class: "rules" },
      el("li", { "data-rule": "final" }, "Final settlement value: arithmetic mean of the daily fixings of every calendar day of the month, rounded once as each contract states"),
      el("li", { "data-rule": "freeze" }, `Freeze: ${book.rules.freeze}`),
      el("li", { "data-rule": "coverage" }, `Coverage rule: ${book.rules.coverage}`),
      el("li", { "data-rule": "carried" }, `Carried days: ${book.rules.carried}`),
      el("li", { "data-rule": "fallback" }, "Fallback: ", book.rules.fallback.join("; ")),
    ),
  );
}

const trialCell = (c) =>
  el("td", {}, el("span", { class: `badge contract-${c.status}` }, c.status), el("div", { class: "small muted" }, c.status === "shadow" ? `settles from ${c.firstSettleableMonth}` : `since ${c.firstSettleableMonth}`));

export async function renderContracts(params) {
  setTitle("Contracts");
  /** @type {import("../dashboard-types.ts").ContractListBody} */
  const book = await api("/v1/contracts");
  const month = /^\d{4}-\d{2}$/.test(params.get("month") ?? "") ? params.get("month") : lastCompleteMonth(book.today);
  const settlements = await Promise.all(book.data.map((c) => settlement(c.index, month)));
  const picker = el("input", { type: "month", value: month, id: "contract-month" });
  picker.addEventListener("change", () => picker.value && location.assign(`/contracts?month=${picker.value}`));
  const head = ["Contract", "Unit", "Currency", "Listed", "Rounding", "Trial", ...SETTLEMENT_HEAD];
  const rows = book.data.map((c, i) =>
    el(
      "tr",
      { "data-contract": c.index },
      el("td", {}, el("a", { href: `/contracts/${c.index}`, class: "code" }, c.index), el("div", { class: "name" }, c.name), c.note ? el("div", { class: "small contract-note" }, noteWithLink(c.note)) : null),
      el("td", { class: "small" }, `${c.multiplier} x ${c.unit}`),
      el("td", {}, c.currency),
      el("td", { class: "num" }, `${c.listedMonths} months`),
      el("td", { class: "small" }, `${c.rounding.decimals} dp, ${c.rounding.mode.replace("_", "-")}`),
      trialCell(c),
      ...settlementCells(c.index, month, settlements[i]),
    ),
  );
  mount(
    el("div", { class: "intro" }, el("h1", {}, "Contracts"), el("p", { class: "muted" }, `${book.count} series declared settleable · settlement of `, picker, " · ", el("a", { href: "/v1/contracts?format=csv" }, "terms as CSV"))),
    el("table", { class: "contracts" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    rules(book),
  );
}

/** Every stored final record of the contract: value, method, cut-off, the record's hash (signed, chained). */
function finalsTable(records) {
  const head = ["Month", "Final value", "Method", "Coverage", "Cut-off", "Revision", "Record hash"];
  const rows = records.map((r) =>
    el(
      "tr",
      { "data-final": r.month },
      el("td", { class: "mono" }, r.month),
      el("td", { class: "num strong" }, value(r.value)),
      el("td", { class: "small", title: r.basis ?? "" }, (r.method ?? "").replaceAll("_", " ")),
      el("td", { class: "small" }, r.coverage ? `${r.coverage.computedDays} of ${r.coverage.calendarDays} computed (${r.coverage.share})` : "–"),
      el("td", { class: "small" }, r.cutoff ? r.cutoff.replace("T", " ").slice(0, 16) + " UTC" : "–"),
      el("td", { class: "num" }, r.revision ?? "–"),
      el("td", { class: "small mono", title: r.hash ?? "" }, r.hash ? `${r.hash.slice(0, 12)}…` : "–"),
    ),
  );
  return el("section", {}, el("h2", {}, "Final settlements (stored, signed records)"), el("table", { class: "finals" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows)));
}

export async function renderContract(code) {
  setTitle(code);
  /** @type {import("../dashboard-types.ts").ContractListBody} */
  const book = await api("/v1/contracts");
  const c = book.data.find((x) => x.index === code.toUpperCase());
  if (!c) throw new Error(`no contract on ${code} (see /contracts)`);
  const months = [book.today.slice(0, 7), ...monthsBack(lastCompleteMonth(book.today), 6)];
  const settlements = await Promise.all(months.map((m) => settlement(c.index, m)));
  const facts = [
    ["Index", el("a", { href: `/index/${c.index}` }, c.index)],
    ["Contract size", `${c.multiplier} x ${c.unit} (${c.indexUnit})`],
    ["Listed", `${c.listedMonths} months: ${c.listed.join(", ")}`],
    ["Rounding", `${c.rounding.decimals} decimals, ${c.rounding.mode.replace("_", "-")}`],
    ["Trial", `${c.status}: ${c.trial.months} months from ${c.trial.start}; first settleable month ${c.firstSettleableMonth} (${c.trial.reason})`],
    ["This month's freeze", c.currentFreezeAt.replace("T", " ").slice(0, 16) + " UTC"],
    ["Successor on cessation", c.successor ?? "none designated: the cessation procedure applies"],
  ];
  if (c.note) facts.push(["Note", noteWithLink(c.note)]);
  const rows = months.map((m, i) => el("tr", { "data-month": m }, el("td", { class: "mono" }, m), ...settlementCells(c.index, m, settlements[i])));
  // The stored finals (served once the settlement lifecycle is in the API; absent before).
  /** @type {import("../dashboard-types.ts").SettlementListBody | null} */
  const finals = await api(`/v1/contracts/${encodeURIComponent(c.index)}/settlements`).catch(() => null);
  mount(
    el("p", { class: "crumbs" }, el("a", { href: "/contracts" }, "Contracts"), " / ", c.index),
    el("h1", {}, c.index, el("span", { class: "sub" }, ` ${c.name}`)),
    el("table", { class: "facts" }, el("tbody", {}, facts.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v))))),
    el("h2", {}, "Settlements: this month (provisional) and the last six"),
    el("table", { class: "contract-months" }, el("thead", {}, el("tr", {}, ["Month", ...SETTLEMENT_HEAD].map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    finals?.data?.length ? finalsTable(finals.data) : null,
    rules(book),
  );
}
