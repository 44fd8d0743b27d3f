// The default bounds of a user's query (`boeki sql`): apart from the sandbox itself, so that naming them in `--help`
// loads no database client.

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ROWS = 1000;
