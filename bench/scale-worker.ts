// The in-process half of `npm run bench:scale`, run in its own process so that its peak memory is its own:
// `ingest DB FILE…` lands each file (timed without the process start), `warm DB QUERIES-JSON` times queries
// on a store kept open (first call, then the median of repeated calls). Prints one JSON document.

import { ingest } from "../src/store/ingest.js";
import { series, type SeriesQuery } from "../src/store/read.js";
import { Store } from "../src/store/store.js";

const [command, db, ...rest] = process.argv.slice(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (command === "ingest") {
  const results: { file: string; seconds: number; rows: number }[] = [];
  for (const file of rest) {
    const started = performance.now();
    const store = await Store.open(db!);
    const [report] = await ingest(store, [file]);
    store.close(); // closing checkpoints: part of landing the file
    results.push({ file, seconds: (performance.now() - started) / 1000, rows: report!.rowsRead });
  }
  console.log(JSON.stringify(results));
} else if (command === "warm") {
  const queries = JSON.parse(rest[0]!) as Record<string, SeriesQuery>;
  const repeats = Number(process.env.BENCH_RUNS ?? 5);
  const store = await Store.open(db!, { readOnly: true });
  const out: Record<string, { firstMs: number; warmMs: number; points: number }> = {};
  for (const [name, q] of Object.entries(queries)) {
    let started = performance.now();
    const points = await series(store, q);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      started = performance.now();
      await series(store, q);
      times.push(performance.now() - started);
    }
    out[name] = { firstMs, warmMs: median(times), points: points.length };
  }
  store.close();
  console.log(JSON.stringify(out));
} else {
  console.error("usage: scale-worker ingest DB FILE… | warm DB QUERIES-JSON");
  process.exit(2);
}
