// npm run bench:start — how fast `boeki` starts, as a person runs it (`node bin/boeki.js …`, a fresh process each
// time): --help, --version, and `series` of one month on a small store; each against `node -e 0` measured in the same
// rounds (A B C D, A B C D …), so that a machine slowing down or speeding up moves all of them alike. Needs no data.
// Goals (issue #10): --help ≤ 1.5 × node -e 0, series of one month ≤ 3 ×.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin", "boeki.js");
const db = path.join(root, "bench", "out", "start.duckdb");

// `boeki` runs dist/cli-bundle when it is as new as src/, else the sources through tsx (seconds slower): time the former.
function newest(dir: string): number {
  return Math.max(0, ...readdirSync(dir).map((f) => path.join(dir, f)).map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)));
}
const compiled = path.join(root, "dist", "cli-bundle", "main.js");
if (!existsSync(compiled) || statSync(compiled).mtimeMs < newest(path.join(root, "src"))) {
  process.stderr.write("the command's bundle is older than src/: building it first (npm run build) …\n");
  const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}

// A small store it builds itself: our fixture of d41ma (world totals), so no shared data is needed.
mkdirSync(path.dirname(db), { recursive: true });
rmSync(db, { force: true });
{
  const store = await Store.open(db);
  await ingest(store, [path.join(root, "test", "fixtures", "d41ma-small.sjis.csv")], { released: "2025-12-17" });
  store.close();
}

const commands: Array<{ name: string; args: string[] }> = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "boeki --help", args: [bin, "--help"] },
  { name: "boeki --version", args: [bin, "--version"] },
  { name: "boeki series (one month)", args: [bin, "--db", db, "series", "--from", "2025-01", "--to", "2025-01"] },
];

function run(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const loadBefore = loadavg()[0]!;
for (const c of commands) run(c.args); // warm the file cache, unmeasured
const times = commands.map(() => [] as number[]);
const ratios = commands.map(() => [] as number[]);
for (let round = 0; round < RUNS; round++) {
  const baseline = run(commands[0]!.args);
  times[0]!.push(baseline);
  for (let i = 1; i < commands.length; i++) {
    const ms = run(commands[i]!.args);
    times[i]!.push(ms);
    ratios[i]!.push(ms / baseline);
  }
}
const loadAfter = loadavg()[0]!;

const goals: Record<string, number> = { "boeki --help": 1.5, "boeki series (one month)": 3 };
console.log(`boeki start-up, ${RUNS} rounds, node ${process.version}, load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} (1 min)`);
console.table(
  commands.map((c, i) => ({
    command: c.name,
    "median ms": Math.round(median(times[i]!)),
    "min ms": Math.round(Math.min(...times[i]!)),
    "max ms": Math.round(Math.max(...times[i]!)),
    "× node -e 0 (median of rounds)": i === 0 ? 1 : Number(median(ratios[i]!).toFixed(2)),
    goal: goals[c.name] ? `≤ ${goals[c.name]}×` : "",
  })),
);
