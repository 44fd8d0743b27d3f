// npm run bench:serve — `boeki serve` under load on loopback (autocannon, 50 connections, 10 s per endpoint):
// requests/s, p50 and p99 latency, errors. Against the store of bench:figures (built on first use), with a bare
// node:http server sending a body of the same size measured in the same run as the baseline. Client and server
// share this machine's cores, so the figures are a floor. BENCH_DURATION=S and BENCH_CONNECTIONS=N change the run.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const db = path.resolve("bench/out/figures.duckdb");
const article = path.resolve("..", "shared", "articles", "2024-12-japan-trade-balance-november-2024.txt");
if (!existsSync(article)) {
  console.error(`bench:serve needs the real articles beside the repository (${article})`);
  process.exit(2);
}
if (!existsSync(db)) {
  const built = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "bench/figures.bench.ts"], { stdio: "inherit", env: { ...process.env, BENCH_RUNS: "1" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Starts a server process and waits for the address it prints. */
function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

const boeki = await start(["bin/boeki.js", "--db", db, "serve", "--port", "0"]);
const base = boeki.url.replace(/\/$/, "");
const text = readFileSync(article, "utf8");
const checkBody = JSON.stringify({ text, date: "2024-12-18" });

// The answers are computed once per store version, then served from memory: warm each first (timed), as a
// reporter's first request would be.
const firstTime: Record<string, number> = {};
const figuresUrl = `${base}/api/figures?month=latest`;
const headlineUrl = `${base}/api/figures?month=latest&section=headline`;
const briefUrl = `${base}/api/brief?month=latest`;
for (const [name, url, init] of [
  ["figures", figuresUrl], ["headline", headlineUrl], ["brief", briefUrl],
  ["check", `${base}/api/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: checkBody }],
] as Array<[string, string, RequestInit?]>) {
  const started = performance.now();
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  firstTime[name] = performance.now() - started;
  firstTime[`${name} bytes`] = bytes;
}
const etag = (await fetch(figuresUrl)).headers.get("ETag")!;

// The baseline: node:http sending a fixed body as large as the full figures answer, nothing else.
const baselineBytes = firstTime["figures bytes"]!;
const baseline = await start(["--input-type=module", "-e", `
  import http from "node:http";
  const body = Buffer.alloc(${baselineBytes}, 32);
  const small = Buffer.alloc(${firstTime["headline bytes"]}, 32);
  const server = http.createServer((req, res) => { res.writeHead(200, { "Content-Type": "application/json" }); res.end(req.url === "/small" ? small : body); });
  server.listen(0, "127.0.0.1", () => console.log("http://127.0.0.1:" + server.address().port + "/"));`]);

let unique = 0;
const word = (n: number) => n.toString(26).replace(/\d/g, (d) => "qrstuvwxyz"[Number(d)]!);
const runs: Array<{ what: string; options: autocannon.Options }> = [
  { what: "baseline: node:http, same bytes as full figures", options: { url: baseline.url } },
  { what: "baseline: node:http, same bytes as the headline", options: { url: `${baseline.url}small` } },
  { what: "GET /api/figures?month=latest (all sections, cached)", options: { url: figuresUrl } },
  // As a browser asks: gzip accepted (the megabyte of JSON goes out as about a tenth).
  { what: "GET /api/figures?month=latest (all sections, cached, gzip)", options: { url: figuresUrl, headers: { "Accept-Encoding": "gzip" } } },
  { what: "GET /api/figures?month=latest&section=headline (cached)", options: { url: headlineUrl } },
  { what: "GET /api/figures?month=latest, If-None-Match → 304", options: { url: figuresUrl, headers: { "If-None-Match": etag } } },
  { what: "GET /api/brief?month=latest (JSON, cached)", options: { url: briefUrl } },
  { what: "POST /api/check, seed article (cached)", options: { url: `${base}/api/check`, method: "POST", headers: { "Content-Type": "application/json" }, body: checkBody } },
  {
    what: "POST /api/check, seed article, each body new (computed)",
    options: {
      url: `${base}/api/check`, method: "POST", headers: { "Content-Type": "application/json" },
      // A different tail on every request (letters only: no claim) so that nothing is answered from the cache.
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ text: `${text}\n[ref ${word(unique++)}]`, date: "2024-12-18" }) }) }],
    },
  },
];

const rows: Record<string, string | number>[] = [];
for (const { what, options } of runs) {
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION });
  rows.push({
    endpoint: what,
    "requests/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx - (options.headers?.["If-None-Match"] ? result["3xx"] ?? 0 : 0),
    "MB/s": (result.throughput.average / 1e6).toFixed(1),
  });
}
boeki.child.kill("SIGTERM");
baseline.child.kill("SIGTERM");

console.log(`\nboeki serve on ${db}; autocannon ${CONNECTIONS} connections × ${DURATION} s per endpoint, client and server on the same 2 cores`);
console.log(
  `first answers (computed, then cached per store version): figures ${firstTime.figures!.toFixed(0)} ms (${(firstTime["figures bytes"]! / 1e6).toFixed(1)} MB), ` +
    `headline ${firstTime.headline!.toFixed(0)} ms, brief ${firstTime.brief!.toFixed(0)} ms, check ${firstTime.check!.toFixed(0)} ms\n`,
);
console.table(rows);
const ratio = (a: number, b: number) => (Number(rows[a]!["requests/s"]) / Number(rows[b]!["requests/s"])).toFixed(2);
console.log(`cached full figures / node:http with the same bytes: ${ratio(2, 0)}× (gzipped, as a browser takes them: ${ratio(3, 0)}×); cached headline / node:http with the same bytes: ${ratio(4, 1)}×`);
