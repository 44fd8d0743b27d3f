// Where the store lives unless told: kept apart from the store's code so that naming it (`--db`'s default in --help)
// loads nothing else.

export const DEFAULT_STORE_PATH = "./boeki.duckdb";
