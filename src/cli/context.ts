// What every command shares: the global options and a store opened for the length of one command.

import type { Command } from "commander";
import type { Store } from "../store/store.js";

export interface Globals {
  db: string;
  json: boolean;
}

/** Commander's collector for options given several times (`--partner USA --partner China`). */
export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export const globals = (cmd: Command) => cmd.optsWithGlobals() as Globals & Record<string, unknown>;

export async function withStore<T>(cmd: Command, readOnly: boolean, work: (store: Store) => Promise<T>): Promise<T> {
  const { Store } = await import("../store/store.js");
  const store = await Store.open(globals(cmd).db, { readOnly });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}
