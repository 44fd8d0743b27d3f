// The HTTP client against real servers on 127.0.0.1: a mirror of the official paths, a server that fails
// twice before it answers, one that never answers, and one that serves an HTML error page. No internet.

import { createServer, type Server } from "node:http";
import { copyFileSync, mkdirSync, readFileSync, utimesSync } from "node:fs";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { boekiAsync, FIXTURES, hasSharedData, shared, tempDir } from "../../test/helpers.js";
import { NetworkError } from "../errors.js";
import { fetchFile, hostPath } from "./fetch.js";
import { TIME_SERIES_URLS } from "./mof-timeseries.js";

const D41MA = TIME_SERIES_URLS.d41ma;

/** A mirror folder laid out as host/path: the Ministry's real files when ../shared is there, else our fixtures. */
function mirrorFolder(): string {
  if (hasSharedData) return shared("mirror");
  const dir = tempDir("boeki-mirror-");
  const files = { d41ma: "d41ma-small.sjis.csv", d51ma: "d51ma-small.sjis.csv", d61ma: "d51ma-small.sjis.csv" } as const;
  for (const [kind, url] of Object.entries(TIME_SERIES_URLS)) {
    const target = path.join(dir, hostPath(url));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(FIXTURES, files[kind as keyof typeof files]), target);
  }
  return dir;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Serves a folder as host/path, with a Last-Modified header as the Ministry's server sends. */
const serveFolder = (folder: string, onRequest: () => "serve" | "fail" | "hang" = () => "serve") =>
  serve((req, res) => {
    const what = onRequest();
    if (what === "hang") return; // accept, never answer
    if (what === "fail") return res.writeHead(500).end("internal error");
    try {
      const body = readFileSync(path.join(folder, decodeURIComponent(new URL(req.url!, "http://x").pathname)));
      res.writeHead(200, { "content-type": "text/csv", "last-modified": "Wed, 17 Dec 2025 00:00:00 GMT" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });

describe("fetch", () => {
  const mirror = mirrorFolder();
  const expectedSha = createHash("sha256").update(readFileSync(path.join(mirror, hostPath(D41MA)))).digest("hex");

  it("reads the official path from a mirror folder into the cache, with its checksum and the file's time as release day", async () => {
    const cacheDir = tempDir();
    // A copy of the mirror's file whose time we set: 2025-12-16 23:50 UTC is 08:50 on the 17th in Tokyo, when the Ministry publishes.
    const copy = tempDir("boeki-mirror-");
    const file = path.join(copy, hostPath(D41MA));
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(path.join(mirror, hostPath(D41MA)), file);
    utimesSync(file, new Date("2025-12-16T23:50:00Z"), new Date("2025-12-16T23:50:00Z"));
    const fetched = await fetchFile(D41MA, { cacheDir, mirror: copy });
    expect(fetched.path).toBe(path.join(cacheDir, "www.customs.go.jp/toukei/suii/html/data/d41ma.csv"));
    expect(fetched.sha256).toBe(expectedSha);
    expect(fetched.lastModified).toBe("2025-12-17");
    // A file time in the future is a clock's error, not a release day.
    utimesSync(file, new Date(Date.now() + 86_400_000 * 3), new Date(Date.now() + 86_400_000 * 3));
    expect((await fetchFile(D41MA, { cacheDir, mirror: copy })).lastModified).toBeNull();
  });

  it("downloads from a mirror server and takes Last-Modified as the release day in Japan", async () => {
    const base = await serveFolder(mirror);
    const fetched = await fetchFile(D41MA, { cacheDir: tempDir(), mirror: base });
    expect(fetched.from).toBe(`${base}/www.customs.go.jp/toukei/suii/html/data/d41ma.csv`);
    expect(fetched.sha256).toBe(expectedSha);
    expect(fetched.lastModified).toBe("2025-12-17"); // 00:00 GMT is 09:00 JST, the same day
  });

  it("retries a server that answers 500 twice, then succeeds", async () => {
    let requests = 0;
    const base = await serveFolder(mirror, () => (++requests <= 2 ? "fail" : "serve"));
    const retries: string[] = [];
    const fetched = await fetchFile(D41MA, { cacheDir: tempDir(), mirror: base, backoffMs: 10, onRetry: (n, reason) => retries.push(`${n}: ${reason}`) });
    expect(requests).toBe(3);
    expect(retries).toEqual(["1: HTTP 500", "2: HTTP 500"]);
    expect(fetched.sha256).toBe(expectedSha);
  });

  it("gives up on a server that never answers, after its retries, naming the timeout", async () => {
    let requests = 0;
    const base = await serveFolder(mirror, () => (requests++, "hang"));
    const attempt = fetchFile(D41MA, { cacheDir: tempDir(), mirror: base, timeoutMs: 200, retries: 1, backoffMs: 10 });
    await expect(attempt).rejects.toThrow(NetworkError);
    await expect(attempt).rejects.toThrow(/gave up after 2 attempts; last: no complete answer within 200 ms/);
    expect(requests).toBe(2);
  });

  it("refuses an HTML error page served in place of the CSV, without retrying", async () => {
    let requests = 0;
    const base = await serve((_req, res) => (requests++, res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><title>Maintenance</title>")));
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: base, backoffMs: 10 })).rejects.toThrow(/answered with an HTML page/);
    const plain = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end("<html><body>error</body></html>"));
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: plain })).rejects.toThrow(/is an HTML page, not a data file/);
    expect(requests).toBe(1);
  });

  it("does not retry a 404", async () => {
    let requests = 0;
    const base = await serve((_req, res) => (requests++, res.writeHead(404).end()));
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: base, backoffMs: 10 })).rejects.toThrow(/answered 404/);
    expect(requests).toBe(1);
  });
});

describe.skipIf(!hasSharedData)("boeki update, the main job, offline against a mirror server", () => {
  it("fetches, ingests and prints the latest month's exports, imports and balance", async () => {
    const base = await serveFolder(shared("mirror"));
    const dir = tempDir();
    const result = await boekiAsync(["--db", path.join(dir, "b.duckdb"), "update", "--mirror", base, "--cache-dir", path.join(dir, "cache")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Japan's trade in 2026-08/);
    expect(result.stdout).toMatch(/exports\s+10,043,269,534\s+¥10\.04 trillion/);
    expect(result.stdout).toMatch(/imports\s+11,155,183,375/);
    expect(result.stdout).toMatch(/balance \(deficit\)\s+-1,111,913,841/);
  });
});

