// Commands that put data into the store and read it back: ingest, releases, series, sql, export.

import path from "node:path";
import { stat } from "node:fs/promises";
import { Command, Option } from "commander";
import { MEASURES, STAGES, type Flow, type Measure, type Stage } from "../../domain.js";
import { UsageError } from "../../errors.js";
import { checkFormat, FORMATS } from "../../sources/index.js";
import { exportTidy } from "../../store/export.js";
import { ingest, type FileReport, type IngestOptions } from "../../store/ingest.js";
import { releases, series } from "../../store/read.js";
import { globals, withStore } from "../context.js";
import { printJson, printTable, thousands } from "../output.js";
import { ingestProgress } from "../progress.js";

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
    const why = r.format === "ytd-vintages" ? "skipped, by why" : "skipped rows of items the Ministry no longer publishes and boeki has no code for";
    console.log(`${path.basename(r.file)}: ${why}: ${items}`);
  }
  for (const r of reports.filter((r) => r.status === "already-ingested")) {
    console.log(`${path.basename(r.file)}: the same bytes were ingested before (release ${r.releases.map((x) => x.releaseId).join(", ")}); nothing changed`);
  }
}

const rank = (column: string) => (column === "period" ? 0 : column.startsWith("value") ? 1 : column.startsWith("quantity") ? 2 : 3);

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
      const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)));
      const progress = o.json ? undefined : ingestProgress(sizes.reduce((a, b) => a + b, 0));
      const options: IngestOptions = {
        format: o.format ? checkFormat(o.format as string) : undefined,
        released: o.released as string | undefined,
        stage: o.stage as Stage | undefined,
        dataset: o.dataset as string | undefined,
        through: o.through as string | undefined,
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
      const list = await withStore(cmd, true, releases);
      if (globals(cmd).json) return printJson(list);
      printTable(list.map((r) => ({
        release: r.releaseId, dataset: r.dataset, file: r.fileName, stage: r.stage, released: r.released ?? "unknown",
        ingested: r.ingestedAt, through: r.through, added: r.added, revised: r.revised, unchanged: r.unchanged,
      })));
    });

  program
    .command("series")
    .description("print one series as it stands now, or as it stood on a date")
    .addOption(new Option("--flow <flow>", "export or import").choices(["export", "import"]).default("export"))
    .option("--partner <code>", "world, a MoF country code (304 USA), area:asia, group:eu …", "world")
    .option("--commodity <code>", "total, pc:70503 (a principal commodity), hs:8703 …", "total")
    .addOption(new Option("--measure <measure...>", "measures to print (default value and quantities)").choices(MEASURES))
    .option("--from <month>", "YYYY-MM")
    .option("--to <month>", "YYYY-MM")
    .option("--as-of <date>", "YYYY-MM-DD: what had been published by then")
    .option("--dataset <name>", "only this dataset (by default the latest release of any wins)")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      for (const [name, value] of [["--from", o.from], ["--to", o.to]] as const) {
        if (value !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value as string)) throw new UsageError(`${name}: expected YYYY-MM, found "${value}"`);
      }
      if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf as string)) throw new UsageError(`--as-of: expected YYYY-MM-DD, found "${o.asOf}"`);
      const points = await withStore(cmd, true, (store) =>
        series(store, {
          flow: o.flow as Flow, partner: o.partner as string, commodity: o.commodity as string, measures: o.measure as Measure[] | undefined,
          from: o.from as string | undefined, to: o.to as string | undefined, asOf: o.asOf as string | undefined, dataset: o.dataset as string | undefined,
        }),
      );
      if (o.json) return printJson(points);
      if (points.length === 0) {
        console.log(`no observations for ${o.flow} ${o.partner} ${o.commodity}${o.asOf ? ` as of ${o.asOf}` : ""}`);
        return;
      }
      const byPeriod = new Map<string, Record<string, unknown>>();
      for (const p of points) {
        const row = byPeriod.get(p.period) ?? { period: p.period };
        if (p.measure === "value") row["value (JPY thousand)"] = p.value;
        else row[`${p.measure}${p.unit ? ` (${p.unit})` : ""}`] = p.value;
        row.release = p.releaseId;
        row.stage = p.stage;
        byPeriod.set(p.period, row);
      }
      const rows = [...byPeriod.values()];
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort((a, b) => rank(a) - rank(b));
      printTable(rows, columns);
    });

  program
    .command("sql")
    .description("run a read-only SQL query against the store (tables: releases, observations, hs9_lines, partners, commodities; view hs9_observations)")
    .argument("<query>")
    .action(async (query: string, _opts, cmd: Command) => {
      const rows = await withStore(cmd, true, (store) => store.rows(query));
      if (globals(cmd).json) return printJson(rows);
      printTable(rows);
    });

  program
    .command("export")
    .description("write every observation in force (or as of a date) in the tidy layout")
    .addOption(new Option("--format <format>", "csv or parquet").choices(["csv", "parquet"]).default("csv"))
    .requiredOption("--out <file>", "where to write")
    .option("--as-of <date>", "YYYY-MM-DD: the data as it stood then")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const written = await withStore(cmd, true, (store) => exportTidy(store, { format: o.format as "csv" | "parquet", out: o.out as string, asOf: o.asOf as string | undefined }));
      if (o.json) return printJson(written);
      console.log(`wrote ${thousands(written.rows)} observations to ${written.out} (${written.format})`);
    });

}
