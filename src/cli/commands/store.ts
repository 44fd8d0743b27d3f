// Commands that put data into the store and read it back: ingest, releases, sql, export.
// Heavy modules (parsers, DuckDB, the progress bar) are imported inside the actions, so that --help loads none.

import path from "node:path";
import { stat } from "node:fs/promises";
import { Command, Option } from "commander";
import { STAGES, type Flow, type Stage } from "../../domain.js";
import { UsageError } from "../../errors.js";
import { FORMATS } from "../../sources/formats.js";
import type { ExportOptions } from "../../store/export.js";
import type { FileReport, IngestOptions } from "../../store/ingest.js";
import { DEFAULT_MAX_ROWS, DEFAULT_QUERY_TIMEOUT_MS } from "../../store/sql-limits.js";
import { globals, withStore } from "../context.js";
import { printable, printJson, printTable, thousands } from "../output.js";

/** The ingest summary: a row per release, and a line for each file that changed nothing or skipped rows. */
export function printIngest(reports: FileReport[], json: boolean): void {
  if (json) return printJson(reports);
  printTable(
    reports.flatMap((r) =>
      r.releases.map((rel) => ({
        file: path.basename(r.file), format: r.format, status: r.status, release: rel.releaseId, dataset: rel.dataset,
        stage: rel.stage, released: rel.released ?? "unknown", through: rel.through, added: rel.added, revised: rel.revised, unchanged: rel.unchanged,
      })),
    ),
  );
  for (const r of reports.filter((r) => r.skipped)) {
    const items = Object.entries(r.skipped!).map(([item, n]) => `${item} (${n})`).join(", ");
    const why = r.format === "ytd-vintages" ? "rows skipped, by reason" : "skipped rows of items the Ministry no longer publishes and boeki has no code for";
    console.log(printable(`${path.basename(r.file)}: ${why}: ${items}`));
  }
  for (const r of reports.filter((r) => r.status === "already-ingested")) {
    const dated = (r.datesSet ?? []).map((d) => `release ${d.releaseId} now dated ${d.now} (was ${d.was ?? "unknown"})`);
    console.log(printable(`${path.basename(r.file)}: the same bytes were ingested before (release ${r.releases.map((x) => x.releaseId).join(", ")}); ${dated.length ? `${dated.join(", ")}; no observation changed` : "nothing changed"}`));
  }
}

export function registerStoreCommands(program: Command): void {
  program
    .command("ingest")
    .description("read files into the store as releases, in one transaction (all land or none)")
    .argument("<files...>", "MoF time series (d41ma/d51ma/d61ma), HS-9 tables, tidy CSV or Parquet")
    .addOption(new Option("--format <format>", "force the format instead of telling it from the file").choices(FORMATS))
    .option("--released <date>", "YYYY-MM-DD the files were published, when they do not say")
    .addOption(new Option("--stage <stage>", "release stage, when the file does not say").choices(STAGES))
    .option("--dataset <name>", "dataset to file the releases under (default: tidy, mof.press, mof.area_commodity … by format)")
    .option("--through <month>", "YYYY-MM: last published month of a year-to-date HS-9 table")
    .addOption(new Option("--encoding <encoding>", "encoding of a time series").choices(["shift_jis", "utf8"]).default("shift_jis"))
    .action(async (files: string[], _opts, cmd: Command) => {
      const o = globals(cmd);
      const { monthBound, pastDate } = await import("../options.js");
      const released = pastDate(o.released as string | undefined, "--released", "a file cannot have been published after today");
      const through = monthBound(o.through as string | undefined, "--through");
      const { checkFormat } = await import("../../sources/formats.js");
      const { ingestProgress } = await import("../progress.js");
      const { ingest } = await import("../../store/ingest.js");
      const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
      const progress = o.json ? undefined : ingestProgress(sizes.reduce((a, b) => a + b, 0));
      const options: IngestOptions = {
        format: o.format ? checkFormat(o.format as string) : undefined,
        released,
        stage: o.stage as Stage | undefined,
        dataset: o.dataset as string | undefined,
        through,
        encoding: o.encoding as "shift_jis" | "utf8",
        onProgress: progress?.update,
      };
      try {
        const reports = await withStore(cmd, false, (store) => ingest(store, files, options));
        progress?.stop();
        printIngest(reports, o.json);
      } finally {
        progress?.stop();
      }
    });

  program
    .command("releases")
    .description("list the releases (vintages) in the store")
    .action(async (_opts, cmd: Command) => {
      const { releases } = await import("../../store/read.js");
      const list = await withStore(cmd, true, releases);
      if (globals(cmd).json) return printJson(list);
      printTable(list.map((r) => ({
        release: r.releaseId, dataset: r.dataset, file: r.fileName, stage: r.stage, released: r.released ?? "unknown",
        ingested: r.ingestedAt, through: r.through, added: r.added, revised: r.revised, unchanged: r.unchanged,
      })));
    });

  program
    .command("sql")
    .description("run one read-only SQL query against the store (tables: releases, observations, hs9_files, consensus, partners, partner_groups, commodities, meta; views hs9_lines, hs9_observations)")
    .argument("<query>", "one SELECT (or WITH, SUMMARIZE, DESCRIBE, SHOW) statement; no files, network or settings")
    .option("--timeout <seconds>", "stop the query after this long", String(DEFAULT_QUERY_TIMEOUT_MS / 1000))
    .option("--max-rows <n>", "print at most this many rows (0: all)", String(DEFAULT_MAX_ROWS))
    .action(async (query: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const timeout = Number(o.timeout);
      const maxRows = Number(o.maxRows);
      if (!(timeout > 0) || !Number.isFinite(timeout)) throw new UsageError(`--timeout: expected a number of seconds above 0, found "${o.timeout}"`);
      if (!Number.isInteger(maxRows) || maxRows < 0) throw new UsageError(`--max-rows: expected a whole number (0 for all), found "${o.maxRows}"`);
      const { runQuery } = await import("../../store/sql.js");
      const result = await withStore(cmd, true, (store) => runQuery(store, query, { timeoutMs: timeout * 1000, maxRows }), { sandbox: true });
      if (o.json) printJson(result.rows);
      else if (result.rows.length === 0) console.log(`(no rows; columns: ${result.columns.join(", ")})`);
      else printTable(result.rows, result.columns);
      if (result.truncated) console.error(`boeki: printed the first ${thousands(maxRows)} rows; the query returns more (--max-rows N prints more, 0 all)`);
    });

  program
    .command("export")
    .description("write every observation in force (or as of a date) in the tidy layout: one row per period, flow, partner, commodity and measure")
    .addOption(new Option("--format <format>", "csv or parquet").choices(["csv", "parquet"]).default("csv"))
    .requiredOption("--out <file>", "where to write (a folder with --partition); written whole or not at all")
    .option("--as-of <date>", "YYYY-MM-DD: the data as it stood then")
    .option("--all-vintages", "every vintage of every observation, each with its release's stage, date and source")
    .option("--partition <columns>", "year,flow: hive-partitioned files under --out (out/year=2025/flow=export/…)")
    .addOption(new Option("--flow <flow>", "export or import").choices(["export", "import"]))
    .option("--partner <codes>", "partners, comma-separated: world, 304 or a name (United States), area:asia …")
    .option("--commodity <codes>", "commodities, comma-separated: total, pc:70503, hs:8703 (every HS line under it) …")
    .option("--from <month>", "YYYY-MM")
    .option("--to <month>", "YYYY-MM")
    .option("--dataset <name>", "only this dataset (mof.d41ma, mof.hs9, tidy …)")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const split = (text: unknown) => (typeof text === "string" ? text.split(",").map((s) => s.trim()).filter(Boolean) : undefined);
      const { asOfDate } = await import("../options.js");
      const { resolveCommodity, resolvePartner } = await import("../../sources/codes/resolve.js");
      const options: ExportOptions = {
        format: o.format as "csv" | "parquet", out: o.out as string, asOf: asOfDate(o.asOf as string | undefined), allVintages: Boolean(o.allVintages),
        partition: split(o.partition) as ExportOptions["partition"], flow: o.flow as Flow | undefined,
        partners: split(o.partner)?.map(resolvePartner), commodities: split(o.commodity)?.map((c) => resolveCommodity(c, o.flow as Flow | undefined)),
        from: o.from as string | undefined, to: o.to as string | undefined, dataset: o.dataset as string | undefined,
      };
      const { exportTidy } = await import("../../store/export.js");
      const written = await withStore(cmd, true, (store) => exportTidy(store, options));
      if (o.json) return printJson(written);
      console.log(`wrote ${thousands(written.rows)} observations to ${written.out} (${written.format}${written.partitioned ? `, partitioned by ${written.partitioned.join(", ")}` : ""})`);
    });

}
