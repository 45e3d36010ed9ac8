// Compare view: several indices on one chart, raw, rebased to 100, or token prices per 1M Chinese characters.
import { api, dayToSec, el, mount, setTitle } from "./common.js";
import { compareChart } from "./chart.js";

const PRESETS = [
  ["H100 SXM vs H100 PCIe vs MI300X", ["GPU-H100SXM-OD", "GPU-H100PCIE-OD", "GPU-MI300X-OD"], "raw"],
  ["Hyperscalers vs the rest (H100 SXM)", ["GPU-H100SXM-OD-HYP", "GPU-H100SXM-OD-NHYP", "GPU-H100SXM-OD"], "raw"],
  ["Token prices per character (blended)", null, "per_char"],
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
  const [ix, history] = await Promise.all([api(`/v1/indices/${code}`), api(`/v1/indices/${code}/fixings?limit=5000`)]);
  let factor = 1;
  let unit = ix.unit;
  if (norm === "per_char") {
    if (ix.tokensPerChineseChar === null) return { code, skipped: ix.family === "gpu" ? "a GPU index has no tokens" : `no measured factor for tokenizer ${ix.tokenizer ?? "unknown"}` };
    factor = Number(ix.tokensPerChineseChar);
    unit = `${ix.currency}/1M Chinese chars`;
  }
  const points = history.data.filter((f) => f.value !== null).map((f) => [dayToSec(f.fixingDate), Number(f.value) * factor]);
  return { code, label: `${code} (${unit})`, unit, points };
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
  const { data } = await api("/v1/indices");
  const norm = NORMS.some(([n]) => n === params.get("norm")) ? params.get("norm") : "raw";
  const chosen = (params.get("codes") ?? "GPU-H100SXM-OD,GPU-H100PCIE-OD,GPU-MI300X-OD").split(",").filter((c) => data.some((d) => d.code === c));
  const blends = data.filter((d) => d.family === "token" && d.code.includes("-BLEND-") && d.latest).map((d) => d.code);

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
  const presets = el("div", { class: "presets" }, "Presets: ", PRESETS.map(([label, codes, n]) => el("button", { type: "button", onclick: () => navigate(codes ?? blends, n) }, label)));
  const chartBox = el("div", { class: "chart", id: "compare-chart" });
  const notes = el("ul", { class: "small muted" });
  mount(el("h1", {}, "Compare indices"), presets, chartBox, notes, picker);

  const all = await Promise.all(chosen.map((c) => seriesFor(c, norm)));
  for (const s of all.filter((s) => s.skipped)) notes.append(el("li", {}, `${s.code} not shown: ${s.skipped}.`));
  let shown = all.filter((s) => !s.skipped && s.points.length > 0);
  for (const s of all.filter((s) => !s.skipped && s.points.length === 0)) notes.append(el("li", {}, `${s.code} has no published values yet.`));
  if (norm === "rebased") shown = rebase(shown);
  if (norm === "per_char") notes.append(el("li", {}, "Per-character prices multiply the price per 1M tokens by the tokenizer's tokens per Chinese character (REFERENCE section 4); currencies are never converted."));
  if (shown.length === 0) {
    chartBox.append(el("p", { class: "muted" }, "Nothing to draw: pick indices with published fixings."));
    return;
  }
  const units = [...new Set(shown.map((s) => s.unit))];
  if (norm === "raw" && units.length > 1) notes.append(el("li", {}, `Different units on one axis: ${units.join(", ")}. Rebase to compare movements.`));
  compareChart(chartBox, shown, norm === "rebased" ? "index (first common day = 100)" : units.join(" / "));
}
