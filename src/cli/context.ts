// What every command shares: the global options and a store opened for the length of one command.

import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { OpenOptions, Store } from "../store/store.js";
import { printable } from "./output.js";

export interface Globals {
  db: string;
  json: boolean;
  wait: string;
}

/** Commander's collector for options given several times (`--partner USA --partner China`). */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export const globals = (cmd: Command) => cmd.optsWithGlobals() as Globals & Record<string, unknown>;

/** How the CLI opens a store: waiting --wait seconds for another process's lock, saying so on stderr. */
export function openOptions(cmd: Command): OpenOptions {
  const wait = globals(cmd).wait;
  const seconds = Number(wait);
  if (!/^\d+(\.\d+)?$/.test(wait) || !Number.isFinite(seconds)) throw new UsageError(`--wait: expected a number of seconds, found "${wait}"`);
  const say = (message: string) => console.error(`boeki: ${printable(message)}`);
  return { waitMs: seconds * 1000, onWait: say, onWarning: say };
}

export async function withStore<T>(cmd: Command, readOnly: boolean, work: (store: Store) => Promise<T>, extra: OpenOptions = {}): Promise<T> {
  // Loaded here, not at the top: `boeki --help` must not pay for DuckDB.
  const { Store } = await import("../store/store.js");
  const store = await Store.open(globals(cmd).db, { ...openOptions(cmd), readOnly, ...extra });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
