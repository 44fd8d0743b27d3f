// The fuzz run: mutants 0 … count-1 of a seed, shared among worker processes, each mutant under a time limit.
// A worker that goes silent past the limit is killed and the mutant counted as hung; one that crashes is
// replaced by a fresh one. `npm run fuzz -- --count N | --seconds S [--seed K] [--workers W]` prints the counts.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seeds } from "./mutate.js";
import type { MutantResult } from "./worker.js";

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.ts");

export interface FuzzOptions {
  count: number;
  /** Stop starting new mutants after this many seconds (a duration run); the count is then an upper bound. */
  seconds?: number;
  seed?: number;
  workers?: number;
  /** Per mutant: past it, the mutant is hung. */
  timeoutMs?: number;
  /** Keep the mutants found wrong, crashed or hung in this directory (default: a temporary one, kept when not empty). */
  dir?: string;
  onResult?: (result: MutantResult | HungResult) => void;
}

export interface HungResult {
  i: number;
  outcome: "hung";
  detail: string;
}

export interface FuzzSummary {
  seed: number;
  tried: number;
  rejected: number;
  /** Of the rejected: exit 2 (a choice left to the user, such as an HS-9 table's last month). */
  rejectedUsage: number;
  /** Of the rejected: refused although the strict reader would have landed them (stricter than it must be). */
  rejectedStricter: number;
  right: number;
  wrong: number;
  crashed: number;
  hung: number;
  seconds: number;
  realFiles: boolean;
  seedFiles: number;
  failures: Array<MutantResult | HungResult>;
  /** A few of the stricter refusals, to look at. */
  stricter: MutantResult[];
  /** Outcomes by seed file. */
  bySeed: Record<string, { tried: number; rejected: number; right: number }>;
  dir: string;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const seed = options.seed ?? 1;
  const workers = options.workers ?? 2;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), "boeki-fuzz-"));
  const started = Date.now();
  const deadline = options.seconds ? started + options.seconds * 1000 : Infinity;
  const { seeds: list, real } = seeds();
  const summary: FuzzSummary = { seed, tried: 0, rejected: 0, rejectedUsage: 0, rejectedStricter: 0, right: 0, wrong: 0, crashed: 0, hung: 0, seconds: 0, realFiles: real, seedFiles: list.length, failures: [], stricter: [], bySeed: {}, dir };

  const record = (r: MutantResult | HungResult) => {
    summary.tried++;
    if (r.outcome === "rejected") {
      summary.rejected++;
      if (r.exitCode === 2) summary.rejectedUsage++;
      if (r.stricter) summary.rejectedStricter++;
      if (r.stricter && summary.stricter.length < 10) summary.stricter.push(r);
    } else summary[r.outcome]++;
    if ("origin" in r && r.origin) {
      const s = (summary.bySeed[r.origin] ??= { tried: 0, rejected: 0, right: 0 });
      s.tried++;
      if (r.outcome === "rejected") s.rejected++;
      if (r.outcome === "right") s.right++;
    }
    if (r.outcome === "wrong" || r.outcome === "crashed" || r.outcome === "hung") summary.failures.push(r);
    options.onResult?.(r);
  };

  // Mutants are handed out in batches (one worker process each, to spread its start-up); a worker that dies leaves
  // the rest of its batch to a fresh one.
  let next = 0;
  const batch = options.seconds ? 200 : Math.max(50, Math.ceil(options.count / workers / 2));
  const take = (): [number, number] | null => {
    if (next >= options.count || Date.now() > deadline) return null;
    const range: [number, number] = [next, Math.min(options.count, next + batch)];
    next = range[1];
    return range;
  };

  const runBatch = (from: number, to: number): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", WORKER, String(seed), String(from), String(to), path.join(dir, "work")], { stdio: ["ignore", "pipe", "pipe"] });
      let current = from;
      let done = from;
      let buffer = "";
      let stderr = "";
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          record({ i: current, outcome: "hung", detail: `no answer in ${timeoutMs / 1000} s` });
          done = current + 1;
          child.kill("SIGKILL");
        }, timeoutMs);
      };
      arm();
      child.stdout.on("data", (chunk) => {
        buffer += chunk;
        for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const message = JSON.parse(line) as { start: number } | MutantResult;
          if ("start" in message) {
            current = message.start;
            arm();
          } else {
            record(message);
            done = message.i + 1;
          }
        }
      });
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", async (code) => {
        clearTimeout(timer);
        if (done === current && done < to && code !== 0 && code !== null) {
          // The worker died inside a mutant without a word (a native crash): that mutant crashed.
          record({ i: current, outcome: "crashed", origin: "", how: [], detail: `worker exited with ${code}: ${stderr.slice(-400)}` });
          done = current + 1;
        }
        if (done < to && Date.now() <= deadline) await runBatch(done, to);
        resolve();
      });
    });

  const lanes = Array.from({ length: workers }, async () => {
    for (let range = take(); range; range = take()) await runBatch(...range);
  });
  await Promise.all(lanes);
  summary.seconds = (Date.now() - started) / 1000;
  rmSync(path.join(dir, "work"), { recursive: true, force: true });
  if (summary.failures.length === 0 && !options.dir) rmSync(dir, { recursive: true, force: true });
  return summary;
}

export function formatSummary(s: FuzzSummary, verbose = false): string {
  const rate = (s.tried / s.seconds).toFixed(0);
  const lines = [
    `fuzz: seed ${s.seed}, ${s.seedFiles} seed files (${s.realFiles ? "repo fixtures and slices of ../shared/data" : "repo fixtures only: ../shared/data is absent"}), ${s.seconds.toFixed(1)} s, ${rate} mutants/s`,
    `  tried     ${s.tried}`,
    `  rejected  ${s.rejected}   (exit 3${s.rejectedUsage ? `; ${s.rejectedUsage} exit 2` : ""}; ${s.rejectedStricter} of them refused though the strict reader would land them)`,
    `  accepted  ${s.right}   (and right: exactly what the strict reader lands)`,
    `  wrong     ${s.wrong}`,
    `  crashed   ${s.crashed}`,
    `  hung      ${s.hung}`,
  ];
  if (verbose) {
    lines.push("  by seed file (tried / rejected / accepted and right):");
    for (const [origin, n] of Object.entries(s.bySeed).sort()) lines.push(`    ${String(n.tried).padStart(5)} ${String(n.rejected).padStart(5)} ${String(n.right).padStart(5)}  ${origin}`);
    for (const r of s.stricter) lines.push(`  stricter: mutant ${r.i}: ${r.origin}; ${r.how.join("; ")}; ${r.detail}`);
  }
  for (const f of s.failures.slice(0, 20)) {
    lines.push(`  ! mutant ${f.i} ${f.outcome}: ${"origin" in f ? `${f.origin}; ${f.how.join("; ")}; ` : ""}${f.detail ?? ""}${"file" in f && f.file ? ` (kept: ${f.file})` : ""}`);
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  if (process.argv.includes("--help")) {
    console.log(
      "npm run fuzz -- [--count N] [--seconds S] [--seed K] [--workers W] [--timeout S] [--verbose]\n" +
        "  default: 10,000 mutants; --seconds stops starting new ones after S seconds; --verbose: outcomes by seed file\n" +
        "npm run fuzz -- --seed K --replay I [--out FILE]\n  writes mutant I of seed K (to FILE, or to its seed's file name here) and says what it was",
    );
    process.exit(0);
  }
  if (arg("replay") !== undefined) {
    const { mutantOf } = await import("./worker.js");
    const m = mutantOf(Number(arg("seed") ?? 1), Number(arg("replay")));
    const out = arg("out") ?? m.seed.name;
    (await import("node:fs")).writeFileSync(out, m.bytes);
    console.log(`${out}: mutant ${arg("replay")} of seed ${arg("seed") ?? 1}, from ${m.seed.origin}: ${m.how.join("; ")}`);
    process.exit(0);
  }
  const seconds = arg("seconds") ? Number(arg("seconds")) : undefined;
  const count = Number(arg("count") ?? (seconds ? 1e9 : 10_000));
  let shown = 0;
  const summary = await runFuzz({
    count, seconds, seed: Number(arg("seed") ?? Date.now() % 100_000), workers: Number(arg("workers") ?? 2), timeoutMs: Number(arg("timeout") ?? 30) * 1000,
    onResult: () => {
      if (process.stderr.isTTY && ++shown % 100 === 0) process.stderr.write(`\r${shown} mutants…`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r");
  console.log(formatSummary(summary, process.argv.includes("--verbose")));
  process.exit(summary.wrong + summary.crashed + summary.hung === 0 ? 0 : 1);
}
