// Restatement register page: every fixing revision that replaced a published one (GET /v1/restatements), filterable.
import { api, el, mount, setTitle, value } from "./common.js";

const when = (iso) => (iso ? iso.replace("T", " ").slice(0, 16) + " UTC" : "–");
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The register's query from the page's own (?index=&from=&to=), keeping only well-formed values. */
function registerQuery(params) {
  const q = new URLSearchParams();
  const index = params.get("index");
  if (index && /^[A-Za-z0-9-]+$/.test(index)) q.set("index", index.toUpperCase());
  for (const k of ["from", "to"]) if (DATE.test(params.get(k) ?? "")) q.set(k, params.get(k));
  return q;
}

function filterForm(q) {
  const input = (name, type, placeholder) => el("input", { name, id: `restatement-${name}`, type, value: q.get(name) ?? "", placeholder, "aria-label": name });
  return el("form", { class: "filters", method: "get", action: "/restatements" }, input("index", "text", "index code"), " from ", input("from", "date"), " to ", input("to", "date"), " ", el("button", { type: "submit" }, "Filter"));
}

export async function renderRestatements(params) {
  setTitle("Restatements");
  const q = registerQuery(params);
  if (params.get("cursor") && /^\d+$/.test(params.get("cursor"))) q.set("cursor", params.get("cursor"));
  const page = await api(`/v1/restatements?${q}`);
  const head = ["Index", "Fixing date", "Revision", "Old value", "New value", "Status", "Reason", "Published", "Restated", "Methodology"];
  const rows = page.data.map((r) =>
    el(
      "tr",
      { "data-restatement": r.id },
      el("td", {}, el("a", { href: `/index/${r.indexCode}`, class: "code" }, r.indexCode)),
      el("td", { class: "mono" }, el("a", { href: `/v1/indices/${r.indexCode}/fixings/${r.fixingDate}` }, r.fixingDate)),
      el("td", { class: "num" }, r.revision),
      el("td", { class: "num", "data-field": "old" }, value(r.oldValue)),
      el("td", { class: "num strong", "data-field": "new" }, value(r.newValue)),
      el("td", { class: "small" }, `${r.oldStatus} → ${r.newStatus}`),
      el("td", { class: "small", "data-field": "reason" }, r.reason ?? "–"),
      el("td", { class: "small" }, when(r.publishedAt)),
      el("td", { class: "small" }, when(r.restatedAt)),
      el("td", { class: "small mono" }, r.methodologyVersion),
    ),
  );
  const csv = new URLSearchParams(q);
  csv.delete("cursor");
  csv.set("format", "csv");
  const next = page.nextCursor === null ? null : new URLSearchParams(q);
  next?.set("cursor", String(page.nextCursor));
  mount(
    el("h1", {}, "Restatement register"),
    el(
      "p",
      { class: "muted" },
      "Every published fixing a later revision replaced, with the value it replaced and why. A restatement after a contract month's freeze never changes its final settlement (",
      el("a", { href: "/contracts" }, "contracts"),
      ") · ",
      el("a", { href: `/v1/restatements?${csv}` }, "CSV"),
    ),
    filterForm(q),
    rows.length === 0
      ? el("p", { class: "muted", id: "no-restatements" }, "No restatement matches.")
      : el("table", { class: "restatements" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    next ? el("p", {}, el("a", { href: `/restatements?${next}`, rel: "next" }, "Next page")) : null,
  );
}
