// npm run bench:brief — how long `boeki brief` takes for one month against the realistic store of
// bench:figures (built on first use): in a cold process (the CLI, start to finish, HTML with charts) and warm
// (in process, the store open), with and without charts. Needs ../shared/data. Prints medians.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { brief, toHtml } from "../src/brief/index.js";
import { setConsensus } from "../src/store/consensus.js";
import { Store } from "../src/store/store.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const db = path.resolve("bench/out/figures.duckdb");
if (!existsSync(db)) {
  const built = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/figures.bench.ts"], { stdio: "inherit", env: { ...process.env, BENCH_RUNS: "1" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
{
  const store = await Store.open(db);
  await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
  store.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: Record<string, string>[] = [];
for (const [month, asOf] of [["2025-11", "2025-12-17"], ["2024-11", "2024-12-18"], ["2025-11", undefined]] as const) {
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["bin/boeki.js", "--db", db, "brief", "--month", month, ...(asOf ? ["--as-of", asOf] : []), "--format", "html"], { maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(String(result.stderr));
    cold.push(performance.now() - started);
  }
  const store = await Store.open(db, { readOnly: true });
  const warm = async (charts: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const doc = await brief(store, month, { asOf, charts });
      if (charts) toHtml(doc);
      if (i >= 3) times.push(performance.now() - started);
    }
    return median(times);
  };
  const [withCharts, textOnly] = [await warm(true), await warm(false)];
  store.close();
  // A fresh store object each time: DuckDB warm, but boeki's snapshot not yet kept.
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const fresh = await Store.open(db, { readOnly: true });
    const started = performance.now();
    toHtml(await brief(fresh, month, { asOf }));
    first.push(performance.now() - started);
    fresh.close();
  }
  rows.push({
    month, "as of": asOf ?? "now",
    "cold process, HTML + charts, median ms": median(cold).toFixed(0),
    "warm, first time, HTML + charts, median ms": median(first).toFixed(1),
    "warm, asked again, HTML + charts, median ms": withCharts.toFixed(1),
    "warm, asked again, text only, median ms": textOnly.toFixed(1),
  });
}
console.log(`\nboeki brief against ${db}; ${RUNS} runs each\n`);
console.table(rows);
