// A file's bytes as an ingest reads them: unpacked when gzipped, streamed in pieces that end at a line's end, with
// the share of the file read so far (the compressed bytes, for a .gz), so that a progress bar can follow a long read.

import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { InputError } from "../errors.js";

export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Larger than any file boeki parses in JavaScript unpacks to (a string holds at most ~512 M characters): a gzip bomb stops here. */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The file's bytes, unpacked, in pieces of about `pieceBytes` that end after a newline (the last piece: wherever the
 * file ends). `onRead` hears the share of the file read so far, of its compressed bytes for a gzipped file.
 */
export async function* unpackedPieces(file: string, onRead?: (fraction: number) => void, pieceBytes = 4 * 1024 * 1024): AsyncGenerator<Buffer> {
  const total = Math.max((await stat(file)).size, 1);
  const gzipped = isGzip(await readHead(file, 2));
  let read = 0;
  // Read the file in quarters of a piece (at most 1 MB): the share read then moves several times a piece.
  const raw = createReadStream(file, { highWaterMark: Math.min(1024 * 1024, Math.max(4096, pieceBytes >> 2)) });
  raw.on("data", (chunk) => (read += chunk.length));
  const stream = gzipped ? raw.pipe(createGunzip()) : raw;
  if (gzipped) raw.on("error", (error) => stream.destroy(error));
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let unpacked = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (gzipped && unpacked > MAX_UNPACKED_BYTES) throw new InputError({ file }, `unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, more than boeki reads from a gzipped file`);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < pieceBytes) continue;
      const joined = Buffer.concat(pending);
      const cut = joined.lastIndexOf(0x0a) + 1;
      if (cut === 0) continue; // one very long line: keep reading until it ends
      pending = [joined.subarray(cut)];
      pendingBytes = pending[0]!.length;
      onRead?.(Math.min(read / total, 1));
      yield joined.subarray(0, cut);
    }
  } catch (error) {
    if (gzipped && (error as NodeJS.ErrnoException).code?.startsWith("Z_")) {
      const e = error as NodeJS.ErrnoException;
      const why = e.code === "Z_BUF_ERROR" ? "it ends before the compressed data does: the file is truncated" : `the compressed data is damaged (${e.message})`;
      throw new InputError({ file }, `is a gzip file that cannot be unpacked: ${why}`);
    }
    throw error;
  } finally {
    raw.destroy();
  }
  onRead?.(1);
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/** The whole file, unpacked, read in pieces so that `onRead` can follow. */
export async function readUnpacked(file: string, onRead?: (fraction: number) => void): Promise<Uint8Array> {
  const pieces: Buffer[] = [];
  for await (const piece of unpackedPieces(file, onRead)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** About the first `bytes` bytes of the unpacked file (whole lines, or more when a line is longer), to tell its format. */
export async function readUnpackedHead(file: string, bytes = 64 * 1024): Promise<Uint8Array> {
  const head = await readHead(file, bytes);
  if (!isGzip(head)) return head;
  for await (const piece of unpackedPieces(file, undefined, bytes)) return piece.subarray(0, Math.max(bytes, piece.indexOf(0x0a) + 1));
  return new Uint8Array();
}
