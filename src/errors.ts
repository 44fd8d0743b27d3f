// Errors that cross module boundaries. Each carries the exit code the CLI gives it, so that a script
// driving `boeki` can tell bad input from a network failure from a bug.

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  badInput: 3,
  network: 4,
  store: 5,
} as const;

export class BoekiError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input file something was wrong. Lines count from 1, as an editor shows them. */
export interface InputLocation {
  file: string;
  line?: number;
  /** A column's name as the file's header gives it, or its 1-based number. */
  column?: string | number;
}

/** Input that cannot be read as what it claims to be. The message names the place and what was expected. */
export class InputError extends BoekiError {
  constructor(
    readonly location: InputLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`, EXIT.badInput);
  }
}

export function formatLocation({ file, line, column }: InputLocation): string {
  let place = file;
  if (line !== undefined) place += `:${line}`;
  if (column !== undefined) place += typeof column === "number" ? `:${column}` : ` column "${column}"`;
  return place;
}

export class UsageError extends BoekiError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class NetworkError extends BoekiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.network, options);
  }
}

export class StoreError extends BoekiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT.store, options);
  }
}

/** Node's error codes for a file system that refused a write, in words a user can act on. */
const FILE_SYSTEM_CODES: Record<string, string> = {
  ENOSPC: "the disk is full (no space left on device)",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file would pass this process's file-size limit (ulimit -f)",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
};
/** The same failures as DuckDB words them (it reports the C library's strerror text). */
const FILE_SYSTEM_TEXTS: Array<[RegExp, string]> = [
  [/No space left on device/i, FILE_SYSTEM_CODES.ENOSPC!],
  [/Disk quota exceeded/i, FILE_SYSTEM_CODES.EDQUOT!],
  [/File too large/i, FILE_SYSTEM_CODES.EFBIG!],
  [/Permission denied/i, FILE_SYSTEM_CODES.EACCES!],
  [/Read-only file system/i, FILE_SYSTEM_CODES.EROFS!],
];

/**
 * What went wrong with the local file system, when `error` is such a failure (a full disk, a folder that is
 * not writable …), whether Node or DuckDB raised it; null for any other error.
 */
export function fileSystemProblem(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FILE_SYSTEM_CODES[code]) return FILE_SYSTEM_CODES[code]!;
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, words] of FILE_SYSTEM_TEXTS) if (pattern.test(message)) return words;
  return null;
}
