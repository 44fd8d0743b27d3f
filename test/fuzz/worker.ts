// One fuzz worker: ingests mutants [from, to) of a run into its own store, in process, and prints one JSON line
// per mutant (and one before each, so that the parent can tell a hang from slowness and kill it).
// Usage: node --import tsx test/fuzz/worker.ts SEED FROM TO DIR

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BoekiError } from "../../src/errors.js";
import { refreshHs9Views } from "../../src/store/hs9-files.js";
import { ingest } from "../../src/store/ingest.js";
import { Store } from "../../src/store/store.js";
import { fingerprint } from "../helpers.js";
import { mutate, random, seeds } from "./mutate.js";
import { landedKey, oracle, type Landed } from "./oracle.js";

export interface MutantResult {
  i: number;
  outcome: "rejected" | "right" | "wrong" | "crashed";
  /** For rejected: the exit code (3 bad input, 2 a choice left to the user). */
  exitCode?: number;
  /** Rejected although the oracle would have landed it (stricter than needed: noted, not a failure). */
  stricter?: boolean;
  origin: string;
  how: string[];
  detail?: string;
  /** Where the mutant was kept, for a wrong or crashed outcome. */
  file?: string;
}

/** Mutant i of a run: the same seed file and changes on every machine. */
export function mutantOf(runSeed: number, i: number, list = seeds().seeds) {
  const rnd = random(runSeed * 1_000_003 + i);
  const seed = list[Math.floor(rnd() * list.length)]!;
  return { seed, ...mutate(seed, rnd) };
}

const LANDED = `
  SELECT r.part, strftime(o.period, '%Y-%m') AS period, o.flow, o.partner, o.commodity, o.measure, o.value, o.unit, '' AS custom
  FROM observations o JOIN releases r USING (release_id) WHERE o.release_id > $base
  UNION ALL
  SELECT r.part, strftime(h.period, '%Y-%m'), h.flow, h.partner, h.commodity, h.measure, h.value, h.unit, h.custom
  FROM hs9_observations h JOIN releases r USING (release_id) WHERE h.release_id > $base`;

async function main() {
  const [runSeed, from, to] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  const dir = process.argv[5]!;
  mkdirSync(dir, { recursive: true });
  const list = seeds().seeds;
  const store = await Store.open(path.join(dir, `worker-${from}.duckdb`));
  // Something in the store that no mutant touches, so that "unchanged" means more than "empty".
  const baseFile = path.join(dir, `base-${from}.csv`);
  writeFileSync(baseFile, "period,flow,partner,commodity,measure,value,unit,stage,released,source\n2020-01,export,world,total,value,1,JPY_thousand,revised,2020-02-20,fuzz base\n");
  await ingest(store, [baseFile], { dataset: "fuzz.base" });
  const [{ base }] = (await store.rows<{ base: number }>(`SELECT max(release_id) AS base FROM releases`)) as [{ base: number }];
  const before = await fingerprint(store);
  const say = (line: object) => process.stdout.write(JSON.stringify(line) + "\n");

  for (let i = from; i < to; i++) {
    say({ start: i });
    const { seed, bytes, how } = mutantOf(runSeed, i, list);
    const file = path.join(dir, String(i), seed.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const result: MutantResult = { i, outcome: "right", origin: seed.origin, how };
    const keep = () => {
      result.file = path.join(dir, "..", "kept", `${i}-${seed.name}`);
      mkdirSync(path.dirname(result.file), { recursive: true });
      writeFileSync(result.file, bytes);
    };
    let expected: ReturnType<typeof oracle>;
    try {
      expected = oracle(seed.format, bytes, seed.name);
    } catch (error) {
      // A defect of the test, not of boeki: reported as a crash all the same, so that it gets fixed.
      Object.assign(result, { outcome: "crashed", detail: `the strict reader itself failed: ${String((error as Error)?.stack ?? error).slice(0, 400)}` });
      keep();
      rmSync(path.dirname(file), { recursive: true, force: true });
      say(result);
      continue;
    }
    try {
      await ingest(store, [file]);
      const landed = (await store.rows<Landed>(LANDED, { base })).map(landedKey).sort();
      if (!expected.ok) {
        Object.assign(result, { outcome: "wrong", detail: `accepted a file that must be refused (${expected.why}); landed ${landed.length} observations` });
      } else {
        const want = expected.landed.map(landedKey).sort();
        const [got, wanted] = [new Set(landed), new Set(want)];
        const missing = want.filter((k) => !got.has(k));
        const extra = landed.filter((k) => !wanted.has(k));
        if (missing.length || extra.length) {
          Object.assign(result, { outcome: "wrong", detail: `landed ${landed.length}, expected ${want.length}; missing ${missing.slice(0, 3).join(" ; ")}; unexpected ${extra.slice(0, 3).join(" ; ")}` });
        }
      }
      await store.run(`DELETE FROM observations WHERE release_id > ${base}`);
      // HS-9 lines live in a file per release (listed in hs9_files): unlisted, the file is an orphan that the
      // next writable open removes; the views are remade over the files that remain.
      await store.run(`DELETE FROM hs9_files WHERE release_id > ${base}`);
      await store.run(`DELETE FROM releases WHERE release_id > ${base}`);
      await refreshHs9Views(store);
    } catch (error) {
      if (error instanceof BoekiError && (error.exitCode === 3 || error.exitCode === 2)) {
        Object.assign(result, { outcome: "rejected", exitCode: error.exitCode, stricter: expected.ok, detail: error.message.slice(0, 300) });
        if ((await fingerprint(store)) !== before) Object.assign(result, { outcome: "wrong", detail: `the store changed after a refusal: ${error.message.slice(0, 200)}` });
      } else {
        Object.assign(result, { outcome: "crashed", detail: String((error as Error)?.stack ?? error).slice(0, 600) });
      }
    }
    if (result.outcome === "wrong" || result.outcome === "crashed") keep();
    rmSync(path.dirname(file), { recursive: true, force: true });
    say(result);
    if (result.outcome === "crashed") break; // the parent starts a fresh worker with a fresh store
  }
  store.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
