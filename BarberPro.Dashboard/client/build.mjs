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

const css = await Promise.all([
  "node_modules/@tabler/core/dist/css/tabler.min.css",
  "node_modules/apexcharts/dist/apexcharts.css",
  "client/site.css",
].map((f) => readFile(join(root, f), "utf8")));
await writeFile(join(out, "app.css"), css.join("\n"));
