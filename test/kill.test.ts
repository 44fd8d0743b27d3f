// An ingest killed with SIGKILL part way through leaves the store exactly as it was; ingesting the same
// file again then lands it whole, once.

import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateHs9 } from "../bench/generate-hs9.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";
import { boeki, FIXTURES, fingerprint, REPO, tempDir } from "./helpers.js";

describe("an ingest killed part way", () => {
  it("changes nothing, and the next ingest lands the file once", async () => {
    const table = await generateHs9(path.join(REPO, "bench", "out", "hs9_bench_2025.csv"));
    const db = path.join(tempDir(), "killed.duckdb");
    const store = await Store.open(db);
    await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv")]);
    const before = await fingerprint(store);
    store.close();

    // Wait until the writing pass (past 50%) is under way, then kill without warning.
    const child = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), "--db", db, "ingest", table]);
    const reached = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stderr.on("data", (chunk) => {
        seen += chunk;
        const match = /ingesting \S+: ([6-9]0)%/.exec(seen);
        if (match) {
          child.kill("SIGKILL");
          resolve(match[0]);
        }
      });
      child.on("exit", () => reject(new Error(`the ingest ended before it could be killed: ${seen}`)));
    });
    await new Promise((resolve) => child.on("close", resolve));
    expect(child.signalCode).toBe("SIGKILL");
    expect(reached).toMatch(/[6-9]0%/);

    const after = await Store.open(db);
    expect(await fingerprint(after)).toBe(before);
    after.close();

    const result = boeki(["--db", db, "--json", "ingest", table]);
    expect(result.code, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout);
    expect(report.status).toBe("ingested");
    const check = await Store.open(db, { readOnly: true });
    expect(await check.rows(`SELECT count(*)::INTEGER AS lines, count(DISTINCT release_id)::INTEGER AS releases FROM hs9_lines`)).toEqual([{ lines: 600_000, releases: 1 }]);
    expect(await check.rows(`SELECT count(*)::INTEGER AS n FROM releases`)).toEqual([{ n: 2 }]);
    check.close();
    expect(JSON.parse(boeki(["--db", db, "--json", "ingest", table]).stdout)[0].status).toBe("already-ingested");
  });
});
