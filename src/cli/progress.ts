// A progress bar on stderr for ingests large enough to make someone wait (over 4 MB), with rows/s.

import cliProgress from "cli-progress";

const LARGE_BYTES = 4 * 1024 * 1024;

export function ingestProgress(totalBytes: number) {
  if (totalBytes < LARGE_BYTES || !process.stderr.isTTY) return undefined;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    { format: "ingesting {file} [{bar}] {percentage}% | {rows} rows | {rate} rows/s", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { file: "", rows: 0, rate: 0 });
  let stopped = false;
  return {
    update({ file, fraction, rows }: { file: string; fraction: number; rows: number }) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(Math.round(fraction * 100), { file: file.split("/").at(-1), rows: rows.toLocaleString("en-US"), rate: Math.round(rows / Math.max(seconds, 0.001)).toLocaleString("en-US") });
    },
    stop() {
      if (!stopped) bar.stop();
      stopped = true;
    },
  };
}
