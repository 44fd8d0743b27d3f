// npm run bench:scale [-- --quick] — how boeki's HS-9 storage grows: stores of 1×, 4× and 16× the bench table
// (one generated year each, 2025 back; `--quick` stops at 4×), each built by `boeki ingest`, then HS-9 series
// and roll-up queries cold (a whole CLI process, against the floor: a process that opens the store and runs
// `select 1`) and warm (in process), an export of the whole store, and twelve monthly year-to-date tables of one
// year. Prints one table with the growth exponent of each cost from the smallest store to the largest
// (0: flat, 1: linear). Stores are deleted at the end. Prints numbers, never a verdict: the machine is shared.

import { spawn, spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { hs9Layout } from "../src/sources/hs9-table.js";
import { generateHs9 } from "./generate-hs9.js";

const quick = process.argv.includes("--quick");
const SIZES = quick ? [1, 4] : [1, 4, 16];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** A child above this many MB of memory, or running longer than this, is stopped and reported as such. */
const CAP_MB = Number(process.env.BENCH_CAP_MB ?? 6000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const OUT = path.resolve("bench/out/scale");
const SHARED_D41MA = path.resolve("..", "shared", "data", "mof-timeseries", "d41ma.sjis.csv");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = (s: string) => process.stderr.write(`${s}\n`);

mkdirSync(OUT, { recursive: true });
log("building dist/ so that the CLI runs compiled…");
spawnSync("npm", ["run", "build"], { stdio: "ignore" });

interface Measured { seconds: number; peakMb: number; stdout: string; stderr: string; code: number | null; stopped?: string }

/** Runs a command under /usr/bin/time for its peak memory, stopping it past CAP_MB or TIMEOUT_S. */
async function measure(args: string[]): Promise<Measured> {
  const timeFile = path.join(OUT, `time-${process.pid}.txt`);
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "%M", "-o", timeFile, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  let stopped: string | undefined;
  const watch = setInterval(() => {
    const rss = treeRssMb(child.pid!);
    if (rss > CAP_MB) stopped = `stopped above ${CAP_MB} MB`;
    else if (performance.now() - started > TIMEOUT_S * 1000) stopped = `stopped after ${TIMEOUT_S} s`;
    if (stopped) {
      for (const pid of descendants(child.pid!)) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
    }
  }, 100);
  const [code] = (await once(child, "close")) as [number | null];
  clearInterval(watch);
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(readFileSync(timeFile, "utf8").trim().split("\n").at(-1));
  return { seconds, peakMb: Number.isFinite(peakKb) ? peakKb / 1024 : treeRssMb(0), stdout, stderr, code, stopped };
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch { /* gone */ }
  return [...children.flatMap(descendants), ...children];
}

function treeRssMb(pid: number): number {
  if (!pid) return NaN;
  return descendants(pid).reduce((mb, p) => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      return mb + Number(kb ?? 0) / 1024;
    } catch {
      return mb;
    }
  }, 0);
}

const tsx = (script: string, ...args: string[]) => [process.execPath, "--import", "tsx", script, ...args];
const cli = (db: string, ...args: string[]) => [process.execPath, "bin/boeki.js", "--db", db, ...args];

async function coldMs(args: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const m = await measure(args);
    if (m.code !== 0) throw new Error(`${args.join(" ")} failed: ${m.stderr}`);
    times.push(m.seconds * 1000);
  }
  return median(times);
}

// The years' tables: 2025 is bench:ingest's file, earlier years their own lines.
const years = Array.from({ length: Math.max(...SIZES) }, (_, i) => 2025 - i);
const tableFor = (year: number) => (year === 2025 ? path.resolve("bench/out/hs9_bench_2025.csv") : path.join(OUT, `hs9_bench_${year}.csv`));
for (const year of years) {
  if (!existsSync(`${tableFor(year)}.done`)) log(`generating the ${year} table…`);
  await generateHs9(tableFor(year), undefined, year);
}
const header = readFileSync(tableFor(2025), "utf8").slice(0, 4000).split("\n");
const layout = hs9Layout(header[0]!, tableFor(2025));
const [flowCode, , , hsQuoted, country] = header[1]!.split(",");
const hs = hsQuoted!.replaceAll("'", "");
const flow = flowCode === "1" ? "export" : "import";
const seriesQuery = (commodity: string) => ({ flow, partner: country!, commodity, from: "2025-01", to: "2025-12", measures: ["value"] });
const queries: Record<string, ReturnType<typeof seriesQuery>> = {
  "HS-9 series": seriesQuery(`hs:${hs}`),
  "roll-up hs:2": seriesQuery(`hs:${hs.slice(0, 2)}`),
  "roll-up hs:4": seriesQuery(`hs:${hs.slice(0, 4)}`),
  "roll-up hs:6": seriesQuery(`hs:${hs.slice(0, 6)}`),
};
const cliSeries = (db: string, q: ReturnType<typeof seriesQuery>) =>
  cli(db, "--json", "series", "--flow", q.flow, "--partner", q.partner, "--commodity", q.commodity, "--from", q.from, "--to", q.to, "--measure", "value");

const duck = await (await DuckDBInstance.create(":memory:")).connect();
const csvColumns = layout.columns.map((c) => `'${c}': '${c.includes("-") ? "BIGINT" : "VARCHAR"}'`).join(", ");

type Row = Record<string, number | string>;
const results: Row[] = [];
for (const size of SIZES) {
  const files = years.slice(0, size).reverse();
  const mb = files.reduce((n, f) => n + statSync(tableFor(f)).size / 1e6, 0);
  const r: Row = { size: `${size}×`, "CSV MB": mb };
  const list = files.map((f) => `'${tableFor(f)}'`).join(", ");
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await duck.run(`SELECT count(*) FROM read_csv([${list}], header = true, auto_detect = false, columns = {${csvColumns}})`);
    bare.push((performance.now() - started) / 1000);
  }
  const db = path.join(OUT, `store-${size}x.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  if (existsSync(SHARED_D41MA)) {
    const m = await measure(cli(db, "ingest", SHARED_D41MA, "--released", "2026-09-30"));
    if (m.code !== 0) throw new Error(m.stderr);
  }
  log(`${size}×: ingesting ${files.length} tables (${mb.toFixed(0)} MB)…`);
  const ingested = await measure(tsx("bench/scale-worker.ts", "ingest", db, ...files.map(tableFor)));
  if (ingested.code !== 0) throw new Error(`ingest failed: ${ingested.stderr}`);
  const perFile = JSON.parse(ingested.stdout) as { seconds: number }[];
  const ingestSeconds = perFile.reduce((n, f) => n + f.seconds, 0);
  r["ingest MB/s"] = mb / ingestSeconds;
  r["ingest × bare read_csv"] = median(bare) / ingestSeconds;
  r["ingest peak MB"] = ingested.peakMb;
  const storeMb = [db, `${db}.wal`].filter(existsSync).reduce((n, f) => n + statSync(f).size / 1e6, 0) + sideFilesMb(db);
  r["store ÷ CSV"] = storeMb / mb;

  log(`${size}×: queries…`);
  const floorArgs = [process.execPath, "--input-type=module", "-e",
    `import { DuckDBInstance } from "@duckdb/node-api"; const i = await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: "READ_ONLY" }); const c = await i.connect(); await c.run("select 1"); c.closeSync(); i.closeSync();`];
  const floor = await coldMs(floorArgs);
  r["floor ms (open + select 1)"] = floor;
  for (const [name, q] of Object.entries(queries)) {
    r[`${name} cold ms`] = await coldMs(cliSeries(db, q));
    r[`${name} cold × floor`] = (r[`${name} cold ms`] as number) / floor;
  }
  const warm = await measure(tsx("bench/scale-worker.ts", "warm", db, JSON.stringify(queries)));
  if (warm.code !== 0) throw new Error(`warm queries failed: ${warm.stderr}`);
  for (const [name, w] of Object.entries(JSON.parse(warm.stdout) as Record<string, { firstMs: number; warmMs: number; points: number }>)) {
    r[`${name} warm ms`] = w.warmMs;
    r[`${name} points`] = w.points;
  }
  if (existsSync(SHARED_D41MA)) {
    r["series of one month cold ms"] = await coldMs(cli(db, "--json", "series", "--from", "2025-11", "--to", "2025-11"));
    r["series of one month × floor"] = (r["series of one month cold ms"] as number) / floor;
  }

  log(`${size}×: export…`);
  const out = path.join(OUT, `export-${size}x.parquet`);
  const exported = await measure(cli(db, "--json", "export", "--format", "parquet", "--out", out));
  if (exported.code === 0) {
    const rows = (JSON.parse(exported.stdout) as { rows: number }).rows;
    r["export rows"] = rows;
    r["export s"] = exported.seconds;
    r["export rows/s"] = rows / exported.seconds;
  } else {
    r["export rows"] = exported.stopped ?? `failed (${exported.code}): ${exported.stderr.trim().split("\n").at(-1)}`;
    r["export s"] = exported.seconds;
  }
  r["export peak MB"] = exported.peakMb;
  rmSync(out, { recursive: true, force: true });
  for (const f of [db, `${db}.wal`, `${db}.files`, `${db}.tmp`]) rmSync(f, { recursive: true, force: true });
  results.push(r);
  log(JSON.stringify(r));
}

function sideFilesMb(db: string): number {
  const dir = `${db}.files`; // a layout keeping files beside the store would put them here
  if (!existsSync(dir)) return 0;
  const out = spawnSync("du", ["-sk", dir], { encoding: "utf8" }).stdout;
  return Number(out.split("\t")[0]) / 1024;
}

// Twelve monthly year-to-date tables of 2025 (through January … December) into one store.
log("year to date: writing twelve monthly tables of 2025…");
const ytdDir = path.join(OUT, "ytd");
mkdirSync(ytdDir, { recursive: true });
for (let through = 1; through <= 12; through++) {
  const file = path.join(ytdDir, `hs9_ytd_2025-${String(through).padStart(2, "0")}.csv`);
  if (!existsSync(file)) await writeYearToDate(tableFor(2025), file, through);
}
const ytdDb = path.join(OUT, "store-ytd.duckdb");
rmSync(ytdDb, { force: true });
const ytdFiles = Array.from({ length: 12 }, (_, i) => path.join(ytdDir, `hs9_ytd_2025-${String(i + 1).padStart(2, "0")}.csv`));
const ytd = await measure(tsx("bench/scale-worker.ts", "ingest", ytdDb, ...ytdFiles));
if (ytd.code !== 0) throw new Error(`year-to-date ingest failed: ${ytd.stderr}`);
const ytdPerFile = JSON.parse(ytd.stdout) as { seconds: number }[];
const stored = spawnSync(process.execPath, ["bin/boeki.js", "--db", ytdDb, "--json", "sql", "SELECT count(*)::BIGINT AS n FROM hs9_lines"], { encoding: "utf8" });
const ytdRow = {
  "tables": 12,
  "ingest s (first, last)": `${ytdPerFile[0]!.seconds.toFixed(2)}, ${ytdPerFile.at(-1)!.seconds.toFixed(2)}`,
  "stored line rows": (JSON.parse(stored.stdout) as { n: number }[])[0]?.n ?? stored.stderr,
  "store MB after January": NaN,
  "store MB after December": statSync(ytdDb).size / 1e6 + sideFilesMb(ytdDb),
};
rmSync(ytdDb, { force: true });
const january = path.join(OUT, "store-ytd-1.duckdb");
rmSync(january, { force: true });
await measure(tsx("bench/scale-worker.ts", "ingest", january, ytdFiles[0]!));
ytdRow["store MB after January"] = statSync(january).size / 1e6 + sideFilesMb(january);
rmSync(january, { force: true });
rmSync(`${january}.files`, { recursive: true, force: true });
rmSync(`${ytdDb}.files`, { recursive: true, force: true });
rmSync(ytdDir, { recursive: true, force: true }); // 900 MB, written again in seconds

async function writeYearToDate(from: string, to: string, through: number): Promise<void> {
  const out = createWriteStream(to);
  let first = true;
  let buffer = "";
  for await (const line of createInterface({ input: createReadStream(from) })) {
    if (first || line === "") {
      buffer += `${line}\n`;
      first = false;
      continue;
    }
    const cells = line.split(",");
    const totals = [0, 0, 0];
    for (let m = 1; m <= 12; m++) {
      for (let k = 0; k < 3; k++) {
        const i = 10 + (m - 1) * 3 + k;
        if (m > through) cells[i] = "0";
        totals[k]! += Number(cells[i]);
      }
    }
    cells.splice(7, 3, ...totals.map(String));
    buffer += `${cells.join(",")}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

// One table: a row per measure, a column per store size, and how each cost grows.
// Growth of each cost: time (from rates, as time for all the work), bytes and memory; ratios (× floor, × bare) have none.
const exponent = (name: string, a: number, b: number, growth: number) => {
  if (name.includes("MB/s") || name.includes("rows/s")) return 1 - Math.log(b / a) / Math.log(growth);
  if (name === "store ÷ CSV") return 1 + Math.log(b / a) / Math.log(growth);
  return Math.log(b / a) / Math.log(growth);
};
const names = [...new Set(results.flatMap((r) => Object.keys(r)))].filter((n) => n !== "size");
const table = names.map((name) => {
  const row: Record<string, string> = { measure: name };
  for (const r of results) {
    const v = r[name];
    row[r.size as string] = typeof v === "number" ? (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(2)) : String(v ?? "");
  }
  const [a, b] = [results[0]![name], results.at(-1)![name]];
  const skip = name.endsWith("points") || name.includes("×") || name === "CSV MB" || name === "export rows";
  row[`growth exponent ${SIZES[0]}→${SIZES.at(-1)}×`] =
    typeof a === "number" && typeof b === "number" && !skip ? exponent(name, a, b, SIZES.at(-1)! / SIZES[0]!).toFixed(2) : "";
  return row;
});
console.log(`\nbench:scale — HS-9 stores of ${SIZES.join("×, ")}× the bench table (${RUNS} runs per cold timing; machine shared, timings noisy)`);
console.log(`query: ${flow} to ${country}, hs:${hs} and its roll-ups, 2025-01…2025-12; growth exponent of the cost (time, bytes), rates as time per unit of work: 0 flat, 1 linear\n`);
console.table(table);
console.log("\ntwelve monthly year-to-date tables of 2025 into one store:");
console.table([ytdRow]);
