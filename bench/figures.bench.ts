// npm run bench:figures — how long `figures --month` takes against a realistic store: the full d41ma/d51ma/d61ma
// time series, the 2009–2019 area × commodity table (644k rows) and the press releases; in a cold process
// (the CLI, start to finish) and warm (in process, the store open). Needs ../shared/data. Prints medians.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { figures } from "../src/figures/index.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";

const SHARED = path.resolve("..", "shared", "data");
if (!existsSync(SHARED)) {
  console.error(`bench:figures needs the Ministry's files in ${SHARED}`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const db = path.resolve("bench/out/figures.duckdb");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(db)) {
  process.stderr.write(`building ${db} …\n`);
  const store = await Store.open(db);
  const data = (...p: string[]) => path.join(SHARED, ...p);
  await ingest(store, ["d41ma", "d51ma", "d61ma"].map((f) => data("mof-timeseries", `${f}.sjis.csv`)), { released: "2026-09-30" });
  await ingest(store, [data("mof-area-commodity", "area_commodity_monthly_2009-01_2019-05.csv.gz")], { released: "2019-07-19" });
  await ingest(store, [data("mof-press-release", "tidy", "press_area_country.tidy.csv")], { dataset: "mof.press" });
  await ingest(store, [data("mof-press-release", "xml", "press_2025114en.xml"), data("mof-press-release", "press_headline_totals.csv")]);
  store.close();
}

const store = await Store.open(db, { readOnly: true });
const [{ observations }] = (await store.rows<{ observations: number }>(`SELECT count(*)::INTEGER AS observations FROM observations`)) as [{ observations: number }];
store.close();

const rows: Record<string, string>[] = [];
for (const [month, asOf] of [["2025-11", undefined], ["2025-11", "2025-12-17"], ["2019-05", undefined]] as const) {
  const args = ["bin/boeki.js", "--db", db, "--json", "figures", "--month", month, ...(asOf ? ["--as-of", asOf] : [])];
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(String(result.stderr));
    cold.push(performance.now() - started);
  }
  const open = await Store.open(db, { readOnly: true });
  const warm: number[] = [];
  const first: number[] = [];
  let facts = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    facts = (await figures(open, { month, asOf })).facts.length;
    if (i >= 3) warm.push(performance.now() - started); // the first calls warm DuckDB's caches
  }
  open.close();
  // The same with a fresh store object each time: DuckDB warm, but boeki's snapshot not yet kept.
  for (let i = 0; i < RUNS; i++) {
    const fresh = await Store.open(db, { readOnly: true });
    const started = performance.now();
    await figures(fresh, { month, asOf });
    first.push(performance.now() - started);
    fresh.close();
  }
  rows.push({
    month, "as of": asOf ?? "now", facts: String(facts), "cold process, median ms": median(cold).toFixed(0),
    "warm, first time for the month, median ms": median(first).toFixed(1), "warm, asked again, median ms": median(warm).toFixed(1),
  });
}
console.log(`\nfigures --month against ${db} (${observations.toLocaleString("en-US")} observations); ${RUNS} runs each\n`);
console.table(rows);
