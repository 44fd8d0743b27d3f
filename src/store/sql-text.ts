// Text as a SQL string literal, for the few places DuckDB takes no parameter (file paths in COPY and read_*,
// SET values, views over files): quotes doubled, nothing else to escape in DuckDB's string syntax.

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
