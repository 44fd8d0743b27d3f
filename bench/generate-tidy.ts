// Writes a deterministic tidy CSV of realistic shape: what `boeki export` gives for a store of HS-9 tables
// (9-digit codes by country, values in thousand yen, two quantities) and the press tables, ~200 MB by default.

import { createWriteStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { COUNTRY_ROWS } from "../src/sources/codes/countries.js";
import { TIDY_COLUMNS } from "../src/sources/tidy.js";
import { random } from "./generate-hs9.js";

export const TIDY_BENCH_BYTES = 200_000_000;

/** Writes the file unless it is already there (a `.done` marker beside it); returns its path. */
export async function generateTidy(file: string, bytes = TIDY_BENCH_BYTES): Promise<string> {
  if ((await stat(file).catch(() => null)) && (await stat(`${file}.done`).catch(() => null))) return file;
  await mkdir(path.dirname(file), { recursive: true });
  const next = random(20260917);
  const countries = COUNTRY_ROWS.filter(([, , area]) => area !== null).map(([code]) => code);
  const units = ["NO", "KG", "MT", "DZ", "KL"];
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write(TIDY_COLUMNS.join(",") + "\n");
  let written = 0;
  let buffer = "";
  // Each year is one release (the year's December table), each line of it one code × country, every month of the year.
  for (let year = 2000; written < bytes; year++) {
    const released = `${year + 1}-03-1${year % 10}`;
    const source = `MoF HS-9 statistical table hs9_${year}-12.csv`;
    const lines = 16_000;
    for (let line = 0; line < lines && written < bytes; line++) {
      const flow = line % 2 === 0 ? "export" : "import";
      const hs = String(10_000_000 + line * 7919).padStart(9, "0");
      const country = countries[line % countries.length]!;
      const unit = units[Math.floor(next() * units.length)]!;
      const scale = 10 ** (1 + Math.floor(next() * 5));
      for (let month = 1; month <= 12; month++) {
        if (next() < 0.3) continue; // no trade that month
        const period = `${year}-${String(month).padStart(2, "0")}`;
        const key = `${period},${flow},${country},hs:${hs}`;
        const tail = `revised,${released},${source}\n`;
        buffer += `${key},value,${Math.floor(next() * scale * 9) + 1},JPY_thousand,${tail}`;
        buffer += `${key},quantity1,${Math.floor(next() * scale) + 1},${unit},${tail}`;
        if (next() < 0.5) buffer += `${key},quantity2,${Math.floor(next() * scale * 3) + 1},KG,${tail}`;
      }
      if (buffer.length > 1 << 20) {
        written += Buffer.byteLength(buffer);
        await write(buffer);
        buffer = "";
      }
    }
  }
  written += Buffer.byteLength(buffer);
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await writeFile(`${file}.done`, "");
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? "bench/out/tidy_bench.csv";
  const started = Date.now();
  await generateTidy(file, Number(process.argv[3] ?? TIDY_BENCH_BYTES));
  console.log(`${file}: ${((await stat(file)).size / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
