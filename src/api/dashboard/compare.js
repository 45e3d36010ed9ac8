// Compare view: several indices on one chart, raw, rebased to 100, or token prices per 1M Chinese characters.
import { api, dayToSec, el, mount, setTitle } from "./common.js";
import { compareChart } from "./chart.js";
import { chartPoints, perCharFactor, usdCnyCodes } from "./compare-series.js";

/** [label, codes (or a function of the index list), normalization]. */
const PRESETS = [
  ["H100 SXM vs H100 PCIe vs MI300X", ["GPU-H100SXM-OD", "GPU-H100PCIE-OD", "GPU-MI300X-OD"], "raw"],
  ["Hyperscalers vs the rest (H100 SXM)", ["GPU-H100SXM-OD-HYP", "GPU-H100SXM-OD-NHYP", "GPU-H100SXM-OD"], "raw"],
  ["Token prices per character (blended)", (data) => data.filter((d) => d.family === "token" && d.code.includes("-BLEND-") && d.latest).map((d) => d.code), "per_char"],
  ["USD vs CNY per character", usdCnyCodes, "per_char"],
];
const NORMS = [
  ["raw", "As published"],
  ["rebased", "Rebased to 100"],
  ["per_char", "Per 1M Chinese characters (token indices)"],
];

function navigate(codes, norm) {
  const q = new URLSearchParams({ codes: codes.join(","), norm });
  location.search = q.toString();
}

/** Values as numbers for the chart (display only; published values stay exact strings in the API). */
async function seriesFor(code, norm) {
  /** @type {[import("../dashboard-types.ts").IndexDetailBody, import("../dashboard-types.ts").FixingPageBody]} */
  const [ix, history] = await Promise.all([api(`/v1/indices/${code}`), api(`/v1/indices/${code}/fixings?limit=5000`)]);
  let factor = 1;
  let unit = ix.unit;
  if (norm === "per_char") {
    const per = perCharFactor(ix);
    if (per.skipped !== undefined) return { code, skipped: per.skipped };
    ({ factor, unit } = per);
  }
  const points = chartPoints(history.data, factor, dayToSec);
  return { code, label: `${code} (${unit})`, unit, currency: ix.currency, points };
}

function rebase(series) {
  const common = series.map((s) => new Set(s.points.map((p) => p[0])));
  const shared = [...common[0] ?? []].filter((x) => common.every((set) => set.has(x))).sort((a, b) => a - b)[0];
  return series.map((s) => {
    const base = (shared !== undefined ? s.points.find((p) => p[0] === shared) : s.points[0])?.[1];
    return { ...s, label: s.code, points: base ? s.points.map(([x, y]) => [x, (y / base) * 100]) : [] };
  });
}

export async function renderCompare(params) {
  setTitle("Compare");
  /** @type {import("../dashboard-types.ts").IndexListBody} */
  const { data } = await api("/v1/indices");
  const norm = NORMS.some(([n]) => n === params.get("norm")) ? params.get("norm") : "raw";
  const chosen = (params.get("codes") ?? "GPU-H100SXM-OD,GPU-H100PCIE-OD,GPU-MI300X-OD").split(",").filter((c) => data.some((d) => d.code === c));

  const boxes = data.map((d) =>
    el("label", { class: d.latest ? "" : "muted" }, el("input", { type: "checkbox", value: d.code, checked: chosen.includes(d.code) }), ` ${d.code}`),
  );
  const picker = el(
    "form",
    { class: "picker", onsubmit: (e) => { e.preventDefault(); navigate(boxes.map((b) => b.firstChild).filter((i) => i.checked).map((i) => i.value), new FormData(e.target).get("norm")); } },
    el("div", { class: "norms" }, NORMS.map(([value, label]) => el("label", {}, el("input", { type: "radio", name: "norm", value, checked: value === norm }), ` ${label}`))),
    el("div", { class: "boxes" }, boxes),
    el("button", { type: "submit" }, "Show"),
  );
  const presets = el("div", { class: "presets" }, "Presets: ", PRESETS.map(([label, codes, n]) => el("button", { type: "button", onclick: () => navigate(typeof codes === "function" ? codes(data) : codes, n) }, label)));
  const chartBox = el("div", { class: "chart", id: "compare-chart" });
  const notes = el("ul", { class: "small muted" });
  mount(el("h1", {}, "Compare indices"), presets, chartBox, notes, picker);

  const all = await Promise.all(chosen.map((c) => seriesFor(c, norm)));
  for (const s of all.filter((s) => s.skipped)) notes.append(el("li", {}, `${s.code} not shown: ${s.skipped}.`));
  let shown = all.filter((s) => !s.skipped && s.points.length > 0);
  for (const s of all.filter((s) => !s.skipped && s.points.length === 0)) notes.append(el("li", {}, `${s.code} has no published values yet.`));
  if (norm === "rebased") shown = rebase(shown);
  if (norm === "per_char") notes.append(el("li", {}, "Per-character prices multiply the price per 1M tokens by the tokenizer's tokens per Chinese character (methodology/token.md); currencies are never converted."));
  if (new Set(shown.map((s) => s.currency)).size > 1) notes.append(el("li", {}, "USD and CNY series are drawn in their own currencies on one axis: CNY values are China-region CNY list prices, not USD times an exchange rate."));
  if (shown.length === 0) {
    const why = all.length > 0 && all.every((s) => s.skipped) ? "none of these indices can be drawn per character (see the notes)" : "pick indices with published fixings";
    chartBox.append(el("p", { class: "muted" }, `Nothing to draw: ${why}.`));
    return;
  }
  const units = [...new Set(shown.map((s) => s.unit))];
  if (norm === "raw" && units.length > 1) notes.append(el("li", {}, `Different units on one axis: ${units.join(", ")}. Rebase to compare movements.`));
  compareChart(chartBox, shown, norm === "rebased" ? "index (first common day = 100)" : units.join(" / "));
}
