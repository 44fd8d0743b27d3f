// The release desk page: built into dist/web, which `boeki serve` serves. Everything it loads is bundled here,
// so the page works with no network beyond the server.

import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // One chart library and the page: small enough for one request each; no warning for ECharts' size.
    chunkSizeWarningLimit: 1200,
  },
  logLevel: "warn",
});
