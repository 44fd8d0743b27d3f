// The HTTP client against real servers on 127.0.0.1: a mirror of the official paths, a server that fails
// twice before it answers, one that never answers, one that serves an HTML error page, and the hostile ones
// (a gzip bomb, endless or oversized bodies, redirects elsewhere, wrong files, impossible dates). No internet.

import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { boekiAsync, FIXTURES, hasSharedData, shared, tempDir } from "../../test/helpers.js";
import { NetworkError } from "../errors.js";
import { expectTimeSeries } from "./expected.js";
import { fetchFile, hostPath } from "./fetch.js";
import { parseTimeSeries, TIME_SERIES_URLS } from "./mof-timeseries.js";

const D41MA = TIME_SERIES_URLS.d41ma;

/** A mirror folder laid out as host/path: the Ministry's real files when ../shared is there, else our fixtures. */
function mirrorFolder(): string {
  if (hasSharedData) return shared("mirror");
  const dir = tempDir("boeki-mirror-");
  const files = { d41ma: "d41ma-small.sjis.csv", d51ma: "d51ma-small.sjis.csv", d61ma: "d61ma-small.sjis.csv" } as const;
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


describe("fetch, bounded (issue #9: hostile servers)", () => {
  const mirror = mirrorFolder();
  const good = readFileSync(path.join(mirror, hostPath(D41MA)));
  const through = parseTimeSeries(good, "d41ma.csv").lastPublished!;
  const expect41 = { expect: expectTimeSeries("d41ma") };
  const filesIn = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(path.join(dir, f)).isFile());

  it("refuses a gzip bomb (1 MB on the wire, 1 GB inflated): exit 4, memory bounded, nothing cached", async () => {
    const member = gzipSync(Buffer.alloc(1024 * 1024)); // 1 MB of zeros packs into about 1 KB
    const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member)); // 1,024 gzip members: one stream of 1 GB
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    let requests = 0;
    const base = await serve((_req, res) => (requests++, res.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip", "content-length": bomb.length }).end(bomb)));
    const cacheDir = tempDir();
    const rss = process.memoryUsage().rss;
    await expect(fetchFile(D41MA, { cacheDir, mirror: base, backoffMs: 10 })).rejects.toThrow(/sent more than 16\.0 MB \(counted after decompression\); refused/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024); // the whole gigabyte once took 3.3 GB
    expect(filesIn(cacheDir)).toEqual([]);
    expect(requests).toBe(1); // not retried
    const cli = await boekiAsync(["fetch", "--mirror", base, "--cache-dir", cacheDir]);
    expect(cli.code).toBe(4);
    expect(cli.stderr).toMatch(/sent more than 16\.0 MB/);
    expect(filesIn(cacheDir)).toEqual([]);
  });

  it("refuses a body past --max-bytes, announced or not", async () => {
    const announced = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv", "content-length": good.length }).end(good));
    const cap = Math.floor(good.length / 2); // the Ministry's file, or our small fixture without ../shared
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: announced, maxBytes: cap })).rejects.toThrow(/announces [\d.]+ (KB|bytes), more than the [\d.]+ (KB|bytes) boeki takes \(--max-bytes raises the limit\)/);
    const chunked = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" }); // no Content-Length: counted as it streams
      res.write(good);
      res.end(good);
    });
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: chunked, maxBytes: good.length + 10 })).rejects.toThrow(/sent more than/);
  });

  it("keeps the cached good copy when a server sends an HTML page behind a comment, or half the file", async () => {
    const cacheDir = tempDir();
    const first = await fetchFile(D41MA, { cacheDir, mirror: await serveFolder(mirror), ...expect41 });
    const page = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end("<!-- served by the proxy -->\n<!DOCTYPE html><html><body>Maintenance</body></html>"));
    await expect(fetchFile(D41MA, { cacheDir, mirror: page, ...expect41 })).rejects.toThrow(/did not send the expected file \(is an HTML page, not a data file/);
    const half = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(good.subarray(0, Math.floor(good.length / 2))));
    await expect(fetchFile(D41MA, { cacheDir, mirror: half, ...expect41 })).rejects.toThrow(/did not send the expected file \(.*truncated/);
    const wrongFile = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(readFileSync(path.join(mirror, hostPath(TIME_SERIES_URLS.d51ma)))));
    await expect(fetchFile(D41MA, { cacheDir, mirror: wrongFile, ...expect41 })).rejects.toThrow(/is the time series d51ma, expected d41ma/);
    expect(createHash("sha256").update(readFileSync(first.path)).digest("hex")).toBe(first.sha256);
    expect(filesIn(cacheDir)).toEqual([path.relative(cacheDir, first.path)]); // no partial file left beside it
  });

  it("refuses a redirect to another host unless allowed, follows one on the same host, and says where the file came from", async () => {
    const target = await serveFolder(mirror);
    const elsewhere = await serve((req, res) => res.writeHead(302, { location: `${target}${req.url}` }).end());
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: elsewhere })).rejects.toThrow(/redirected to another host, 127\.0\.0\.1:\d+ .*refused \(--allow-redirect-host follows it\)/);
    const allowed = await fetchFile(D41MA, { cacheDir: tempDir(), mirror: elsewhere, allowRedirectHost: true });
    expect(allowed.from).toBe(`${target}/${hostPath(D41MA)}`);
    expect(allowed.redirectedFrom).toBe(`${elsewhere}/${hostPath(D41MA)}`);
    let sameHost = "";
    sameHost = await serve((req, res) => {
      if (req.url!.startsWith("/moved/")) return res.writeHead(200, { "content-type": "text/csv" }).end(good);
      res.writeHead(301, { location: `/moved${req.url}` }).end();
    });
    expect((await fetchFile(D41MA, { cacheDir: tempDir(), mirror: sameHost })).from).toBe(`${sameHost}/moved/${hostPath(D41MA)}`);
    const cli = await boekiAsync(["--json", "fetch", "--mirror", elsewhere, "--cache-dir", tempDir(), "--allow-redirect-host"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).map((f: { from: string }) => f.from)).toEqual(Object.values(TIME_SERIES_URLS).map((u) => `${target}/${hostPath(u)}`));
    const refused = await boekiAsync(["fetch", "--mirror", elsewhere, "--cache-dir", tempDir()]);
    expect(refused.code).toBe(4);
  });

  it("takes Last-Modified as the release date only when it can be one", async () => {
    const [y, m] = through.split("-").map(Number) as [number, number];
    const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    const lastModified = async (header: string) => {
      const warnings: string[] = [];
      const base = await serve((_req, res) => res.writeHead(200, { "content-type": "text/csv", "last-modified": header }).end(good));
      const fetched = await fetchFile(D41MA, { cacheDir: tempDir(), mirror: base, ...expect41, onWarning: (w) => warnings.push(w) });
      return { taken: fetched.lastModified, warnings };
    };
    // 00:00 GMT is 09:00 in Japan, the same day.
    expect(await lastModified(new Date(`${nextMonth}-18T00:00:00Z`).toUTCString())).toEqual({ taken: `${nextMonth}-18`, warnings: [] });
    const future = await lastModified(new Date(Date.now() + 3 * 86_400_000).toUTCString());
    expect(future.taken).toBeNull();
    expect(future.warnings.join()).toMatch(/its Last-Modified, \d{4}-\d\d-\d\d, is in the future .* not taken as the release date/);
    const early = await lastModified(new Date(`${through}-15T00:00:00Z`).toUTCString());
    expect(early.taken).toBeNull();
    expect(early.warnings.join()).toMatch(new RegExp(`is before the data's last month \\(${through}\\) had ended`));
  });

  it("reads only regular files from a mirror folder: a FIFO does not hang it", async () => {
    const folder = tempDir();
    const fifo = path.join(folder, hostPath(D41MA));
    mkdirSync(path.dirname(fifo), { recursive: true });
    execFileSync("mkfifo", [fifo]);
    await expect(fetchFile(D41MA, { cacheDir: tempDir(), mirror: folder })).rejects.toThrow(/is not a regular file/);
  });
});
