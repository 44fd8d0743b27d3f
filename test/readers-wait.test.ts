// Readers during an ingest. Another process's ingest holds the store's lock: a reader waits for it (--wait,
// saying so on stderr) and then reads what landed, or gives up with exit 5 and a clear message. Inside one
// process (a server that owns the store), readers on their own session see the last committed state while
// an ingest is under way.

import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateHs9 } from "../bench/generate-hs9.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";
import { boekiAsync, FIXTURES, REPO, tempDir } from "./helpers.js";

describe("a reader while another process ingests", () => {
  it("waits for the lock, saying so, then reads what landed; with too short a wait, exit 5", async () => {
    const table = await generateHs9(path.join(REPO, "bench", "out", "hs9_readers_60k_2025.csv"), 60_000);
    const db = path.join(tempDir(), "store.duckdb");
    const store = await Store.open(db);
    await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv")]);
    store.close();

    const writer = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), "--db", db, "ingest", table], { cwd: REPO });
    const writerDone = new Promise<number | null>((resolve) => writer.on("close", resolve));
    // Once the ingest reports progress it holds the lock; stopped there (SIGSTOP), it holds it as long as the
    // test needs, however fast or loaded the machine.
    await new Promise<void>((resolve, reject) => {
      let seen = "";
      const onData = (chunk: Buffer) => {
        seen += chunk;
        if (/ingesting \S+: \d+%/.test(seen)) {
          writer.kill("SIGSTOP");
          writer.stderr.off("data", onData);
          resolve();
        }
      };
      writer.stderr.on("data", onData);
      writer.on("close", () => reject(new Error(`the ingest ended before a reader could meet it: ${seen}`)));
    });
    try {
      const impatient = await boekiAsync(["--db", db, "--wait", "0.2", "releases"]);
      expect(impatient.code).toBe(5);
      expect(impatient.stderr).toMatch(/waiting up to 0\.2 s for it \(--wait\)/);
      expect(impatient.stderr).toMatch(/the store .*store\.duckdb is in use by another process \(PID \d+, [^)]*node\), probably an ingest, for longer than the 0\.2 s waited; try again when it is done, or wait longer with --wait SECONDS/);

      // A patient reader says it waits; the ingest goes on, ends, and the reader reads what it landed.
      const patient = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), "--db", db, "--wait", "120", "--json", "releases"], { cwd: REPO });
      let [stdout, stderr] = ["", ""];
      patient.stdout.on("data", (d) => (stdout += d));
      const patientDone = new Promise<number | null>((resolve) => patient.on("close", resolve));
      await new Promise<void>((resolve) => patient.stderr.on("data", (d) => ((stderr += d), /waiting up to 120 s/.test(stderr) && resolve())));
      writer.kill("SIGCONT");
      expect(await writerDone).toBe(0);
      expect(await patientDone, stderr).toBe(0);
      expect(stderr).toMatch(/^boeki: the store .*store\.duckdb is in use by another process \(PID \d+, .*\); waiting up to 120 s for it \(--wait\)\n$/);
      expect(JSON.parse(stdout).map((r: { dataset: string }) => r.dataset)).toEqual(["mof.d41ma", "mof.hs9"]);
    } finally {
      writer.kill("SIGCONT");
    }
  });
});

describe("one process that owns the store (how a server serves readers)", () => {
  it("a session reads the last committed state while an ingest is under way on the store", async () => {
    const db = path.join(tempDir(), "store.duckdb");
    const store = await Store.open(db);
    const reader = await store.session();
    try {
      await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv")]);
      const count = async () => (await reader.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM releases`))[0]!.n;
      const during = await store.transaction(async () => {
        await ingest(store, [path.join(FIXTURES, "tidy-small.csv")]); // joins this transaction: not yet committed
        return { reader: await count(), writer: (await store.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM releases`))[0]!.n };
      });
      expect(during).toEqual({ reader: 1, writer: 3 }); // tidy-small holds two publications
      expect(await count()).toBe(3);
    } finally {
      reader.closeSession();
      store.close();
    }
  });
});
