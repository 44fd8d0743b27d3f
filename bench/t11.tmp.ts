import { readdirSync } from "node:fs";
import { Store } from "../src/store/store.js";
import { ingest } from "../src/store/ingest.js";
const store = await Store.open(":memory:");
const only = process.argv.slice(2);
for (const f of readdirSync("test/bad-input").sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  try { await ingest(store, ["test/bad-input/" + f]); console.log("ACCEPTED", f); }
  catch (e: any) { console.log(e.exitCode, (e.message as string).replace("test/bad-input/", "")); }
}
for (const f of readdirSync("test/fixtures").sort()) {
  try { const r = await ingest(store, ["test/fixtures/" + f]); console.log("ok", f, r[0]!.rowsRead); } catch (e: any) { console.log("FIXTURE FAILS", e.exitCode, e.message); }
}
