// npm run bench:check — how long the claim checker takes per 1,000 words: the two seed articles, the ten real
// articles of ../shared/articles/real and our corpus, against the store of bench:figures with what the checker also
// reads (by-area time series, first prints, year-to-date months: bench/out/check.duckdb, built on first use).
// Warm (in process, asked again), the first check of an article in a fresh process, and a cold CLI run.

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { check } from "../src/claims/index.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FRESH_RUNS = Number(process.env.BENCH_FRESH_RUNS ?? 3);
const figuresDb = path.resolve("bench/out/figures.duckdb");
const db = path.resolve("bench/out/check.duckdb");
const shared = path.resolve("..", "shared");
const articles = path.join(shared, "articles");
if (!existsSync(articles)) {
  console.error(`bench:check needs the real articles in ${articles}`);
  process.exit(2);
}
if (!existsSync(figuresDb)) {
  const built = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/figures.bench.ts"], { stdio: "inherit", env: { ...process.env, BENCH_RUNS: "1" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(db)) {
  process.stderr.write(`building ${db} …\n`);
  copyFileSync(figuresDb, db);
  const store = await Store.open(db);
  const data = (...p: string[]) => path.join(shared, "data", ...p);
  await ingest(store, [data("mof-press-release", "press_area_country.csv")]);
  const byArea = ["d51ma", "d61ma", ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((i) => [`d52ma00${i}`, `d62ma00${i}`])];
  await ingest(store, byArea.map((f) => data("mof-timeseries-by-area", `${f}.csv`)), { released: "2025-08-03", encoding: "utf8" });
  await ingest(store, [data("first-prints", "jp_trade_first_print_calendar_2023-06_2026-07.csv")]);
  await ingest(store, [data("mof-area-commodity-ytd-vintages", "trade_year_vintages_ytd.csv.gz")]);
  store.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length + (text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g)?.length ?? 0) / 2;
const real = JSON.parse(`[${readFileSync(path.join(articles, "real", "labels.jsonl"), "utf8").trim().split("\n").join(",")}]`) as Array<{ file: string; published: string }>;
const inputs: Array<[name: string, file: string, date: string | undefined]> = [
  ["2025-12-17-japan-exports-november-2025.txt", path.join(articles, "2025-12-17-japan-exports-november-2025.txt"), "2025-12-17"],
  ["2024-12-japan-trade-balance-november-2024.txt", path.join(articles, "2024-12-japan-trade-balance-november-2024.txt"), "2024-12-18"],
  ...real.map((r): [string, string, string] => [`real/${r.file}`, path.join(articles, "real", r.file), r.published]),
];
const corpus = readdirSync("test/claims-corpus").filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join("test/claims-corpus", f), "utf8"));

const store = await Store.open(db, { readOnly: true });
const rows: Record<string, string>[] = [];
const perThousand = (ms: number, n: number) => ((ms / n) * 1000).toFixed(0);
let worstFresh = 0;
let worstSeries = 0;
for (const [name, file, date] of inputs) {
  const text = readFileSync(file, "utf8");
  const times: number[] = [];
  let claims = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const started = performance.now();
    claims = (await check(store, text, { date })).claims.length;
    if (i >= 2) times.push(performance.now() - started);
  }
  const fresh: number[] = [];
  const series: number[] = [];
  for (let i = 0; i < FRESH_RUNS; i++) {
    const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/check-once.ts", db, file, ...(date ? [date] : [])], { encoding: "utf8", env: { ...process.env, BENCH_RUNS: String(RUNS) } });
    if (run.status !== 0) throw new Error(run.stderr);
    const timed = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { ms: number; mean: number };
    fresh.push(timed.ms);
    series.push(timed.mean);
  }
  const n = words(text);
  worstFresh = Math.max(worstFresh, (median(fresh) / n) * 1000);
  worstSeries = Math.max(worstSeries, (median(series) / n) * 1000);
  rows.push({
    article: name, words: String(Math.round(n)), claims: String(claims),
    "warm ms": median(times).toFixed(1), "warm ms/1,000 words": perThousand(median(times), n),
    "first check in a fresh process, ms": median(fresh).toFixed(0), "first ms/1,000 words": perThousand(median(fresh), n),
    [`${RUNS} checks in a fresh process, first included: mean ms/1,000 words`]: perThousand(median(series), n),
  });
}
{
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    for (const text of corpus) await check(store, text);
    times.push(performance.now() - started);
  }
  const n = corpus.reduce((s, t) => s + words(t), 0);
  rows.push({ article: `corpus (${corpus.length} articles, each first in its month)`, words: String(Math.round(n)), claims: "", "warm ms": median(times).toFixed(0), "warm ms/1,000 words": perThousand(median(times), n) });
}
store.close();
const cold: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["bin/boeki.js", "--db", db, "--json", "check", inputs[0]![1], "--date", "2025-12-17"]);
  if (result.status !== 0) throw new Error(String(result.stderr));
  cold.push(performance.now() - started);
}
const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  baseline.push(performance.now() - started);
}
console.log(`\nboeki check against ${db}; ${RUNS} warm runs, ${FRESH_RUNS} fresh processes per article`);
console.log(`cold CLI run of the first article: median ${median(cold).toFixed(0)} ms (node -e 0: ${median(baseline).toFixed(0)} ms)`);
console.log(`slowest first check in a fresh process: ${worstFresh.toFixed(0)} ms per 1,000 words; slowest mean of ${RUNS} checks in a fresh process, the first included: ${worstSeries.toFixed(0)} ms per 1,000 words\n`);
console.table(rows);
