// Outputs land whole or not at all, under SIGKILL as under a full disk: `update` lands its three files in one
// transaction (a kill once left d41ma alone in the store), and `brief --out` shows a folder with the whole
// brief or the one before, never half of one.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, watch } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../src/store/ingest.js";
import { Store } from "../src/store/store.js";
import { smallDisk } from "./disk.js";
import { boeki, FIXTURES, hasSharedData, REPO, shared, tempDir } from "./helpers.js";

const BIN = path.join(REPO, "bin", "boeki.js");

/** Runs the CLI and kills it with SIGKILL the moment `trigger` says so (polled every millisecond). */
function killWhen(args: string[], trigger: () => boolean): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let killed = false;
    const poll = setInterval(() => {
      if (!killed && trigger()) {
        killed = child.kill("SIGKILL");
        clearInterval(poll);
      }
    }, 1);
    child.on("error", reject);
    child.on("close", () => (clearInterval(poll), resolve({ killed, stderr })));
  });
}

const digest = (dir: string) =>
  Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith(".")).sort().map((f) => [f, createHash("sha256").update(readFileSync(path.join(dir, f))).digest("hex")]));

describe.skipIf(!hasSharedData)("boeki update, killed", () => {
  it("lands the three time series together or not at all", async () => {
    const db = path.join(tempDir(), "store.duckdb");
    const store = await Store.open(db);
    await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv")]);
    store.close();
    // An open of a current store writes nothing, so the first write-ahead log is the first COMMIT of the
    // update: killed once it has been written (its size still for a few milliseconds), the store must hold all
    // three files or none. (With a commit per file, this kill left d41ma alone.)
    const cache = path.join(tempDir(), "cache");
    let [size, still] = [0, 0];
    const committed = () => {
      const now = existsSync(`${db}.wal`) ? statSync(`${db}.wal`, { throwIfNoEntry: false })?.size ?? 0 : 0;
      still = now > 0 && now === size ? still + 1 : 0;
      size = now;
      return still >= 3;
    };
    const { killed, stderr } = await killWhen(["--db", db, "update", "--mirror", shared("mirror"), "--cache-dir", cache], committed);
    expect(killed, `the update ended before its first commit could be caught: ${stderr}`).toBe(true);
    const after = await Store.open(db, { readOnly: true });
    const datasets = (await after.rows<{ dataset: string }>(`SELECT dataset FROM releases ORDER BY release_id`)).map((r) => r.dataset);
    after.close();
    expect([["mof.d41ma"], ["mof.d41ma", "mof.d41ma", "mof.d51ma", "mof.d61ma"]]).toContainEqual(datasets);
    // And the next update lands what is missing, whole.
    const again = boeki(["--db", db, "--json", "update", "--mirror", shared("mirror"), "--cache-dir", cache]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).latest).toMatchObject({ period: "2026-08", exportsJpyThousand: 10_043_269_534 });
  });
});

describe.skipIf(!hasSharedData)("boeki brief --out", () => {
  let db = "";
  const disk = smallDisk();
  afterAll(() => disk.release());
  beforeAll(async () => {
    db = path.join(tempDir(), "store.duckdb");
    const store = await Store.open(db);
    const series = ["d41ma", "d51ma", "d61ma"].map((k) => shared("mirror", "www.customs.go.jp", "toukei", "suii", "html", "data", `${k}.csv`));
    await ingest(store, series, { released: "2026-09-30" });
    store.close();
  });
  const briefArgs = (out: string, lang = "en") => ["--db", db, "brief", "--month", "2026-08", "--lang", lang, "--format", "html", "--png", "--out", out];

  it("killed while writing a new folder: no folder, or the whole brief", async () => {
    const parent = tempDir();
    const out = path.join(parent, "brief");
    const whole = tempDir();
    expect(boeki(briefArgs(whole)).code).toBe(0);
    const expected = digest(whole);
    expect(Object.keys(expected)).toEqual(["brief.html", "chart-balance.png", "chart-balance.svg", "chart-commodities.png", "chart-commodities.svg", "chart-yoy.png", "chart-yoy.svg"]);
    let started = false;
    const watcher = watch(parent, () => (started = true));
    const { killed } = await killWhen(briefArgs(out), () => started);
    watcher.close();
    expect(killed).toBe(true);
    if (existsSync(out)) expect(digest(out)).toEqual(expected);
  });

  it("killed while writing into a folder that holds a brief: the brief before, or the whole new one", async () => {
    const out = tempDir();
    expect(boeki(briefArgs(out, "en")).code).toBe(0);
    const before = digest(out);
    const reference = tempDir();
    expect(boeki(briefArgs(reference, "ja")).code).toBe(0);
    const next = digest(reference);
    let started = false;
    const watcher = watch(out, () => (started = true));
    const { killed } = await killWhen(briefArgs(out, "ja"), () => started);
    watcher.close();
    expect(killed).toBe(true);
    expect([before, next]).toContainEqual(digest(out));
  });

  it("on a full disk: exit 5 saying so, and no brief, whole or half, left behind", () => {
    const out = path.join(disk.dir, "brief");
    const result = disk.boeki(briefArgs(out), 64);
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(disk.kind === "tmpfs" ? /cannot write .*: the disk is full \(no space left on device\)/ : /cannot write .*: the file would pass this process's file-size limit/);
    expect(readdirSync(disk.dir)).toEqual([]);
  });
});
