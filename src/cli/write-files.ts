// Writes a set of output files (a brief and its charts) so that no reader ever sees half of them: each is
// written under a temporary name first, and the final names appear only once every write has succeeded.

import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

const tag = () => `${process.pid}-${randomBytes(4).toString("hex")}`;

/**
 * Writes `files` into `dir`. A new folder is written whole under a temporary name beside it and renamed into
 * place (it appears complete or not at all); into an existing folder, each file goes to a temporary name
 * beside its own and all are renamed once all are written. On failure the temporary files are removed and
 * whatever was in `dir` before is left as it was. Returns the final paths.
 */
export async function writeFilesAtomically(dir: string, files: OutputFile[]): Promise<string[]> {
  try {
    return await writeAll(dir, files);
  } catch (error) {
    // A failed write(2) names no file: name the folder, so that "disk full" says where.
    const e = error as NodeJS.ErrnoException;
    if (e.code && !e.path) e.path = dir;
    throw error;
  }
}

async function writeAll(dir: string, files: OutputFile[]): Promise<string[]> {
  const finals = files.map((f) => path.join(dir, f.name));
  const existing = await stat(dir).catch(() => null);
  if (!existing) {
    await mkdir(path.dirname(path.resolve(dir)), { recursive: true });
    const staging = path.join(path.dirname(path.resolve(dir)), `.${path.basename(dir)}.partial-${tag()}`);
    try {
      await mkdir(staging);
      for (const f of files) await writeFile(path.join(staging, f.name), f.data);
      await rename(staging, dir);
      return finals;
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      // Someone made the folder meanwhile: write into it as into any existing folder.
      if (!["ENOTEMPTY", "EEXIST"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
  }
  const temporary = files.map((f) => path.join(dir, `.${f.name}.partial-${tag()}`));
  try {
    for (const [i, f] of files.entries()) await writeFile(temporary[i]!, f.data);
    for (const [i, final] of finals.entries()) await rename(temporary[i]!, final);
    return finals;
  } finally {
    await Promise.all(temporary.map((t) => rm(t, { force: true })));
  }
}
