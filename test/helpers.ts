// Shared by the tests: where the Ministry's real files are, a fresh store per test, and a fingerprint
// of a store's whole contents to show that a failed ingest changed nothing.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { Store } from "../src/store/store.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = path.join(REPO, "test", "fixtures");
export const BAD_INPUT = path.join(REPO, "test", "bad-input");

/** The real MoF files beside the repo (`../shared/data`); absent on a user's fresh clone. */
export const SHARED_DATA = path.resolve(REPO, "..", "shared", "data");
export const hasSharedData = existsSync(SHARED_DATA);
export const shared = (...parts: string[]) => path.join(SHARED_DATA, ...parts);
if (!hasSharedData) {
  console.warn(`[boeki tests] ${SHARED_DATA} is absent: the tests on the Ministry's real files are skipped (they run where ../shared/data exists, as in CI).`);
}

export function tempDir(prefix = "boeki-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A fresh store per call within a test file, each closed after its test. */
export function storesClosedAfterEach(): () => Promise<Store> {
  const open: Store[] = [];
  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });
  return async () => {
    const { store } = await freshStore();
    open.push(store);
    return store;
  };
}

export async function freshStore(): Promise<{ store: Store; file: string }> {
  const file = path.join(tempDir(), "store.duckdb");
  return { store: await Store.open(file), file };
}

/** Everything the store holds, reduced to counts and checksums: equal fingerprints, equal contents. */
export async function fingerprint(store: Store): Promise<string> {
  const parts = await store.rows(`
    SELECT (SELECT count(*) FROM releases) AS releases,
           (SELECT coalesce(sum(hash(release_id, sha256, added, revised, unchanged)), 0) FROM releases)::VARCHAR AS release_hash,
           (SELECT count(*) FROM observations) AS observations,
           (SELECT coalesce(sum(hash(dataset, period, flow, partner, commodity, measure, value, release_id)), 0) FROM observations)::VARCHAR AS observation_hash,
           (SELECT count(*) FROM hs9_lines) AS hs9_lines,
           (SELECT coalesce(sum(hash(release_id, hs, partner, custom, v_01, v_08, v_12)), 0) FROM hs9_lines)::VARCHAR AS hs9_hash`);
  return JSON.stringify(parts[0]);
}

/** Runs the real `boeki` binary, as a user would. */
export function boeki(args: string[], options: { cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [path.join(REPO, "bin", "boeki.js"), ...args], { cwd: options.cwd ?? REPO, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process: for tests whose own HTTP server the CLI talks to. */
export function boekiAsync(args: string[], options: { cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, "bin", "boeki.js"), ...args], { cwd: options.cwd ?? REPO });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the CLI's main() in this process, as `boeki ARGS…` typed by a user, and returns its exit code and output:
 * what a test about parsing, messages and exit codes needs, without a node start-up per call.
 */
export async function boekiInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import("../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const text = (chunk: unknown) => (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
  const saved = { out: process.stdout.write, err: process.stderr.write, log: console.log, error: console.error };
  process.stdout.write = ((chunk: unknown) => ((stdout += text(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => ((stderr += text(chunk)), true)) as typeof process.stderr.write;
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`);
  console.error = (...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`);
  try {
    const code = await main(["node", "boeki", ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    console.log = saved.log;
    console.error = saved.error;
  }
}
