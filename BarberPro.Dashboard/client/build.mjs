// Builds the browser client into wwwroot/dist: one ES module bundle and one stylesheet (Tabler + ApexCharts + ours).
// Everything is served from the dashboard itself; nothing is fetched from a CDN at run time.
import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "wwwroot", "dist");
await mkdir(out, { recursive: true });

await build({
  entryPoints: [join(root, "client", "app.ts")],
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  outfile: join(out, "app.js"),
  logLevel: "warning",
});

// ApexCharts for the Blazor chart component (Charts/ApexChart.razor.js imports it): one self-contained ES module.
// The package's own ESM build imports "apexcharts/core" by bare name, which a browser cannot resolve.
await build({
  stdin: { contents: 'export { default } from "apexcharts";', resolveDir: root, loader: "js" },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  outfile: join(root, "wwwroot", "lib", "apexcharts", "apexcharts.esm.js"),
  logLevel: "warning",
});

const css = await Promise.all([
  "node_modules/@tabler/core/dist/css/tabler.min.css",
  "node_modules/apexcharts/dist/apexcharts.css",
  "client/site.css",
].map((f) => readFile(join(root, f), "utf8")));
await writeFile(join(out, "app.css"), css.join("\n"));
