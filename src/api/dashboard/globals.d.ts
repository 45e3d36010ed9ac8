// Globals of the dashboard pages: uPlot is loaded as a classic script (/assets/uPlot.iife.min.js) before app.js.
import type uPlotType from "uplot";

declare global {
  const uPlot: typeof uPlotType;
}
