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
