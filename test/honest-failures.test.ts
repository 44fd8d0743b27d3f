// Bad luck, for real: a disk that fills during an ingest, a store folder that is not writable, store files that
// are not boeki's or name a schema version boeki never wrote, and inputs that are not files (a FIFO, /dev/zero,
// a folder) or not whole (.gz cut short). Each is said plainly with its exit code, and nothing committed is lost
// or reported lost.

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { generateHs9 } from "../bench/generate-hs9.js";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";
import { SCHEMA_VERSION } from "../src/store/schema.js";
import { StoreError } from "../src/errors.js";
import { smallDisk } from "./disk.js";
import { boeki, FIXTURES, fingerprint, REPO, tempDir } from "./helpers.js";

const D41MA = path.join(FIXTURES, "d41ma-small.sjis.csv");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function storeWith(file: string, inputs: string[] = [D41MA]): Promise<string> {
  const store = await Store.open(file);
  await ingest(store, inputs);
  store.close();
  return file;
}

async function readFingerprint(db: string): Promise<string> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await fingerprint(store);
  } finally {
    store.close();
  }
}

describe("a disk that fills during an ingest", () => {
  const disk = smallDisk();
  afterAll(() => disk.release());

  it("exit 5 saying so, the store as it was; or, when the commit made it, exit 0: never failure for what committed", async () => {
    const table = await generateHs9(path.join(REPO, "bench", "out", "hs9_disk_full_2025.csv"), 20_000);
    const db = await storeWith(path.join(disk.dir, "store.duckdb"));
    const original = readFileSync(db);
    const before = await readFingerprint(db);
    // How far the store grows with room enough, measured on a copy elsewhere.
    const roomy = path.join(tempDir(), "roomy.duckdb");
    copyFileSync(db, roomy);
    expect(boeki(["--db", roomy, "ingest", table]).code).toBe(0);
    const [fromKb, toKb] = [statSync(db).size / 1024, statSync(roomy).size / 1024];

    const outcomes: number[] = [];
    for (const fraction of [0.2, 0.7, 0.95]) {
      writeFileSync(db, original);
      rmSync(`${db}.wal`, { force: true });
      const result = disk.boeki(["--db", db, "ingest", table], Math.ceil(fromKb + (toKb - fromKb) * fraction));
      outcomes.push(result.code!);
      const after = await readFingerprint(db);
      if (result.code === 0) {
        // Committed: the release is there whole, and the process said so.
        expect(JSON.parse(after).hs9_lines, result.stderr).toBe(20_000);
        if (existsSync(`${db}.wal`)) expect(result.stderr).toMatch(/everything committed is kept/);
        continue;
      }
      expect(result.code, result.stderr).toBe(5);
      const cause = disk.kind === "tmpfs" ? "the disk is full \\(no space left on device\\)" : "the file would pass this process's file-size limit \\(ulimit -f\\)";
      expect(result.stderr).toMatch(new RegExp(`cannot write the store .*store\\.duckdb: ${cause}; (the commit failed and )?nothing was written, the store is as it was`));
      expect(result.stderr).not.toMatch(/cannot rollback|no transaction is active|invalidated/);
      expect(after).toBe(before);
    }
    expect(outcomes[0]).toBe(5); // far too little room: refused, at least once
    // With room again, the same ingest lands whole, once.
    writeFileSync(db, original);
    rmSync(`${db}.wal`, { force: true });
    expect(disk.boeki(["--db", db, "ingest", table], Math.ceil(toKb * 2)).code).toBe(0);
    expect(JSON.parse(await readFingerprint(db))).toMatchObject({ releases: 2, hs9_lines: 20_000 });
  });
});

describe("a store folder that is not writable", () => {
  // chmod does not stop root: as root (the project's sandbox), the CLI runs as nobody.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(REPO, "bin", "boeki.js"), ...args], { cwd: REPO, encoding: "utf8", timeout: 60_000, ...asUser });
    return { code: result.status, stderr: result.stderr, stdout: result.stdout };
  };

  it("exit 5 naming the permission, the store unchanged, readers still served", async () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const folder = path.join(parent, "locked");
    mkdirSync(folder);
    const db = await storeWith(path.join(folder, "store.duckdb"));
    const before = sha(db);
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    try {
      const write = run(["--db", db, "ingest", path.join(FIXTURES, "tidy-small.csv")]);
      expect(write.code, write.stderr).toBe(5);
      expect(write.stderr).toMatch(/cannot open the store .*store\.duckdb: permission denied/);
      const create = run(["--db", path.join(folder, "new", "store.duckdb"), "ingest", path.join(FIXTURES, "tidy-small.csv")]);
      expect(create.code, create.stderr).toBe(5);
      expect(create.stderr).toMatch(/cannot create the store .*new\/store\.duckdb: permission denied/);
      const read = run(["--db", db, "--json", "releases"]);
      expect(read.code, read.stderr).toBe(0);
      expect(JSON.parse(read.stdout)).toHaveLength(1);
      expect(sha(db)).toBe(before);
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

describe("store files boeki did not write", () => {
  async function edited(sql: string): Promise<string> {
    const file = await storeWith(path.join(tempDir(), "store.duckdb"));
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(sql);
    connection.closeSync();
    instance.closeSync();
    return file;
  }
  async function foreign(): Promise<string> {
    const file = path.join(tempDir(), "foreign.duckdb");
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE releases (id INTEGER, title VARCHAR); INSERT INTO releases VALUES (1, 'Album'); CREATE TABLE tracks (id INTEGER)`);
    connection.closeSync();
    instance.closeSync();
    return file;
  }

  it("refuses a schema version of -1, 1.5, abc, none, or a newer one, and a foreign DuckDB file with its own releases table: exit 5, the file untouched", async () => {
    const cases: Array<[string, Promise<string>, RegExp]> = [
      ["-1", edited(`UPDATE meta SET value = '-1' WHERE key = 'schema_version'`), new RegExp(`is not a boeki store: its schema version is "-1", and boeki writes whole numbers from 1 to ${SCHEMA_VERSION}`)],
      ["1.5", edited(`UPDATE meta SET value = '1.5' WHERE key = 'schema_version'`), /its schema version is "1\.5"/],
      ["abc", edited(`UPDATE meta SET value = 'abc' WHERE key = 'schema_version'`), /its schema version is "abc"/],
      ["missing", edited(`DELETE FROM meta WHERE key = 'schema_version'`), /is not a boeki store: its meta table holds no schema_version/],
      ["newer", edited(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`), /was written by a newer boeki \(store schema 99/],
      ["foreign", foreign(), /is not a boeki store: it is a DuckDB database with tables of its own \(releases, tracks\) and no boeki meta table/],
    ];
    for (const [name, made, reason] of cases) {
      const file = await made;
      const before = sha(file);
      for (const readOnly of [false, true]) {
        const attempt = Store.open(file, { readOnly });
        await expect(attempt, name).rejects.toThrow(StoreError);
        await expect(attempt, name).rejects.toThrow(reason);
      }
      expect(sha(file), name).toBe(before);
      if (name === "abc" || name === "foreign") {
        for (const args of [["releases"], ["ingest", D41MA]]) {
          const result = boeki(["--db", file, ...args]);
          expect(result.code, `${name} ${args[0]}`).toBe(5);
          expect(result.stderr).toMatch(reason);
        }
        expect(sha(file), name).toBe(before);
      }
    }
  });

  it("refuses a folder or a CSV named as the store", () => {
    const folder = tempDir();
    expect(boeki(["--db", folder, "releases"])).toMatchObject({ code: 5, stderr: expect.stringMatching(/is a folder; --db names a store file/) });
    const csv = boeki(["--db", D41MA, "releases"]);
    expect(csv.code).toBe(5);
    expect(csv.stderr).toMatch(/d41ma-small\.sjis\.csv is not a DuckDB database, so not a boeki store \(it starts "/);
  });
});

describe("inputs that are not whole files", () => {
  it("a FIFO, /dev/zero, a folder, a cut or damaged .gz: exit 3 naming the file, no hang, the store as it was", async () => {
    const dir = tempDir();
    const db = await storeWith(path.join(dir, "store.duckdb"));
    const before = await readFingerprint(db);
    const fifo = path.join(dir, "d41ma.csv");
    execFileSync("mkfifo", [fifo]);
    const packed = gzipSync(readFileSync(path.join(FIXTURES, "tidy-small.csv")));
    const cut = path.join(dir, "cut.csv.gz");
    writeFileSync(cut, packed.subarray(0, packed.length - 12));
    const damaged = path.join(dir, "damaged.csv.gz");
    writeFileSync(damaged, Buffer.concat([packed.subarray(0, 10), Buffer.alloc(64, 0xff), packed.subarray(74)]));
    const cases: Array<[string, RegExp]> = [
      [fifo, /d41ma\.csv: is not a regular file \(a FIFO, device or socket\)/],
      ["/dev/zero", /\/dev\/zero: is not a regular file/],
      [dir, /: is a folder; name the files in it/],
      [cut, /cut\.csv\.gz: is a gzip file that cannot be unpacked: it ends before the compressed data does: the file is truncated/],
      [damaged, /damaged\.csv\.gz: is a gzip file that cannot be unpacked: the compressed data is damaged/],
    ];
    for (const [file, reason] of cases) {
      const result = boeki(["--db", db, "ingest", file]);
      expect(result.code, `${file}: ${result.stderr}`).toBe(3);
      expect(result.stderr).toMatch(reason);
    }
    expect(await readFingerprint(db)).toBe(before);
    createReadStream(fifo).destroy(); // nothing ever opened the FIFO for reading
  });
});
