// The public restatement register: every fixing revision that replaced a published value (GET /v1/restatements).
import { api, el, mount, setTitle, statusBadge, value } from "./common.js";

const when = (iso) => (iso ? iso.replace("T", " ").slice(0, 16) + " UTC" : "–");

function query(params) {
  const q = new URLSearchParams();
  for (const key of ["index", "from", "to", "cursor"]) if (params.get(key)) q.set(key, params.get(key));
  return q;
}

export async function renderRestatements(params) {
  setTitle("Restatements");
  const q = query(params);
  const page = await api(`/v1/restatements?${q}`);
  const head = ["Index", "Fixing date", "Revision", "Old value", "New value", "Status", "Reason", "Published", "Restated"];
  const rows = page.data.map((r) =>
    el(
      "tr",
      { "data-restatement": r.id },
      el("td", {}, el("a", { href: `/index/${r.indexCode}`, class: "code" }, r.indexCode)),
      el("td", { class: "mono" }, el("a", { href: `/v1/indices/${r.indexCode}/fixings/${r.fixingDate}` }, r.fixingDate)),
      el("td", { class: "num" }, r.revision),
      el("td", { class: "num" }, value(r.oldValue)),
      el("td", { class: "num strong" }, value(r.newValue)),
      el("td", {}, statusBadge(r.oldStatus), " → ", statusBadge(r.newStatus)),
      el("td", { class: "small" }, r.reason ?? ""),
      el("td", { class: "small" }, when(r.publishedAt)),
      el("td", { class: "small" }, when(r.restatedAt)),
    ),
  );
  const filter = el("input", { type: "search", placeholder: "Index code, e.g. GPU-H100SXM-OD", value: params.get("index") ?? "", id: "restatement-index", class: "filter" });
  filter.addEventListener("change", () => location.assign(filter.value.trim() ? `/restatements?index=${encodeURIComponent(filter.value.trim())}` : "/restatements"));
  const csv = new URLSearchParams(q);
  csv.delete("cursor");
  csv.set("format", "csv");
  const next = page.nextCursor ? new URLSearchParams({ ...Object.fromEntries(q), cursor: String(page.nextCursor) }) : null;
  mount(
    el("div", { class: "intro" }, el("h1", {}, "Restatements"), el("p", { class: "muted" }, "Every published value that a later revision replaced, with the reason. Published history is never rewritten; a restatement after a contract month's freeze never changes its final settlement. ", el("a", { href: `/v1/restatements?${csv}` }, "CSV"))),
    filter,
    rows.length ? el("table", { class: "restatements" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows)) : el("p", { class: "muted", id: "no-restatements" }, "No restatement published."),
    next ? el("p", {}, el("a", { href: `/restatements?${next}`, id: "restatements-next" }, "Next page")) : null,
  );
}
