// npm run bench:check — how long the claim checker takes per 1,000 words, on the two real articles and our
// corpus, against the store of bench:figures (built on first use): warm (in process) and as a cold CLI run.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { check } from "../src/claims/index.js";
import { Store } from "../src/store/store.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const db = path.resolve("bench/out/figures.duckdb");
const articles = path.resolve("..", "shared", "articles");
if (!existsSync(articles)) {
  console.error(`bench:check needs the real articles in ${articles}`);
  process.exit(2);
}
if (!existsSync(db)) {
  const built = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/figures.bench.ts"], { stdio: "inherit", env: { ...process.env, BENCH_RUNS: "1" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length + (text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g)?.length ?? 0) / 2;

const inputs: Array<[string, string, string | undefined]> = [
  ["2025-12-17-japan-exports-november-2025.txt", readFileSync(path.join(articles, "2025-12-17-japan-exports-november-2025.txt"), "utf8"), "2025-12-17"],
  ["2024-12-japan-trade-balance-november-2024.txt", readFileSync(path.join(articles, "2024-12-japan-trade-balance-november-2024.txt"), "utf8"), "2024-12-18"],
];
const corpus = readdirSync("test/claims-corpus").filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join("test/claims-corpus", f), "utf8"));

const store = await Store.open(db, { readOnly: true });
const rows: Record<string, string>[] = [];
for (const [name, text, date] of inputs) {
  const times: number[] = [];
  let claims = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const started = performance.now();
    claims = (await check(store, text, { date })).claims.length;
    if (i >= 2) times.push(performance.now() - started);
  }
  const fresh = await Store.open(db, { readOnly: true });
  const started = performance.now();
  await check(fresh, text, { date });
  const firstTime = performance.now() - started;
  fresh.close();
  const n = words(text);
  rows.push({ "first check, ms": firstTime.toFixed(0), article: name, words: String(Math.round(n)), claims: String(claims), "warm median ms": median(times).toFixed(1), "ms per 1,000 words": ((median(times) / n) * 1000).toFixed(1) });
}
{
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const started = performance.now();
    for (const text of corpus) await check(store, text);
    if (i >= 2) times.push(performance.now() - started);
  }
  const n = corpus.reduce((s, t) => s + words(t), 0);
  rows.push({ article: `corpus (${corpus.length} articles)`, words: String(Math.round(n)), claims: "", "warm median ms": median(times).toFixed(1), "ms per 1,000 words": ((median(times) / n) * 1000).toFixed(1) });
}
store.close();
const cold: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["bin/boeki.js", "--db", db, "--json", "check", path.join(articles, inputs[0]![0]), "--date", "2025-12-17"]);
  if (result.status !== 0) throw new Error(String(result.stderr));
  cold.push(performance.now() - started);
}
console.log(`\nboeki check against ${db}; ${RUNS} runs each; cold CLI run of the first article: median ${median(cold).toFixed(0)} ms\n`);
console.table(rows);
