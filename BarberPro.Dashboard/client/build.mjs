// Bundles ApexCharts for the Blazor chart component (Charts/ApexChart.razor.js imports it) into wwwroot/lib: one
// self-contained ES module, served from the dashboard itself (nothing is fetched from a CDN at run time). The package's
// own ESM build imports "apexcharts/core" by bare name, which a browser cannot resolve. ApexCharts injects its own
// stylesheet when it draws. Every other piece of the browser side is a Blazor component's collocated module.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  stdin: { contents: 'export { default } from "apexcharts";', resolveDir: root, loader: "js" },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  outfile: join(root, "wwwroot", "lib", "apexcharts", "apexcharts.esm.js"),
  logLevel: "warning",
});
