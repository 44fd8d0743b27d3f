// Bundles the `boeki` command into dist/cli-bundle/ (run by `npm run build`, after tsc): one file to start instead
// of some thirty modules and commander's, and DuckDB's client inlined into the chunk that opens a store. Parts a
// command loads on demand (DuckDB, the parsers, the brief, the checker) stay in chunks of their own, loaded by the
// dynamic import()s of the commands. Other packages (ECharts, resvg, papaparse …) stay in node_modules.

import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
// Pure JavaScript, CommonJS: inlined, they load as part of a chunk rather than through ESM wrapping of CommonJS.
const inlined = new Set(["commander", "@duckdb/node-api", "papaparse", "fast-xml-parser", "cli-progress"]);

rmSync("dist/cli-bundle", { recursive: true, force: true }); // chunks are named by content: old ones would pile up
await build({
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist/cli-bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  external: Object.keys(pkg.dependencies).filter((name) => !inlined.has(name)).concat("@duckdb/node-bindings"),
  // Inlined CommonJS (commander, DuckDB's client) calls require(): give ES modules one.
  banner: { js: 'import { createRequire as __boekiRequire } from "node:module"; const require = __boekiRequire(import.meta.url);' },
  plugins: [
    {
      // src/store/duckdb.ts loads the client with require() for the unbundled library; in the bundle, import it so
      // that esbuild inlines it (into the lazily loaded chunk of the store).
      name: "inline-duckdb-client",
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]store[\\/]duckdb\.ts$/ }, () => ({
          contents: 'import * as client from "@duckdb/node-api"; export const loadDuckDB = () => client;',
          loader: "ts",
        }));
      },
    },
  ],
});
