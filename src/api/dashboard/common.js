// Small helpers shared by the dashboard views: fetching the API, building elements, formatting.

/** GET a JSON API path; throws an Error carrying the API's error message. */
export async function api(path) {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}

/** el("a", { href: "/" }, "text", child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function svgEl(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function mount(...children) {
  const main = document.getElementById("main");
  if (!main) throw new Error("the page has no <main id=\"main\">");
  main.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return main;
}

export function showError(err) {
  mount(el("div", { class: "error" }, el("strong", {}, "Could not load: "), err.message));
}

/** A change as "+1.23%" with a class for colour; "–" when there is no base. */
export function changeCell(change) {
  if (!change) return el("td", { class: "num muted" }, "–");
  const sign = change.percent.startsWith("-") ? "down" : change.percent === "0.00" ? "flat" : "up";
  const text = `${sign === "up" ? "+" : ""}${change.percent}%`;
  return el("td", { class: `num ${sign}`, title: `${change.change} since ${change.since} (base ${change.base})` }, text);
}

export function statusBadge(status) {
  return el("span", { class: `badge status-${status ?? "none"}` }, status ?? "no fixing");
}

/** Before a series' first live value: when it is due and which sources it waits on (instead of "0 providers, fallback"). */
export function waitingText(waiting) {
  const when = waiting.nextFixingTime ? `first live fixing ${waiting.nextFixingTime.slice(0, 16).replace("T", " ")} UTC` : "schedules not started";
  return `${when} · waiting on ${waiting.sources.map((s) => s.id).join(", ") || "no enabled source"}`;
}

/** Trailing zeros kept as published; only the display is grouped. */
export function value(v) {
  return v === null || v === undefined ? "–" : v;
}

/** YYYY-MM-DD -> unix seconds (uPlot's x unit). */
export function dayToSec(date) {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/** A sparkline of [{date, value}] as inline SVG. */
export function sparkline(points, width = 120, height = 28) {
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "spark", role: "img" });
  const pts = points.filter((p) => p.value !== null).map((p) => [dayToSec(p.date), Number(p.value)]);
  if (pts.length < 2) return svg;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x) => ((x - x0) / (x1 - x0 || 1)) * (width - 4) + 2;
  const sy = (y) => height - 2 - ((y - y0) / (y1 - y0 || 1)) * (height - 4);
  const d = pts.map(([x, y], i) => `${i ? "L" : "M"}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join("");
  const up = ys[ys.length - 1] >= ys[0];
  svg.append(svgEl("path", { d, fill: "none", "stroke-width": 1.5, class: up ? "spark-up" : "spark-down" }));
  return svg;
}

export function setTitle(text) {
  document.title = `${text} · cpi`;
}
