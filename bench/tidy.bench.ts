// npm run bench:tidy — how fast `boeki ingest` lands a large tidy CSV (200 MB by default), against baselines
// measured in the same run on the same file: reading the bytes (`cat > /dev/null`) and DuckDB's bare read_csv
// count. Each ingest runs in a fresh process of its own, so that its peak memory is its own. Also: how long a
// file of 20,000 identical rows takes to be refused (the duplicate check). Prints numbers, never a verdict.

import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TIDY_COLUMNS } from "../src/sources/tidy.js";
import { generateTidy, TIDY_BENCH_BYTES } from "./generate-tidy.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const bytes = Number(process.env.BENCH_TIDY_BYTES ?? TIDY_BENCH_BYTES);
const file = path.resolve(process.argv[2] ?? `bench/out/tidy_bench_${Math.round(bytes / 1e6)}mb.csv`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = path.join(tmpdir(), `boeki-bench-tidy-${process.pid}`);
mkdirSync(dir, { recursive: true });

/** Runs a script in a fresh Node process that reports its own time and peak memory as its last line of JSON. */
function child(script: string, args: string[]): { seconds: number; peakMb: number; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8" });
  if (result.status !== 0 && !result.stdout.includes('"seconds"')) throw new Error(result.stderr || result.stdout);
  const report = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
  return { seconds: report.seconds, peakMb: report.peakMb, output: report.output };
}

function repeat(label: string, run: () => { seconds: number; peakMb: number }): { seconds: number; peakMb: number } {
  const runs = Array.from({ length: RUNS }, run);
  process.stderr.write(`${label}: ${runs.map((r) => r.seconds.toFixed(2)).join(" ")} s, peak ${runs.map((r) => r.peakMb.toFixed(0)).join(" ")} MB\n`);
  return { seconds: median(runs.map((r) => r.seconds)), peakMb: Math.max(...runs.map((r) => r.peakMb)) };
}

process.stderr.write(`generating ${file} (kept for later runs)…\n`);
await generateTidy(file, bytes);
const mb = statSync(file).size / 1e6;

const cat = repeat("cat", () => {
  const started = performance.now();
  spawnSync("sh", ["-c", `cat '${file}' > /dev/null`]);
  return { seconds: (performance.now() - started) / 1000, peakMb: 0 };
});

const duck = await (await DuckDBInstance.create(":memory:")).connect();
const columns = TIDY_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(", ");
let rows = 0;
const bareTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const reader = await duck.runAndReadAll(`SELECT count(*) AS n FROM read_csv('${file}', header = true, auto_detect = false, columns = {${columns}})`);
  rows = Number(reader.getRows()[0]![0]);
  bareTimes.push((performance.now() - started) / 1000);
}
process.stderr.write(`duckdb read_csv count: ${bareTimes.map((t) => t.toFixed(2)).join(" ")} s\n`);
const bare = { seconds: median(bareTimes), peakMb: 0 };

const runner = path.join(dir, "ingest-child.mts");
writeFileSync(
  runner,
  `import { Store } from ${JSON.stringify(path.resolve("src/store/store.ts"))};
import { ingest } from ${JSON.stringify(path.resolve("src/store/ingest.ts"))};
const [db, input] = process.argv.slice(2);
const store = await Store.open(db);
const started = performance.now();
let output = "ok";
try { await ingest(store, [input]); } catch (error) { output = String(error.message).slice(0, 160); }
const seconds = (performance.now() - started) / 1000;
store.close();
console.log(JSON.stringify({ seconds, peakMb: process.resourceUsage().maxRSS / 1024, output }));
`,
);
let run = 0;
const ingest = repeat("boeki ingest (in a fresh process, store open excluded)", () => child(runner, [path.join(dir, `tidy-${run++}.duckdb`), file]));
const cli = repeat("boeki ingest (CLI, whole process)", () => {
  const db = path.join(dir, `cli-${run++}.duckdb`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ["bin/boeki.js", "--db", db, "ingest", file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return { seconds: (performance.now() - started) / 1000, peakMb: 0 };
});

// 20,000 identical rows: refused, naming the first duplicate's lines.
const identical = path.join(dir, "identical.csv");
writeFileSync(identical, TIDY_COLUMNS.join(",") + "\n" + "2025-11,export,world,total,value,9714672,JPY_million,provisional,2025-12-17,press\n".repeat(20_000));
let refusal = "";
const duplicates = repeat("20,000 identical rows refused", () => {
  const r = child(runner, [path.join(dir, `dup-${run++}.duckdb`), identical]);
  refusal = r.output;
  return r;
});
rmSync(dir, { recursive: true, force: true });

const row = (what: string, r: { seconds: number; peakMb: number }) => ({
  what,
  "median s": r.seconds.toFixed(2),
  "MB/s": (mb / r.seconds).toFixed(1),
  "rows/s": Math.round(rows / r.seconds).toLocaleString("en-US"),
  "peak MB": r.peakMb ? r.peakMb.toFixed(0) : "",
  "× DuckDB count": (bare.seconds / r.seconds).toFixed(2),
});
console.log(`\nTidy CSV: ${file}\n${mb.toFixed(1)} MB, ${rows.toLocaleString("en-US")} rows; median of ${RUNS} runs (peak memory: the highest)\n`);
console.table([
  row("cat > /dev/null", cat),
  row("DuckDB read_csv count(*)", bare),
  row("boeki ingest (library, fresh process)", ingest),
  row("boeki ingest (CLI, cold process)", cli),
]);
console.log(`\n20,000 identical rows refused in ${duplicates.seconds.toFixed(2)} s (peak ${duplicates.peakMb.toFixed(0)} MB):\n  ${refusal}`);
