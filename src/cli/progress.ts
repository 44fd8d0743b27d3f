// Progress on stderr for ingests large enough to make someone wait (over 4 MB), with rows/s: a bar on a
// terminal, a plain line every tenth of the way otherwise (logs, CI, a test that waits for it).

import cliProgress from "cli-progress";
import { printable } from "./output.js";

const LARGE_BYTES = 4 * 1024 * 1024;

export function ingestProgress(totalBytes: number) {
  if (totalBytes < LARGE_BYTES) return undefined;
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString("en-US");
  if (!process.stderr.isTTY) {
    let reported = 0;
    return {
      update({ file, fraction, rows }: { file: string; fraction: number; rows: number }) {
        const tenth = Math.floor(fraction * 10);
        if (tenth <= reported) return;
        reported = tenth;
        process.stderr.write(`ingesting ${printable(file.split("/").at(-1)!)}: ${tenth * 10}% (${rows.toLocaleString("en-US")} rows, ${rate(rows)} rows/s)\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "ingesting {file} [{bar}] {percentage}% | {rows} rows | {rate} rows/s", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { file: "", rows: 0, rate: 0 });
  let stopped = false;
  return {
    update({ file, fraction, rows }: { file: string; fraction: number; rows: number }) {
      bar.update(Math.round(fraction * 100), { file: printable(file.split("/").at(-1)!), rows: rows.toLocaleString("en-US"), rate: rate(rows) });
    },
    stop() {
      if (!stopped) bar.stop();
      stopped = true;
    },
  };
}
