// Draws what C# shaped (BarberPro.Core.Charts.ApexOptions): no formatting, no thresholds, no time zones here.
// One chart per element; the element's chart lives until destroy() (the component's DisposeAsync).
import ApexCharts from "../lib/apexcharts/apexcharts.esm.js";
import locales from "../lib/apexcharts/locales.esm.js";

const charts = new WeakMap();

/** Creates the chart from the options JSON, or replaces the options of the one already drawn in the element. */
export async function draw(element, optionsJson) {
  const options = JSON.parse(optionsJson);
  // ApexCharts' own month and day names in the viewer's language (C# names the locale; the words are served locally).
  const locale = options.chart && locales[options.chart.defaultLocale];
  if (locale) options.chart.locales = [locale];
  const existing = charts.get(element);
  if (existing) {
    existing.series = options.series.map((s) => ({ name: s.name, data: s.data }));
    await existing.chart.updateOptions(options, true, false, false);
    return;
  }
  const chart = new ApexCharts(element, options);
  charts.set(element, { chart, series: options.series.map((s) => ({ name: s.name, data: s.data })) });
  await chart.render();
}

/**
 * Appends one point per line, drops the points left of the new window and moves the axis; new annotations if sent.
 * A change without points only replaces the annotations (bands that changed between two points).
 */
export async function append(element, appendJson) {
  const state = charts.get(element);
  if (!state) return;
  const change = JSON.parse(appendJson);
  const options = {};
  if (change.points) {
    state.series.forEach((line, i) => {
      const point = change.points[i];
      if (point) line.data.push(point);
      while (line.data.length > 0 && line.data[0][0] < change.min) line.data.shift();
    });
    options.xaxis = { min: change.min, max: change.max };
    options.series = state.series;
  }
  if (change.annotations) options.annotations = change.annotations;
  await state.chart.updateOptions(options, false, false, false);
}

/** Appends to several charts at once (a grid's charts on a new snapshot): one call from the server, not one per chart. */
export async function appendAll(elements, changesJson) {
  await Promise.all(elements.map((element, i) => append(element, changesJson[i])));
}

/** Brings the element into view (the chart a tile drilled down to). */
export function reveal(element) {
  element.scrollIntoView({ block: "center", behavior: "instant" });
}

export function destroy(element) {
  const state = charts.get(element);
  if (!state) return;
  charts.delete(element);
  state.chart.destroy();
}
