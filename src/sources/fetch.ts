// The one HTTP client: downloads a published file into a cache directory with timeouts, retries with
// backoff and a checksum, and can read the same addresses from a mirror (a local folder laid out as host/path,
// or another server) instead. Bounded: a size cap counted after decompression and streamed to disk, no
// redirect to another host unless allowed, and a body that is not the expected file never replaces a cached one.

import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { addMonths, dayInJapan } from "../domain.js";
import { BoekiError, InputError, NetworkError } from "../errors.js";
import { refuseHtml } from "./text.js";

/**
 * The largest body boeki takes by default: the largest file it downloads, d61ma, is 425 KB (2026) and grows
 * by about 10 KB a year; 16 MB leaves that decades of room, and stops a gzip bomb or an endless stream long
 * before it costs memory or disk. `maxBytes` (`--max-bytes`) raises it for larger files.
 */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** What a downloaded file must be: a check that throws (an InputError) when it is not, and may say its last month. */
export type Expectation = (bytes: Uint8Array, from: string) => { through?: string | null } | void;

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
  /** Refuse a body larger than this many bytes, counted after any Content-Encoding is undone. Default 16 MB. */
  maxBytes?: number;
  /** Follow a redirect to another host (refused by default: the Ministry's files live on its own host). */
  allowRedirectHost?: boolean;
  /** The body must pass this (a parser of the expected format) before it replaces the cached copy. */
  expect?: Expectation;
  /** Today, for judging Last-Modified (default: now). */
  now?: Date;
  /** Told of what was not taken (a Last-Modified that cannot be the release date). */
  onWarning?: (message: string) => void;
}

export interface FetchedFile {
  url: string;
  /** Where the bytes actually came from, after any redirect: the official URL, a mirror URL, or a mirror file. */
  from: string;
  /** The address first asked, when a redirect led elsewhere. */
  redirectedFrom?: string;
  /** The cached copy. */
  path: string;
  sha256: string;
  bytes: number;
  /**
   * The server's Last-Modified as a date in Japan (the Ministry publishes at 8:50 JST), taken as the release
   * date; null when not sent, or when it cannot be one (in the future, or before the data's last month ended).
   */
  lastModified: string | null;
  /** What was noticed and not taken, in words. */
  warnings: string[];
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
  return dayInJapan(t);
}

/** The first day of the month after `YYYY-MM`: no release of that month's data can come earlier. */
const dayAfterMonth = (month: string) => `${addMonths(month, 1)}-01`;

const retryable = (status: number) => status >= 500 || status === 429 || status === 408;
const megabytes = (n: number) =>
  n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Counts bytes on their way to disk and stops the stream past the cap. */
function capped(maxBytes: number, source: string, hash: ReturnType<typeof createHash>): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > maxBytes) {
        done(new NetworkError(`${source} sent more than ${megabytes(maxBytes)} (counted after decompression); refused as larger than any file boeki expects (--max-bytes raises the limit)`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

interface Landed {
  from: string;
  redirectedFrom?: string;
  sha256: string;
  bytes: number;
  lastModified: string | null;
}

/** Streams `body` into `partial`, within the cap; the file is left for the caller to check and rename. */
async function streamTo(body: Readable, partial: string, maxBytes: number, source: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  const counter = capped(maxBytes, source, hash);
  await pipeline(body, counter, createWriteStream(partial));
  return { sha256: hash.digest("hex"), bytes: counter.bytes };
}

/** GET with redirects followed by hand: to the same host only (unless allowed), never from https to http. */
async function get(source: string, options: FetchOptions, signal: AbortSignal): Promise<{ response: Response; final: string }> {
  let current = source;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { signal, redirect: "manual", headers: { "user-agent": "boeki (trade statistics reader)" } });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return { response, final: current };
    await response.body?.cancel();
    const next = new URL(location, current);
    const was = new URL(current);
    if (hop + 1 > MAX_REDIRECTS) throw new NetworkError(`${source}: more than ${MAX_REDIRECTS} redirects; refused`);
    if (was.protocol === "https:" && next.protocol !== "https:") throw new NetworkError(`${current} redirected to ${next.href}, from https to ${next.protocol.replace(":", "")}; refused`);
    if (next.host !== new URL(source).host && !options.allowRedirectHost) {
      throw new NetworkError(`${current} redirected to another host, ${next.host} (${next.href}); refused (--allow-redirect-host follows it)`);
    }
    current = next.href;
  }
}

async function download(source: string, partial: string, options: FetchOptions, maxBytes: number): Promise<Landed> {
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let wait = options.backoffMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    try {
      const { response, final } = await get(source, options, AbortSignal.timeout(timeoutMs));
      if (response.ok) {
        const type = response.headers.get("content-type") ?? "";
        if (type.includes("text/html")) {
          await response.body?.cancel();
          throw new NetworkError(`${final} answered with an HTML page (content-type ${type}), not the data file`);
        }
        // Content-Length counts the bytes on the wire: a compressed body is checked again as it inflates.
        const length = Number(response.headers.get("content-length") ?? NaN);
        if (length > maxBytes) {
          await response.body?.cancel();
          throw new NetworkError(`${final} announces ${megabytes(length)}, more than the ${megabytes(maxBytes)} boeki takes (--max-bytes raises the limit)`);
        }
        const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
        const landed = await streamTo(body, partial, maxBytes, final);
        return { ...landed, from: final, ...(final !== source ? { redirectedFrom: source } : {}), lastModified: japanDate(response.headers.get("last-modified")) };
      }
      await response.body?.cancel();
      if (!retryable(response.status)) throw new NetworkError(`${final} answered ${response.status} ${response.statusText}`);
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof BoekiError) throw error;
      const e = error as Error;
      reason = e.name === "TimeoutError" ? `no complete answer within ${timeoutMs} ms` : `${e.message}${(e.cause as Error)?.message ? `: ${(e.cause as Error).message}` : ""}`;
    }
    if (attempt > retries) throw new NetworkError(`${source}: gave up after ${attempt} attempts; last: ${reason}`);
    options.onRetry?.(attempt, reason, wait);
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait *= 2;
  }
}

/** Copies a mirror folder's file into `partial`: a regular file within the cap (never a FIFO or a device). */
async function copyFromFolder(file: string, relative: string, partial: string, maxBytes: number): Promise<Landed> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new NetworkError(`the mirror has no ${relative} (${file}: ${error.code ?? error.message})`);
  });
  if (!info.isFile()) throw new NetworkError(`the mirror's ${relative} (${file}) is not a regular file`);
  if (info.size > maxBytes) throw new NetworkError(`the mirror's ${relative} is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} boeki takes (--max-bytes raises the limit)`);
  // A mirror's file time stands in for the server's Last-Modified (a copy that keeps times, as rsync -t does);
  // a time that cannot be a release date (in the future, before the data's month ended) is dropped with a warning.
  return { ...(await streamTo(createReadStream(file), partial, maxBytes, file)), from: file, lastModified: japanDate(info.mtime.toUTCString()) };
}

/**
 * Why a Last-Modified date cannot be the release date of data running to `through`, or null when it can.
 * The Ministry publishes a month's figures in the month after it, and never in the future.
 */
function implausibleRelease(date: string, through: string | null | undefined, now: Date): string | null {
  const today = dayInJapan(now);
  if (date > today) return `is in the future (today is ${today} in Japan)`;
  if (through && date < dayAfterMonth(through)) return `is before the data's last month (${through}) had ended`;
  return null;
}

export async function fetchFile(url: string, options: FetchOptions): Promise<FetchedFile> {
  const relative = hostPath(url);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const target = path.join(options.cacheDir, relative);
  await mkdir(path.dirname(target), { recursive: true });
  // Beside the cached copy, so that the rename is atomic; the cached copy is replaced only by a checked file.
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    let landed: Landed;
    if (options.mirror && !/^https?:\/\//.test(options.mirror)) {
      landed = await copyFromFolder(path.join(options.mirror, relative), relative, partial, maxBytes);
    } else {
      const source = options.mirror ? `${options.mirror.replace(/\/+$/, "")}/${relative}` : url;
      landed = await download(source, partial, options, maxBytes);
    }
    const body = await readFile(partial);
    let through: string | null | undefined;
    try {
      refuseHtml(body, landed.from);
      through = options.expect?.(body, landed.from)?.through;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new NetworkError(`${landed.from} did not send the expected file (${error.problem}); the cached copy, if any, is kept`);
    }
    const warnings: string[] = [];
    let lastModified = landed.lastModified;
    const why = lastModified ? implausibleRelease(lastModified, through, options.now ?? new Date()) : null;
    if (lastModified && why) {
      warnings.push(`${landed.from}: its Last-Modified, ${lastModified}, ${why}; not taken as the release date (the release is dated the day it is ingested)`);
      lastModified = null;
    }
    warnings.forEach((w) => options.onWarning?.(w));
    await rename(partial, target); // a reader never sees half a file, nor one that failed its check
    const { from, redirectedFrom, sha256, bytes } = landed;
    return { url, from, ...(redirectedFrom ? { redirectedFrom } : {}), path: target, sha256, bytes, lastModified, warnings };
  } finally {
    await unlink(partial).catch(() => undefined);
  }
}
