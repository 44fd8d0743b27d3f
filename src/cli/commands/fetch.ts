// Commands that download the Ministry's files: fetch, and update (fetch, ingest, print the latest month).
// The client, parsers and DuckDB are imported inside the actions, so that --help loads none.

import { Command } from "commander";
import { UsageError } from "../../errors.js";
import { DEFAULT_MAX_BYTES, type FetchedFile } from "../../sources/fetch.js";
import type { FileReport } from "../../store/ingest.js";
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
  const { fetchFile } = await import("../../sources/fetch.js");
  const { expectTimeSeries } = await import("../../sources/expected.js");
  const { TIME_SERIES_URLS } = await import("../../sources/index.js");
  const fetched: FetchedFile[] = [];
  for (const [kind, url] of Object.entries(TIME_SERIES_URLS)) {
    fetched.push(await fetchFile(url, { ...fetchOptions(o), expect: expectTimeSeries(kind as Parameters<typeof expectTimeSeries>[0]) }));
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
      .description("fetch the Ministry's time series, ingest them, and print the latest month's exports, imports and balance")
      .option("--released <date>", "YYYY-MM-DD the files were published (default: the server's Last-Modified, or the mirror's file times)"),
  ).action(async (_opts, cmd: Command) => {
    const o = globals(cmd);
    const { pastDate } = await import("../options.js");
    const released = pastDate(o.released as string | undefined, "--released", "a file cannot have been published after today");
    const fetched = await fetchTimeSeries(o);
    const { ingest } = await import("../../store/ingest.js");
    const { monthTotals } = await import("../../store/read.js");
    const { reports, totals } = await withStore(cmd, false, async (store) => {
      // One transaction for the three files (each ingest joins it), so that they land together or not at all.
      // Each file keeps its own release date: the server's Last-Modified (a mirror's file time), unless --released says.
      // Bytes ingested before get that date only if theirs is unknown: running update again never undoes a --released.
      const reports = await store.transaction(async () => {
        const reports: FileReport[] = [];
        for (const f of fetched) reports.push(...(await ingest(store, [f.path], { released, releasedFallback: f.lastModified ?? undefined })));
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
