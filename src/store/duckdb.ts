// DuckDB's client, loaded when a store is first opened: a command that opens none (`--help`, `codes`) does not pay
// for it, and `require` reads this CommonJS package in a third of the time an ESM `import` takes to wrap its modules.
// (The CLI's bundle, scripts/build-cli.mjs, swaps this module for one that inlines the client: faster still.)

import { createRequire } from "node:module";

export const loadDuckDB = () => createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
