// uPlot charts: one index with its p25-p75 band, back-calculated spans shaded and fallback days marked.
import { dayToSec } from "./common.js";

const BLUE = "#1d4ed8";

/** Contiguous runs of back-calculated dates as [startSec, endSec]. */
function backCalculatedSpans(fixings) {
  const spans = [];
  for (const f of fixings) {
    if (f.status !== "back-calculated" && f.calculation !== "back-calculated") continue;
    const x = dayToSec(f.fixingDate);
    const last = spans[spans.length - 1];
    if (last && x - last[1] <= 86400 * 1.5) last[1] = x;
    else spans.push([x, x]);
  }
  return spans;
}

function shadeSpans(spans) {
  return (u) => {
    const { ctx, bbox } = u;
    ctx.save();
    for (const [a, b] of spans) {
      const x0 = u.valToPos(a - 43200, "x", true);
      const x1 = u.valToPos(b + 43200, "x", true);
      ctx.fillStyle = "rgba(107, 114, 128, 0.13)";
      ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
      ctx.fillStyle = "rgba(75, 85, 99, 0.9)";
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.fillText("back-calculated", x0 + 4 * devicePixelRatio, bbox.top + 14 * devicePixelRatio);
    }
    ctx.restore();
  };
}

/** A dashed vertical line at the first live fixing: back-calculated history on its left, the live series on its right. */
function liveMarker(liveSince) {
  return (u) => {
    if (!liveSince) return;
    const { ctx, bbox } = u;
    const x = u.valToPos(dayToSec(liveSince) - 43200, "x", true);
    if (x < bbox.left || x > bbox.left + bbox.width) return;
    ctx.save();
    ctx.strokeStyle = "rgba(5, 150, 105, 0.9)";
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.fillStyle = "rgba(5, 150, 105, 1)";
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText(`live since ${liveSince}`, x + 4 * devicePixelRatio, bbox.top + 28 * devicePixelRatio);
    ctx.restore();
  };
}

const num = (v) => (v === null || v === undefined ? null : Number(v));

/** Breaks the line where no fixing was published for more than 3 days (no invented values across gaps). */
function withGaps(fixings) {
  const out = [];
  for (const f of fixings) {
    const prev = out[out.length - 1];
    if (prev && dayToSec(f.fixingDate) - dayToSec(prev.fixingDate) > 3 * 86400) out.push({ fixingDate: nextDay(prev.fixingDate), value: null, distribution: null, status: "gap" });
    out.push(f);
  }
  return out;
}

function nextDay(date) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
}

/** @param {string | null} [liveSince] the first live fixing date (a marker line), null before any */
export function indexChart(target, published, unit, liveSince = null) {
  const fixings = withGaps(published);
  /** @type {import("uplot").AlignedData} */
  const data = [
    fixings.map((f) => dayToSec(f.fixingDate)),
    fixings.map((f) => num(f.distribution?.p25)),
    fixings.map((f) => num(f.distribution?.p75)),
    fixings.map((f) => num(f.value)),
    fixings.map((f) => (f.status === "fallback" ? num(f.value) : null)),
  ];
  /** @type {import("uplot").Options} */
  const opts = {
    width: target.clientWidth || 800,
    height: 340,
    scales: { x: { time: true } },
    series: [
      {},
      { label: "p25", stroke: "rgba(29, 78, 216, 0.35)", width: 1 },
      { label: "p75", stroke: "rgba(29, 78, 216, 0.35)", width: 1 },
      { label: "fixing", stroke: BLUE, width: 2, spanGaps: false },
      { label: "fallback day", stroke: "#b45309", paths: () => null, points: { show: true, size: 9, fill: "#f59e0b", stroke: "#b45309" } },
    ],
    bands: [{ series: [2, 1], fill: "rgba(29, 78, 216, 0.12)" }],
    axes: [{}, { label: unit, size: 70 }],
    hooks: { drawClear: [shadeSpans(backCalculatedSpans(published))], draw: [liveMarker(liveSince)] },
  };
  const chart = new uPlot(opts, data, target);
  new ResizeObserver(() => chart.setSize({ width: target.clientWidth, height: 340 })).observe(target);
  return chart;
}

const PALETTE = ["#1d4ed8", "#dc2626", "#059669", "#7c3aed", "#d97706", "#0891b2", "#be185d", "#4b5563"];

/** Several series on one chart: `series` = [{label, points: [[sec, number|null]]}], aligned on the union of x. */
export function compareChart(target, series, yLabel) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const columns = series.map((s) => {
    const byX = new Map(s.points);
    return xs.map((x) => (byX.has(x) ? byX.get(x) : null));
  });
  const opts = {
    width: target.clientWidth || 800,
    height: 380,
    scales: { x: { time: true } },
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2 }))],
    axes: [{}, { label: yLabel, size: 70 }],
  };
  const chart = new uPlot(opts, [xs, ...columns], target);
  new ResizeObserver(() => chart.setSize({ width: target.clientWidth, height: 380 })).observe(target);
  return chart;
}
