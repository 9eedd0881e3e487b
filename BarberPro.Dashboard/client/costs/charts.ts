// Static charts of the bookings, costs and capacity pages. The server writes each chart's data as JSON into a
// <script type="application/json" data-bp-chart="id"> element (shaped on the server); this module only draws it.
import ApexCharts from "apexcharts";

interface ChartSeries {
  name: string;
  data: (number | null)[];
}

interface ChartData {
  type: "bar" | "line";
  unit: string;
  categories: string[];
  series: ChartSeries[];
  stacked: boolean;
}

const arsNumber = new Intl.NumberFormat("es-AR", { maximumFractionDigits: 0 });
const usNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function formatValue(unit: string, value: number): string {
  if (unit === "ARS") return `$ ${arsNumber.format(value)}`;
  if (unit === "USD") return `US$ ${usNumber.format(value)}`;
  return `${usNumber.format(value)} ${unit}`;
}

export function startCostCharts(root: Document): void {
  for (const script of root.querySelectorAll<HTMLScriptElement>("script[data-bp-chart]")) {
    const id = script.dataset.bpChart!;
    const target = root.querySelector<HTMLElement>(`[data-bp-chart-target="${CSS.escape(id)}"]`);
    if (!target) continue;
    let data: ChartData;
    try {
      data = JSON.parse(script.textContent ?? "") as ChartData;
    } catch {
      target.textContent = "Chart data could not be read.";
      continue;
    }
    const chart = new ApexCharts(target, {
      chart: { type: data.type, height: 280, stacked: data.stacked, animations: { enabled: false }, toolbar: { show: false }, zoom: { enabled: false } },
      series: data.series,
      xaxis: { categories: data.categories },
      yaxis: { labels: { formatter: (v: number) => formatValue(data.unit, v) }, min: 0 },
      dataLabels: { enabled: false },
      stroke: { width: data.type === "line" ? 2 : 0, curve: "straight" },
      legend: { position: "top" },
      tooltip: { y: { formatter: (v: number) => formatValue(data.unit, v) } },
      noData: { text: "No data" },
    });
    void chart.render();
  }
}
