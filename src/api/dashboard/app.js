// Dashboard entry: picks the view for the current path (each page is a plain link; no client-side routing state).
import { showError } from "./common.js";
import { renderBoard } from "./board.js";
import { renderIndex } from "./index-page.js";
import { renderCompare } from "./compare.js";
import { renderSources } from "./sources.js";
import { renderContract, renderContracts } from "./contracts.js";
import { renderRestatements } from "./restatements.js";

const path = location.pathname.replace(/\/+$/, "") || "/";
/** @type {[RegExp, string, (m: RegExpExecArray) => Promise<void>][]} */
const views = [
  [/^\/$/, "board", () => renderBoard()],
  [/^\/index\/([^/]+)$/, "board", (m) => renderIndex(decodeURIComponent(m[1]))],
  [/^\/compare$/, "compare", () => renderCompare(new URLSearchParams(location.search))],
  [/^\/sources$/, "sources", () => renderSources()],
  [/^\/contracts$/, "contracts", () => renderContracts(new URLSearchParams(location.search))],
  [/^\/contracts\/([^/]+)$/, "contracts", (m) => renderContract(decodeURIComponent(m[1]))],
  [/^\/restatements$/, "restatements", () => renderRestatements(new URLSearchParams(location.search))],
];

for (const [pattern, nav, render] of views) {
  const match = pattern.exec(path);
  if (!match) continue;
  document.querySelector(`[data-nav="${nav}"]`)?.classList.add("active");
  render(match).catch(showError);
  break;
}
