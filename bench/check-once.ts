// Checks of one article in a fresh process, timed from the call to the answer: the first (regular expressions
// compiled, the store's first queries) and the mean of RUNS checks, the first included. Run by bench:check; prints
// {"ms":…,"mean":…,"claims":…}.

import { readFileSync } from "node:fs";
import { check } from "../src/claims/index.js";
import { Store } from "../src/store/store.js";

const [db, file, date] = process.argv.slice(2) as [string, string, string | undefined];
const text = readFileSync(file, "utf8");
const store = await Store.open(db, { readOnly: true });
const runs = Number(process.env.BENCH_RUNS ?? 7);
const times: number[] = [];
let claims = 0;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  claims = (await check(store, text, date ? { date } : {})).claims.length;
  times.push(performance.now() - started);
}
store.close();
console.log(JSON.stringify({ ms: times[0], mean: times.reduce((a, b) => a + b, 0) / times.length, claims }));
