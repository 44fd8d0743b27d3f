// One check in a fresh process, timed from the call to the answer: what the first check of an article costs
// (regular expressions compiled, the store's first queries). Run by bench:check; prints {"ms":…,"claims":…}.

import { readFileSync } from "node:fs";
import { check } from "../src/claims/index.js";
import { Store } from "../src/store/store.js";

const [db, file, date] = process.argv.slice(2) as [string, string, string | undefined];
const text = readFileSync(file, "utf8");
const store = await Store.open(db, { readOnly: true });
const started = performance.now();
const result = await check(store, text, date ? { date } : {});
const ms = performance.now() - started;
store.close();
console.log(JSON.stringify({ ms, claims: result.claims.length }));
