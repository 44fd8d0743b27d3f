// The `boeki` command: parses arguments, calls the library, prints tables (or JSON with --json).
// No logic of its own lives here beyond presenting what the library returns.

import { stat } from "node:fs/promises";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { BoekiError, EXIT, UsageError } from "../errors.js";
import { checkFormat, FORMATS, TIME_SERIES_URLS } from "../sources/index.js";
import { fetchFile, type FetchedFile } from "../sources/fetch.js";
import { PARTNERS, PRINCIPAL_COMMODITIES } from "../sources/codes/index.js";
import { exportTidy } from "../store/export.js";
import { ingest, type FileReport, type IngestOptions } from "../store/ingest.js";
import { monthTotals, releases, series } from "../store/read.js";
import { DEFAULT_STORE_PATH, Store } from "../store/store.js";
import { MEASURES, STAGES, type Flow, type Measure, type Stage } from "../domain.js";
import { mkdir, writeFile } from "node:fs/promises";
import { brief, chartPng, toHtml, toJson, toMarkdown } from "../brief/index.js";
import { figures } from "../figures/index.js";
import { consensusFor, CONSENSUS_METRICS, setConsensus, type ConsensusMetric } from "../store/consensus.js";
import { printFigures } from "./figures-table.js";
import { printJson, printTable, thousands, yen } from "./output.js";
import { ingestProgress } from "./progress.js";

interface Globals {
  db: string;
  json: boolean;
}

const program = new Command("boeki")
  .description("Japan's official trade statistics: ingest the Ministry of Finance's files with every vintage, read them back exactly")
  .option("--db <path>", "the store file", process.env.BOEKI_DB ?? DEFAULT_STORE_PATH)
  .option("--json", "print one JSON document instead of a table", false)
  .showHelpAfterError()
  .exitOverride();

const globals = (cmd: Command) => cmd.optsWithGlobals() as Globals & Record<string, unknown>;

async function withStore<T>(cmd: Command, readOnly: boolean, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(globals(cmd).db, { readOnly });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

function printIngest(reports: FileReport[], json: boolean): void {
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
    console.log(`${path.basename(r.file)}: skipped rows of items the Ministry no longer publishes and boeki has no code for: ${items}`);
  }
  for (const r of reports.filter((r) => r.status === "already-ingested")) {
    console.log(`${path.basename(r.file)}: the same bytes were ingested before (release ${r.releases.map((x) => x.releaseId).join(", ")}); nothing changed`);
  }
}

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

const rank = (column: string) => (column === "period" ? 0 : column.startsWith("value") ? 1 : column.startsWith("quantity") ? 2 : 3);

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

const fetchOptions = (o: Record<string, unknown>) => ({
  cacheDir: o.cacheDir as string,
  mirror: o.mirror as string | undefined,
  timeoutMs: Number(o.timeout) * 1000,
  retries: Number(o.retries),
  onRetry: o.json ? undefined : (attempt: number, reason: string, waitMs: number) => console.error(`attempt ${attempt} failed (${reason}); retrying in ${waitMs / 1000} s`),
});

function addFetchOptions(cmd: Command): Command {
  return cmd
    .option("--mirror <dir|url>", "read the official paths from a local folder (host/path) or another server")
    .option("--cache-dir <dir>", "where downloads are kept", ".boeki-cache")
    .option("--timeout <seconds>", "per attempt", "30")
    .option("--retries <n>", "attempts after the first", "3");
}

async function fetchTimeSeries(o: Record<string, unknown>): Promise<FetchedFile[]> {
  const fetched: FetchedFile[] = [];
  for (const url of Object.values(TIME_SERIES_URLS)) fetched.push(await fetchFile(url, fetchOptions(o)));
  return fetched;
}

addFetchOptions(
  program.command("fetch").description("download the Ministry's time series (d41ma, d51ma, d61ma) into the cache"),
).action(async (_opts, cmd: Command) => {
  const o = globals(cmd);
  const fetched = await fetchTimeSeries(o);
  if (o.json) return printJson(fetched);
  printTable(fetched.map((f) => ({ file: f.path, bytes: f.bytes, "last modified": f.lastModified ?? "not sent", sha256: f.sha256.slice(0, 16) })));
});

addFetchOptions(
  program
    .command("update")
    .description("fetch the Ministry's time series, ingest them, and print the latest month's exports, imports and balance"),
).action(async (_opts, cmd: Command) => {
  const o = globals(cmd);
  const fetched = await fetchTimeSeries(o);
  const { reports, totals } = await withStore(cmd, false, async (store) => {
    const reports: FileReport[] = [];
    // Each file keeps its own release date: the server's Last-Modified, when it sends one.
    for (const f of fetched) reports.push(...(await ingest(store, [f.path], { released: f.lastModified ?? undefined })));
    return { reports, totals: await monthTotals(store) };
  });
  if (o.json) return printJson({ fetched, ingested: reports, latest: totals });
  printIngest(reports, false);
  if (!totals) return console.log("no month has both exports and imports yet");
  console.log(`\nJapan's trade in ${totals.period} (world, thousand yen):`);
  printTable([
    { flow: "exports", "value (JPY thousand)": totals.exportsJpyThousand, "in words": yen(totals.exportsJpyThousand) },
    { flow: "imports", "value (JPY thousand)": totals.importsJpyThousand, "in words": yen(totals.importsJpyThousand) },
    { flow: totals.balanceJpyThousand >= 0 ? "balance (surplus)" : "balance (deficit)", "value (JPY thousand)": totals.balanceJpyThousand, "in words": yen(totals.balanceJpyThousand) },
  ]);
});

program
  .command("figures")
  .description("every figure of a month's release as facts: headline, destinations, commodities, streaks, records, consensus")
  .requiredOption("--month <month>", "YYYY-MM")
  .option("--as-of <date>", "YYYY-MM-DD: the figures as they could be computed that day")
  .option("--partner <code>", "only this partner among destinations and commodities by area (304, area:asia, group:eu …)")
  .option("--commodity <code>", "only this commodity (pc:70503 …)")
  .action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const result = await withStore(cmd, true, (store) =>
      figures(store, { month: o.month as string, asOf: o.asOf as string | undefined, partner: o.partner as string | undefined, commodity: o.commodity as string | undefined }),
    );
    if (o.json) return printJson(result);
    if (result.facts.length === 0) return console.log(`no figures for ${o.month}${o.asOf ? ` as of ${o.asOf}` : ""}: ingest its release or the time series first`);
    printFigures(result);
  });

program
  .command("brief")
  .description("the release story, wire style, every number traced to its fact; with charts")
  .requiredOption("--month <month>", "YYYY-MM")
  .option("--as-of <date>", "YYYY-MM-DD: the story as it could be written that day")
  .addOption(new Option("--lang <lang>", "language").choices(["en", "ja"]).default("en"))
  .addOption(new Option("--format <format>", "output format").choices(["md", "html", "json"]).default("md"))
  .option("--out <dir>", "write brief.<format> and the charts (SVG) into this folder instead of printing")
  .option("--png", "with --out, also write each chart as PNG", false)
  .action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const format = (o.json ? "json" : o.format) as "md" | "html" | "json";
    const doc = await withStore(cmd, true, (store) =>
      brief(store, o.month as string, { asOf: o.asOf as string | undefined, lang: o.lang as "en" | "ja", charts: format !== "md" || !!o.out }),
    );
    const text = format === "html" ? toHtml(doc) : format === "json" ? JSON.stringify(toJson(doc), null, 2) + "\n" : toMarkdown(doc);
    if (!o.out) return void process.stdout.write(text);
    const dir = o.out as string;
    await mkdir(dir, { recursive: true });
    const written = [path.join(dir, `brief.${format}`)];
    await writeFile(written[0]!, text);
    for (const chart of doc.charts) {
      written.push(path.join(dir, `chart-${chart.id}.svg`));
      await writeFile(written.at(-1)!, chart.svg);
      if (o.png) {
        written.push(path.join(dir, `chart-${chart.id}.png`));
        await writeFile(written.at(-1)!, chartPng(chart));
      }
    }
    console.error(`wrote ${written.join(", ")}`);
  });

program
  .command("check")
  .description("judge every trade figure in an article against the data as they stood on its date")
  .argument("<file>", "the article as text (UTF-8); - reads standard input")
  .option("--date <date>", "YYYY-MM-DD the article was published (default: a date found in the text)")
  .addOption(new Option("--format <format>", "output format").choices(["text", "html"]).default("text"))
  .action(async (file: string, _opts, cmd: Command) => {
    const o = globals(cmd);
    const { readFile } = await import("node:fs/promises");
    const { articleDate, check } = await import("../claims/index.js");
    const render = await import("../claims/render.js");
    const text = file === "-" ? await new Promise<string>((resolve) => {
      let data = "";
      process.stdin.setEncoding("utf8").on("data", (d) => (data += d)).on("end", () => resolve(data));
    }) : await readFile(file, "utf8").catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const { from } = articleDate(text, o.date as string | undefined);
    const result = await withStore(cmd, true, (store) => check(store, text, { date: o.date as string | undefined }));
    if (o.json) return printJson(result);
    process.stdout.write(o.format === "html" ? render.toHtml(text, result) : render.toTerminal(text, result, { color: process.stdout.isTTY, dateFrom: from === "option" ? "given" : "found in the text" }));
  });

const consensus = program.command("consensus").description("economists' forecasts for a release, to measure the surprise against");
consensus
  .command("set")
  .description("record a forecast (several sources per month allowed)")
  .argument("<month>", "YYYY-MM the forecast is for")
  .addOption(new Option("--metric <metric>", "what is forecast").choices(Object.keys(CONSENSUS_METRICS)).makeOptionMandatory())
  .requiredOption("--value <number>", "exports_yoy/imports_yoy in %, balance in ¥ billion")
  .requiredOption("--source <text>", "whose forecast (\"Reuters poll\")")
  .requiredOption("--date <date>", "YYYY-MM-DD the forecast was published")
  .action(async (month: string, _opts, cmd: Command) => {
    const o = globals(cmd);
    const entry = { period: month, metric: o.metric as ConsensusMetric, value: Number(o.value), source: o.source as string, published: o.date as string };
    await withStore(cmd, false, (store) => setConsensus(store, entry));
    if (o.json) return printJson(entry);
    console.log(`recorded: ${entry.source} forecast ${entry.metric} ${entry.value} for ${month} (published ${entry.published})`);
  });
consensus
  .command("list")
  .description("the forecasts on record for a month")
  .argument("<month>", "YYYY-MM")
  .option("--as-of <date>", "only forecasts published by then")
  .action(async (month: string, _opts, cmd: Command) => {
    const o = globals(cmd);
    const rows = await withStore(cmd, true, (store) => consensusFor(store, month, o.asOf as string | undefined));
    if (o.json) return printJson(rows);
    printTable(rows as unknown as Record<string, unknown>[]);
  });

program
  .command("codes")
  .description("list the partner and principal-commodity codes boeki knows")
  .option("--partners", "partners (default)")
  .option("--commodities", "principal commodities")
  .action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const rows = o.commodities
      ? PRINCIPAL_COMMODITIES.map((c) => ({ flow: c.flow, code: c.code, name: c.nameEn, ja: c.nameJa, parent: c.parent ?? "", unit: c.quantityUnit ?? "" }))
      : PARTNERS.map((p) => ({ code: p.code, name: p.nameEn, area: p.area ?? "", kind: p.kind }));
    if (o.json) return printJson(rows);
    printTable(rows);
  });

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (program.opts().json) printJson({ error: message, exitCode: error instanceof BoekiError ? error.exitCode : EXIT.failure });
    console.error(`boeki: ${message.split("\n")[0]}`);
    if (!(error instanceof BoekiError) && process.env.BOEKI_DEBUG) console.error(error);
    return error instanceof BoekiError ? error.exitCode : EXIT.failure;
  }
}
