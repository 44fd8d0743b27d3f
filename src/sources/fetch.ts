// The one HTTP client: downloads a published file into a cache directory with timeouts, retries with
// backoff and a checksum, refuses an HTML error page served in place of data, and can read the same
// addresses from a mirror (a local folder laid out as host/path, or another server) instead.

import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError, NetworkError } from "../errors.js";
import { refuseHtml } from "./text.js";

export interface FetchOptions {
  /** Where downloaded files are kept, as host/path. */
  cacheDir: string;
  /** A folder laid out as host/path, or a base URL serving that layout, read instead of the official address. */
  mirror?: string;
  /** Per attempt, for the whole response including its body. Default 30 s. */
  timeoutMs?: number;
  /** Attempts after the first. Default 3. */
  retries?: number;
  /** Wait before the first retry, doubled each time. Default 1 s. */
  backoffMs?: number;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

export interface FetchedFile {
  url: string;
  /** Where the bytes actually came from: the official URL, a mirror URL, or a mirror file. */
  from: string;
  /** The cached copy. */
  path: string;
  sha256: string;
  bytes: number;
  /** The server's Last-Modified as a date in Japan (the Ministry publishes at 8:50 JST); null when not sent. */
  lastModified: string | null;
}

/** `https://host/a/b.csv` → `host/a/b.csv`, the layout of caches and mirrors. */
export function hostPath(url: string): string {
  const u = new URL(url);
  return path.posix.join(u.host, decodeURIComponent(u.pathname));
}

function japanDate(httpDate: string | null): string | null {
  if (!httpDate) return null;
  const t = new Date(httpDate);
  if (Number.isNaN(t.getTime())) return null;
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(t);
}

const retryable = (status: number) => status >= 500 || status === 429 || status === 408;

async function download(source: string, options: FetchOptions): Promise<{ body: Uint8Array; lastModified: string | null }> {
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let wait = options.backoffMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    try {
      const response = await fetch(source, { signal: AbortSignal.timeout(timeoutMs), headers: { "user-agent": "boeki (trade statistics reader)" } });
      if (response.ok) {
        const body = new Uint8Array(await response.arrayBuffer());
        if ((response.headers.get("content-type") ?? "").includes("text/html")) {
          throw new NetworkError(`${source} answered with an HTML page (content-type ${response.headers.get("content-type")}), not the data file`);
        }
        return { body, lastModified: japanDate(response.headers.get("last-modified")) };
      }
      if (!retryable(response.status)) throw new NetworkError(`${source} answered ${response.status} ${response.statusText}`);
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof NetworkError) throw error;
      const e = error as Error;
      reason = e.name === "TimeoutError" ? `no complete answer within ${timeoutMs} ms` : `${e.message}${(e.cause as Error)?.message ? `: ${(e.cause as Error).message}` : ""}`;
    }
    if (attempt > retries) throw new NetworkError(`${source}: gave up after ${attempt} attempts; last: ${reason}`);
    options.onRetry?.(attempt, reason, wait);
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait *= 2;
  }
}

export async function fetchFile(url: string, options: FetchOptions): Promise<FetchedFile> {
  const relative = hostPath(url);
  let from = url;
  let body: Uint8Array;
  let lastModified: string | null = null;
  if (options.mirror && !/^https?:\/\//.test(options.mirror)) {
    from = path.join(options.mirror, relative);
    body = await readFile(from).catch((error: NodeJS.ErrnoException) => {
      throw new NetworkError(`the mirror has no ${relative} (${from}: ${error.code ?? error.message})`);
    });
    // A mirror's file time stands in for the server's Last-Modified (a copy that keeps times, as rsync -t does); a time
    // in the future is a clock's error, not a date.
    const { mtime } = await stat(from);
    lastModified = mtime.getTime() <= Date.now() ? japanDate(mtime.toUTCString()) : null;
  } else {
    if (options.mirror) from = `${options.mirror.replace(/\/+$/, "")}/${relative}`;
    ({ body, lastModified } = await download(from, options));
  }
  try {
    refuseHtml(body, from);
  } catch (error) {
    throw new NetworkError((error as InputError).message);
  }
  const target = path.join(options.cacheDir, relative);
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  await writeFile(partial, body);
  await rename(partial, target); // a reader never sees half a file
  return { url, from, path: target, sha256: createHash("sha256").update(body).digest("hex"), bytes: body.length, lastModified };
}
