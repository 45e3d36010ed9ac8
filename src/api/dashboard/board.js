// The index board: every index with its latest value, 1/7/30-day changes, status, providers and a sparkline.
import { api, changeCell, el, mount, setTitle, sparkline, statusBadge, value, waitingText } from "./common.js";

const FAMILIES = [
  ["gpu", "GPU-hour indices", "USD per GPU-hour, by hardware class and lease term"],
  ["token", "Token price indices", "per 1M tokens, by open-weight model and price component"],
];

// The latest fixing may be a fallback without a value: the board shows the last published number and its
// date, and the latest status beside it (with the fallback note on hover).
function row(ix) {
  const f = ix.latest;
  const v = ix.lastValue;
  const stale = f && v && f.fixingDate !== v.fixingDate;
  return el(
    "tr",
    { class: f ? "" : "empty", "data-code": ix.code },
    el("td", {}, el("a", { href: `/index/${ix.code}`, class: "code" }, ix.code), el("div", { class: "name" }, ix.name)),
    el("td", { class: "num strong" }, value(v?.value)),
    el("td", { class: "muted small" }, ix.unit),
    changeCell(ix.changes.d1),
    changeCell(ix.changes.d7),
    changeCell(ix.changes.d30),
    ix.live?.waiting
      ? el("td", { class: "waiting", title: waitingText(ix.live.waiting) }, statusBadge(v?.status), el("div", { class: "muted small" }, el("span", { class: "badge status-waiting" }, "waiting"), ` ${ix.live.waiting.nextFixingTime?.slice(0, 10) ?? ""}`))
      : el("td", { title: stale ? `latest fixing ${f.fixingDate}: ${f.note ?? f.status}` : "" }, statusBadge(v?.status), stale ? el("div", { class: "muted small" }, `${f.fixingDate}: `, statusBadge(f.status)) : ""),
    el("td", { class: "num" }, v ? v.providerCount : "–"),
    el("td", { class: "muted small" }, v?.fixingDate ?? f?.fixingDate ?? ""),
    el("td", {}, sparkline(ix.spark ?? [])),
  );
}

function table(rows) {
  const head = ["Index", "Latest", "Unit", "1d", "7d", "30d", "Status", "Providers", "Date", "90 days"];
  return el("table", { class: "board" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows.map(row)));
}

export async function renderBoard() {
  setTitle("Index board");
  /** @type {import("../dashboard-types.ts").IndexListBody} */
  const { data, methodologyVersion } = await api("/v1/indices?spark=90");
  const filter = el("input", { type: "search", placeholder: "Filter indices (code or name)…", class: "filter" });
  const sections = FAMILIES.map(([family, title, sub]) => {
    // Indices with a fixing first, then the ones not yet published.
    const rows = data.filter((ix) => ix.family === family).sort((a, b) => Number(!a.lastValue) - Number(!b.lastValue));
    return el("section", { "data-family": family }, el("h2", {}, title, el("span", { class: "sub" }, ` ${sub}`)), table(rows));
  });
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    for (const tr of document.querySelectorAll("tr[data-code]")) if (tr instanceof HTMLElement) tr.hidden = q !== "" && !(tr.textContent ?? "").toLowerCase().includes(q);
  });
  const published = data.filter((ix) => ix.lastValue).length;
  mount(
    el("div", { class: "intro" }, el("h1", {}, "Index board"), el("p", { class: "muted" }, `${published} of ${data.length} indices published · methodology ${methodologyVersion} · `, el("a", { href: "/v1/indices?format=csv" }, "download the board as CSV"))),
    filter,
    ...sections,
  );
}
