// npm run bench:ingest — how fast `boeki ingest` lands an HS-9 table, against two baselines measured in
// the same run on the same file: reading the bytes (`cat > /dev/null`) and DuckDB's bare read_csv count.
// Prints numbers, never a verdict: speeds depend on the machine.

import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { hs9Layout } from "../src/sources/hs9-table.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";
import { generateHs9 } from "./generate-hs9.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const file = path.resolve(process.argv[2] ?? "bench/out/hs9_bench_2025.csv");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(label: string, run: () => Promise<unknown> | unknown): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    seconds.push((performance.now() - started) / 1000);
  }
  process.stderr.write(`${label}: ${seconds.map((s) => s.toFixed(3)).join(" ")} s\n`);
  return median(seconds);
}

process.stderr.write(`generating ${file} (kept for later runs)…\n`);
await generateHs9(file);
const mb = statSync(file).size / 1e6;
const header = (await import("node:fs")).readFileSync(file, "utf8").slice(0, 2000).split("\n")[0]!;
const layout = hs9Layout(header, file);

const catSeconds = await time("cat", () => spawnSync("sh", ["-c", `cat '${file}' > /dev/null`]));

const duck = await (await DuckDBInstance.create(":memory:")).connect();
const columns = layout.columns.map((c) => `'${c}': '${c.includes("-") ? "BIGINT" : "VARCHAR"}'`).join(", ");
let wideRows = 0;
const duckSeconds = await time("duckdb read_csv count", async () => {
  const reader = await duck.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${file}', header = true, auto_detect = false, columns = {${columns}})`);
  wideRows = Number(reader.getRows()[0]![0]);
});

const dir = path.join(tmpdir(), `boeki-bench-${process.pid}`);
let longRows = 0;
let run = 0;
const libSeconds = await time("boeki ingest (library)", async () => {
  const db = path.join(dir, `lib-${run++}.duckdb`);
  const store = await Store.open(db);
  const [report] = await ingest(store, [file]);
  longRows = report!.rowsRead;
  store.close();
});
const cliSeconds = await time("boeki ingest (CLI, whole process)", () => {
  const db = path.join(dir, `cli-${run++}.duckdb`);
  const result = spawnSync(process.execPath, ["bin/boeki.js", "--db", db, "ingest", file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
});
rmSync(dir, { recursive: true, force: true });

const row = (what: string, seconds: number, rows: number, unit: string) => ({
  what,
  "median s": seconds.toFixed(3),
  "MB/s": (mb / seconds).toFixed(1),
  [`rows/s`]: rows ? `${Math.round(rows / seconds).toLocaleString("en-US")} ${unit}` : "",
  "× DuckDB count": (duckSeconds / seconds).toFixed(2),
  "× cat": (catSeconds / seconds).toFixed(3),
});
console.log(`\nHS-9 table: ${file}\n${mb.toFixed(1)} MB, ${wideRows.toLocaleString("en-US")} wide lines, ${longRows.toLocaleString("en-US")} long observations (non-zero cells); median of ${RUNS} runs\n`);
console.table([
  row("cat > /dev/null", catSeconds, 0, ""),
  row("DuckDB read_csv count(*)", duckSeconds, wideRows, "wide"),
  row("boeki ingest (library, in process)", libSeconds, longRows, "long"),
  row("boeki ingest (CLI, cold process)", cliSeconds, longRows, "long"),
]);
