// One index: latest value and changes, the chart, the latest fixing's inputs, CSV downloads, the methodology.
import { api, changeCell, el, mount, setTitle, statusBadge, value, waitingText } from "./common.js";
import { indexChart } from "./chart.js";
import { constituentRows, diagnosticsText } from "./basket-view.js";

/** @type {[string, number][]} */
const RANGES = [["30D", 30], ["90D", 90], ["1Y", 365], ["All", 0]];

function inputsTable(detail) {
  const rows = detail.providers.map((p) =>
    el(
      "tr",
      { class: p.included ? "" : "excluded" },
      el("td", {}, p.provider),
      el("td", { class: "num" }, value(p.price)),
      el("td", { class: "num" }, p.weight === null ? "–" : `${(Number(p.weight) * 100).toFixed(2)}%`),
      el("td", {}, p.included ? "included" : "excluded"),
      el("td", { class: "small" }, p.reason ?? ""),
    ),
  );
  const head = ["Provider", "Price", "Weight", "Used", "Why excluded"];
  return el("table", { class: "inputs" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows));
}

function basketSection(fixing) {
  const rows = constituentRows(fixing);
  if (rows.length === 0) return null;
  const head = ["Constituent", "Weight", "Price", "Base price", "Providers", "Status"];
  return el(
    "section",
    { id: "basket" },
    el("h2", {}, `Constituents on ${fixing.fixingDate}`),
    el(
      "table",
      { class: "inputs" },
      el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, el("td", {}, r.model), el("td", { class: "num" }, r.weight), el("td", { class: "num" }, r.price), el("td", { class: "num" }, r.basePrice), el("td", { class: "num" }, r.providers), el("td", {}, r.status)))),
    ),
  );
}

function rangeButtons(chart, fixings) {
  const last = fixings.length ? Date.parse(`${fixings[fixings.length - 1].fixingDate}T00:00:00Z`) / 1000 : 0;
  const first = fixings.length ? Date.parse(`${fixings[0].fixingDate}T00:00:00Z`) / 1000 : 0;
  return el(
    "div",
    { class: "ranges" },
    RANGES.map(([label, days]) =>
      el("button", { type: "button", onclick: () => chart.setScale("x", { min: days ? Math.max(first, last - days * 86400) : first, max: last }) }, label),
    ),
  );
}

function methodology(ix) {
  return el(
    "section",
    { class: "methodology" },
    el("h2", {}, "Methodology"),
    el("ul", {}, ix.summary.map((s) => el("li", {}, s))),
    el("p", { class: "small" }, `Methodology version ${ix.methodologyVersion} · `, el("a", { href: ix.document }, "full document"), " · ", el("a", { href: "/methodology/CHANGELOG.md" }, "change log")),
    el("details", {}, el("summary", {}, "Definition (as data)"), el("pre", {}, JSON.stringify(ix.definition, null, 2))),
  );
}

/** Until its first live value: the fixing time it waits for and each source it needs, with health and next run. */
function waitingBox(waiting) {
  const rows = waiting.sources.map((s) =>
    el("li", {}, el("strong", {}, s.id), ` · ${s.enabled ? (s.health ?? "not run yet") : "disabled"}`, s.nextRunAt ? ` · next collection ${s.nextRunAt.slice(0, 16).replace("T", " ")} UTC` : "", s.priced ? " · already priced it" : ""),
  );
  return el("div", { class: "note waiting", id: "waiting" }, el("p", {}, `Waiting for its first live fixing: ${waitingText(waiting)}.`), el("ul", { class: "small" }, rows));
}

export async function renderIndex(code) {
  /** @type {import("../dashboard-types.ts").IndexDetailBody} */
  const ix = await api(`/v1/indices/${encodeURIComponent(code)}`);
  setTitle(ix.code);
  /** @type {import("../dashboard-types.ts").FixingPageBody} */
  const history = await api(`/v1/indices/${ix.code}/fixings?limit=5000`);
  const latest = ix.latest;
  // The inputs shown are those of the most recent fixing that was computed from inputs (a fallback has none).
  const computed = [...history.data].reverse().find((f) => f.inputCount > 0) ?? latest;
  /** @type {import("../dashboard-types.ts").FixingDetailBody | null} */
  const detail = computed ? await api(`/v1/indices/${ix.code}/fixings/${computed.fixingDate}`) : null;
  const chartBox = el("div", { class: "chart", id: "chart" });
  const csvAll = `/v1/indices/${ix.code}/fixings?format=csv&limit=5000`;
  // A settleable series links to its contract page (terms, settlements).
  const contract = (await api("/v1/contracts").catch(() => null))?.data.find((c) => c.index === ix.code) ?? null;
  mount(
    el("p", { class: "crumbs" }, el("a", { href: "/" }, "Indices"), " / ", ix.code, contract ? [" · ", el("a", { href: `/contracts/${ix.code}`, id: "contract-link" }, `contract (${contract.status})`)] : null),
    el("h1", {}, ix.name),
    el(
      "div",
      { class: "headline" },
      el("div", { class: "big", id: "latest-value" }, value(ix.lastValue?.value), el("span", { class: "unit" }, ` ${ix.unit}`), ix.lastValue && latest && ix.lastValue.fixingDate !== latest.fixingDate ? el("div", { class: "small muted" }, `last value, ${ix.lastValue.fixingDate}`) : null),
      el("table", { class: "changes" }, el("tr", {}, el("th", {}, "1d"), el("th", {}, "7d"), el("th", {}, "30d")), el("tr", {}, changeCell(ix.changes.d1), changeCell(ix.changes.d7), changeCell(ix.changes.d30))),
      el("div", {}, statusBadge(latest?.status), el("div", { class: "small muted" }, latest ? `fixed ${latest.fixingDate} at ${latest.fixingTime.slice(11, 16)} UTC · ${latest.providerCount} providers · ${latest.observationCount} observations` : "no fixing published yet")),
      el("a", { class: "button", href: csvAll, download: "", id: "csv-download" }, "Download CSV"),
    ),
    ix.live?.waiting ? waitingBox(ix.live.waiting) : latest?.note ? el("p", { class: "note" }, latest.note) : null,
    diagnosticsText(latest) ? el("p", { class: "small muted", id: "diagnostics" }, diagnosticsText(latest)) : null,
    basketSection(latest),
    el("section", {}, el("h2", {}, "History"), el("p", { class: "small muted legend" }, "Line: the fixing. Band: 25th to 75th percentile of provider prices. Shaded: back-calculated from imported history. Dashed line: the first live fixing. Orange dots: fallback days (prior value carried)."), chartBox),
    detail && computed
      ? el(
          "section",
          {},
          el("h2", {}, `Inputs of the ${computed.fixingDate} fixing`),
          el("p", { class: "small muted" }, `${detail.status} · ${detail.estimator} · input tier ${detail.inputTier ?? "–"} · revision ${detail.revision} · `, el("a", { href: `/v1/indices/${ix.code}/fixings/${computed.fixingDate}?format=csv` }, "inputs as CSV"), " · ", el("a", { href: `/v1/indices/${ix.code}/fixings/${computed.fixingDate}` }, "JSON with observations")),
          inputsTable(detail),
        )
      : null,
    methodology(ix),
  );
  if (history.data.length === 0) {
    chartBox.append(el("p", { class: "muted" }, "No history yet."));
    return;
  }
  const chart = indexChart(chartBox, history.data, ix.unit, ix.live?.liveSince ?? null);
  chartBox.before(rangeButtons(chart, history.data));
}
