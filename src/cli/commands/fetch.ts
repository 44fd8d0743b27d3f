// Commands that download the Ministry's files: fetch, and update (fetch, ingest, print the latest month).

import { Command } from "commander";
import { UsageError } from "../../errors.js";
import { expectTimeSeries } from "../../sources/expected.js";
import { DEFAULT_MAX_BYTES, fetchFile, type FetchedFile } from "../../sources/fetch.js";
import { TIME_SERIES_URLS, type TimeSeriesKind } from "../../sources/index.js";
import { ingest, type FileReport } from "../../store/ingest.js";
import { monthTotals } from "../../store/read.js";
import { globals, withStore } from "../context.js";
import { printable, printJson, printTable, yen } from "../output.js";
import { printIngest } from "./store.js";

function fetchOptions(o: Record<string, unknown>) {
  const maxBytes = Number(o.maxBytes);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes: expected a whole number of bytes, found "${o.maxBytes}"`);
  return {
    cacheDir: o.cacheDir as string,
    mirror: o.mirror as string | undefined,
    timeoutMs: Number(o.timeout) * 1000,
    retries: Number(o.retries),
    maxBytes,
    allowRedirectHost: Boolean(o.allowRedirectHost),
    onRetry: o.json ? undefined : (attempt: number, reason: string, waitMs: number) => console.error(`attempt ${attempt} failed (${reason}); retrying in ${waitMs / 1000} s`),
    onWarning: (message: string) => console.error(`boeki: warning: ${printable(message)}`),
  };
}

function addFetchOptions(cmd: Command): Command {
  return cmd
    .option("--mirror <dir|url>", "read the official paths from a local folder (host/path) or another server")
    .option("--cache-dir <dir>", "where downloads are kept", ".boeki-cache")
    .option("--timeout <seconds>", "per attempt", "30")
    .option("--retries <n>", "attempts after the first", "3")
    .option("--max-bytes <n>", "refuse a file larger than this, counted after decompression", String(DEFAULT_MAX_BYTES))
    .option("--allow-redirect-host", "follow a redirect to another host (refused by default)", false);
}

async function fetchTimeSeries(o: Record<string, unknown>): Promise<FetchedFile[]> {
  const fetched: FetchedFile[] = [];
  for (const [kind, url] of Object.entries(TIME_SERIES_URLS)) {
    fetched.push(await fetchFile(url, { ...fetchOptions(o), expect: expectTimeSeries(kind as TimeSeriesKind) }));
  }
  return fetched;
}

export function registerFetchCommands(program: Command): void {
  addFetchOptions(
    program.command("fetch").description("download the Ministry's time series (d41ma, d51ma, d61ma) into the cache"),
  ).action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const fetched = await fetchTimeSeries(o);
    if (o.json) return printJson(fetched);
    printTable(fetched.map((f) => ({ file: f.path, from: f.from, bytes: f.bytes, "last modified": f.lastModified ?? (f.warnings.length ? "not taken" : "not sent"), sha256: f.sha256.slice(0, 16) })));
  });

  addFetchOptions(
    program
      .command("update")
      .description("fetch the Ministry's time series, ingest them, and print the latest month's exports, imports and balance"),
  ).action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const fetched = await fetchTimeSeries(o);
    const { reports, totals } = await withStore(cmd, false, async (store) => {
      // One transaction for the three files (each ingest joins it), so that they land together or not at all;
      // each keeps its own release date: the server's Last-Modified, when it sends a plausible one.
      const reports = await store.transaction(async () => {
        const reports: FileReport[] = [];
        for (const f of fetched) reports.push(...(await ingest(store, [f.path], { released: f.lastModified ?? undefined })));
        return reports;
      });
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

}
