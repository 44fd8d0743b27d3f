// boeki export on the Ministry's real releases: one row per key with the value in force, the same totals as
// `series`, the filters of `series`; and an export killed part way leaves nothing at the name asked for.

import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHs9 } from "../bench/generate-hs9.js";
import { exportTidy } from "../src/store/export.js";
import { ingest } from "../src/store/ingest.js";
import { series } from "../src/store/read.js";
import { Store } from "../src/store/store.js";
import { boeki, hasSharedData, REPO, tempDir } from "./helpers.js";
import { storeOfRealReleases } from "./real-store.js";

describe.skipIf(!hasSharedData)("export of the full real store", () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeOfRealReleases();
  }, 120_000);
  afterAll(() => store?.close());

  it("writes each (period, flow, partner, commodity, measure) once, with the value series gives", async () => {
    const dir = tempDir();
    const inForce = path.join(dir, "in-force.csv");
    const vintages = path.join(dir, "vintages.csv");
    const { rows } = await exportTidy(store, { format: "csv", out: inForce });
    const all = await exportTidy(store, { format: "csv", out: vintages, allVintages: true });
    const read = (file: string) => `read_csv('${file}', header = true, auto_detect = false, columns = {'period': 'VARCHAR', 'flow': 'VARCHAR', 'partner': 'VARCHAR',
      'commodity': 'VARCHAR', 'measure': 'VARCHAR', 'value': 'DOUBLE', 'unit': 'VARCHAR', 'stage': 'VARCHAR', 'released': 'VARCHAR', 'source': 'VARCHAR'})`;
    const repeated = (file: string) =>
      store.rows<{ keys: number }>(`SELECT count(*)::INTEGER AS keys FROM (SELECT 1 FROM ${read(file)} GROUP BY period, flow, partner, commodity, measure HAVING count(*) > 1)`);
    expect(await repeated(inForce)).toEqual([{ keys: 0 }]);
    // Every vintage: the same months from d41ma and d61ma, provisional values beside the revised ones.
    expect((await repeated(vintages))[0]!.keys).toBeGreaterThan(1000);
    expect(all.rows).toBeGreaterThan(rows);
    expect(await store.rows(`SELECT count(*)::INTEGER AS n FROM ${read(inForce)}`)).toEqual([{ n: rows }]);

    for (const q of [
      { flow: "export" as const, partner: "world", commodity: "total" },
      { flow: "import" as const, partner: "world", commodity: "total" },
      { flow: "export" as const, partner: "304", commodity: "total" },
      { flow: "export" as const, partner: "world", commodity: "pc:70503" },
    ]) {
      const points = await series(store, { ...q, measures: ["value"] });
      const exported = await store.rows<{ period: string; value: number }>(
        `SELECT period, value FROM ${read(inForce)} WHERE flow = ? AND partner = ? AND commodity = ? AND measure = 'value' ORDER BY period`,
        [q.flow, q.partner, q.commodity],
      );
      expect(exported.length, JSON.stringify(q)).toBe(points.length);
      expect(exported.map((r) => r.value)).toEqual(points.map((p) => Math.round(p.value * 1000) / 1000));
    }
    // The headline figure as printed: exports of November 2025.
    expect(await store.rows(`SELECT value FROM ${read(inForce)} WHERE period = '2025-11' AND flow = 'export' AND partner = 'world' AND commodity = 'total' AND measure = 'value'`))
      .toEqual([{ value: 9_708_885_255 }]);
  });

  it("takes the filters of series, names or codes, as a user types them", async () => {
    store.close();
    const out = path.join(tempDir(), "usa.csv");
    const result = boeki(["--db", store.path, "--json", "export", "--out", out, "--flow", "export", "--partner", "United States,105", "--commodity", "total",
      "--from", "2025-01", "--to", "2025-11"]);
    expect(result.code, result.stderr).toBe(0);
    store = await Store.open(store.path);
    const rows = await store.rows<{ partner: string; n: number; flows: number; first: string; last: string; all: number }>(
      `SELECT partner, count(*) FILTER (WHERE measure = 'value')::INTEGER AS n, count(DISTINCT flow)::INTEGER AS flows, min(period) AS first, max(period) AS last,
              count(*)::INTEGER AS "all"
       FROM read_csv('${out}', header = true, all_varchar = true) GROUP BY partner ORDER BY partner`);
    expect(rows.map(({ all: _, ...r }) => r)).toEqual([
      { partner: "105", n: 11, flows: 1, first: "2025-01", last: "2025-11" },
      { partner: "304", n: 11, flows: 1, first: "2025-01", last: "2025-11" },
    ]);
    expect(JSON.parse(result.stdout).rows).toBe(rows[0]!.all + rows[1]!.all);
    const unknown = boeki(["--db", store.path, "export", "--out", out, "--partner", "Atlantis"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown partner "Atlantis"/);
  });
});

describe("an export killed part way", () => {
  it("leaves no file at the name asked for; the next export writes it whole", async () => {
    const dir = tempDir();
    const table = await generateHs9(path.join(dir, "hs9_small_2025.csv"), 150_000);
    const db = path.join(dir, "store.duckdb");
    const store = await Store.open(db);
    const [report] = await ingest(store, [table]);
    store.close();
    const out = path.join(dir, "out", "export.csv");
    const child = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), "--db", db, "export", "--out", out]);
    // Kill as soon as the file is being written.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const partial = existsSync(path.dirname(out)) && readdirSync(path.dirname(out)).some((f) => f.includes(".partial"));
        if (partial) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.on("exit", () => {
        clearInterval(poll);
        reject(new Error("the export ended before it could be killed"));
      });
    });
    await new Promise((resolve) => child.on("close", resolve));
    expect(child.signalCode).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);

    const again = boeki(["--db", db, "--json", "export", "--out", out]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).rows).toBe(report!.rowsRead);
    expect(readdirSync(path.dirname(out))).toEqual(["export.csv"]); // the killed export's partial file is cleared too
  });
});
