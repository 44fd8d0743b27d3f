// An input named on the command line must be a regular file: a FIFO or a device (/dev/zero) would be read
// forever, a folder holds no data of its own. Said as bad input naming the file, before a byte is read.

import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError } from "../errors.js";

/** The file's stats, or an InputError saying why it cannot be read as one, with what to do instead. */
export async function regularFile(file: string, hints: { folder: string; stream?: string }): Promise<Stats> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError({ file }, error.code === "ENOENT" ? "does not exist" : `cannot be read (${error.code ?? error.message})`);
  });
  if (info.isDirectory()) throw new InputError({ file }, `is a folder; ${hints.folder}`);
  if (!info.isFile()) throw new InputError({ file }, `is not a regular file (a FIFO, device or socket); ${hints.stream ?? "boeki reads regular files only, so save the data to a file first"}`);
  return info;
}
