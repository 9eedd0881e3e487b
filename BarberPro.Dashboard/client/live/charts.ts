// Charts: the server shapes the data (GET /api/series), this module only draws it with ApexCharts.
import ApexCharts from "apexcharts";
import type { LiveSnapshot, SeriesResponse } from "./model";
import { formatArtAxis } from "../shared/format";

/// Which figure of a snapshot extends which line of a chart, and the factor into the chart's unit.
const liveLines: Record<string, { panel: string; figure: string; scale: number }[]> = {
  throughput: [{ panel: "throughput", figure: "rps", scale: 1 }],
  latency: [
    { panel: "latency", figure: "avg", scale: 1 },
    { panel: "latency", figure: "p95", scale: 1 },
    { panel: "latency", figure: "p99", scale: 1 },
  ],
  errors: [{ panel: "errors", figure: "ratio5xx", scale: 100 }],
  pods: [
    { panel: "scaling", figure: "current", scale: 1 },
    { panel: "scaling", figure: "desired", scale: 1 },
    { panel: "scaling", figure: "max", scale: 1 },
  ],
};

/// Ranges short enough that appending each snapshot's value keeps the chart's density; longer ones are refetched.
const appendRanges = new Set(["15m", "1h"]);

interface ChartState {
  chart: ApexCharts;
  element: HTMLElement;
  range: string;
  series: { name: string; data: [number, number | null][] }[];
  windowMs: number;
}

const rangeMs: Record<string, number> = { "15m": 9e5, "1h": 36e5, "6h": 216e5, "24h": 864e5, "7d": 6048e5 };

export class LiveCharts {
  private readonly charts = new Map<string, ChartState>();

  constructor(root: HTMLElement) {
    for (const element of root.querySelectorAll<HTMLElement>("[data-chart]")) {
      const key = element.dataset.chart!;
      const chart = new ApexCharts(element, {
        chart: { type: "line", height: 240, animations: { enabled: false }, toolbar: { show: false }, zoom: { enabled: false } },
        series: [],
        stroke: { width: 2, curve: "straight" },
        xaxis: { type: "datetime", labels: { formatter: (value: string | number) => formatArtAxis(Number(value)) } },
        yaxis: { labels: { formatter: (v: number) => formatAxis(v) }, min: 0 },
        legend: { position: "top" },
        tooltip: { x: { format: "dd MMM HH:mm:ss" } },
        noData: { text: "Loading…" },
      });
      void chart.render();
      const state: ChartState = { chart, element, range: element.dataset.range ?? "1h", series: [], windowMs: 36e5 };
      this.charts.set(key, state);
      void this.load(key);
    }
    for (const button of root.querySelectorAll<HTMLButtonElement>("[data-chart-range]")) {
      button.addEventListener("click", () => {
        const key = button.dataset.chartFor!;
        const state = this.charts.get(key);
        if (!state) return;
        state.range = button.dataset.chartRange!;
        for (const sibling of root.querySelectorAll<HTMLButtonElement>(`[data-chart-for="${CSS.escape(key)}"]`)) {
          sibling.classList.toggle("active", sibling === button);
        }
        void this.load(key);
      });
    }
    // Long ranges are redrawn from the server once a minute rather than point by point.
    window.setInterval(() => {
      for (const [key, state] of this.charts) if (!appendRanges.has(state.range)) void this.load(key);
    }, 60_000);
  }

  async load(key: string): Promise<void> {
    const state = this.charts.get(key);
    if (!state) return;
    const note = state.element.parentElement?.querySelector<HTMLElement>("[data-chart-note]");
    try {
      const response = await fetch(`/api/series?panel=${encodeURIComponent(key)}&range=${encodeURIComponent(state.range)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? `HTTP ${response.status}`);
      }
      const data = (await response.json()) as SeriesResponse;
      state.series = data.lines.map((line) => ({ name: line.name, data: line.points }));
      state.windowMs = rangeMs[state.range] ?? 36e5;
      await state.chart.updateSeries(state.series, false);
      if (note) note.textContent = `step ${data.stepSeconds} s · ${data.lines.reduce((n, l) => n + l.points.filter((p) => p[1] !== null).length, 0)} points`;
      state.element.dataset.loaded = state.range;
    } catch (error) {
      if (note) note.textContent = `Could not load the series: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  append(snapshot: LiveSnapshot): void {
    for (const [key, state] of this.charts) {
      const lines = liveLines[key];
      if (!lines || !appendRanges.has(state.range) || state.series.length !== lines.length) continue;
      let changed = false;
      lines.forEach((line, i) => {
        const panel = snapshot.panels.find((p) => p.key === line.panel);
        const figure = panel?.status === "data" ? panel.figures.find((f) => f.key === line.figure) : undefined;
        const series = state.series[i];
        if (!series || !panel?.asOf || figure?.value == null) return;
        const at = Date.parse(panel.asOf);
        const last = series.data[series.data.length - 1];
        if (last && last[0] >= at) return;
        series.data.push([at, figure.value * line.scale]);
        while (series.data.length > 0 && series.data[0]![0] < at - state.windowMs) series.data.shift();
        changed = true;
      });
      if (changed) void state.chart.updateSeries(state.series, false);
    }
  }
}

function formatAxis(value: number): string {
  if (!Number.isFinite(value)) return "";
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(2);
}
