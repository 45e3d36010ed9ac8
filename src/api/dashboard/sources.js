// Sources page: the health of every source (enabled or why not, last run, last success and its age, last error, next run).
import { api, el, mount, setTitle } from "./common.js";

const when = (iso) => (iso ? iso.replace("T", " ").slice(0, 16) + " UTC" : "–");

/** "3 h 20 min ago", a stale badge when two scheduled runs passed since the last success. */
function freshness(f) {
  if (!f || f.ageSeconds === null || f.ageSeconds === undefined) return f?.stale ? el("span", { class: "badge health-degraded" }, "stale") : "–";
  const m = Math.floor(f.ageSeconds / 60);
  const age = m < 60 ? `${m} min ago` : m < 2880 ? `${Math.floor(m / 60)} h ${m % 60} min ago` : `${Math.floor(m / 1440)} days ago`;
  return el("span", {}, age, f.stale ? el("span", { class: "badge health-degraded", title: "two scheduled runs passed since the last success" }, " stale") : "");
}

export async function renderSources() {
  setTitle("Sources");
  /** @type {[import("../dashboard-types.ts").HealthBody, import("../dashboard-types.ts").SourceListBody]} */
  const [health, sources] = await Promise.all([api("/v1/health"), api("/v1/sources")]);
  const head = ["Source", "Kind", "Health", "Last success", "Age", "Last error", "Rows parsed", "Runs", "Schedule (UTC)", "Next run"];
  const fresh = new Map(health.sources.map((f) => [f.id, f]));
  const rows = sources.data.map((s) =>
    el(
      "tr",
      { "data-source": s.id },
      el("td", {}, el("a", { href: s.homepage, rel: "noreferrer" }, s.title), el("div", { class: "small muted" }, s.id)),
      el("td", {}, s.kind),
      el("td", {}, el("span", { class: `badge health-${s.health}` }, s.health), s.disabledReason ? el("div", { class: "small muted" }, s.disabledReason) : null),
      el("td", { class: "small" }, when(s.lastSuccessAt)),
      el("td", { class: "small", "data-field": "age" }, freshness(fresh.get(s.id))),
      el("td", { class: "small" }, s.lastError ? el("span", { title: s.lastError }, `${when(s.lastErrorAt)}: ${s.lastError}`) : "–"),
      el("td", { class: "num" }, s.rowsLastParsed ?? "–"),
      el("td", { class: "num" }, s.runs),
      el("td", { class: "small mono" }, s.schedule),
      el("td", { class: "small" }, when(fresh.get(s.id)?.nextRunAt ?? null)),
    ),
  );
  mount(
    el("h1", {}, "Sources"),
    el("p", {}, "Publisher status: ", el("span", { class: `badge health-${health.status}` }, health.status), ` · ${health.observations} observations stored · latest fixing ${health.latestFixingDate ?? "none"}${health.stale?.length ? ` · stale: ${health.stale.join(", ")}` : ""} · `, el("a", { href: "/v1/sources?format=csv" }, "CSV")),
    el("table", { class: "sources" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
  );
}
