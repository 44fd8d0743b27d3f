// Writes a deterministic HS-9 statistical table in the official wide layout with Custom and Country
// columns: ~600k lines, ~75 MB, about half the month cells zero, every year total the sum of its months.

import { createWriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { COUNTRY_ROWS } from "../src/sources/codes/countries.js";
import { MONTHS } from "../src/sources/hs9-table.js";

export const BENCH_LINES = 600_000;

/** mulberry32: a small seeded generator, so every run writes the same bytes. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function header(): string {
  return ["Exp or Imp", "Year", "Custom", "HS", "Country", "Unit1", "Unit2", "Quantity1-Year", "Quantity2-Year", "Value-Year",
    ...MONTHS.flatMap((m) => [`Quantity1-${m}`, `Quantity2-${m}`, `Value-${m}`])].join(",");
}

/** Writes the file unless it is already there with the expected size; returns its path. */
export async function generateHs9(file: string, lines = BENCH_LINES, year = 2025): Promise<string> {
  const existing = await stat(file).catch(() => null);
  if (existing && existing.size > 0 && (await stat(`${file}.done`).catch(() => null))) return file;
  await mkdir(path.dirname(file), { recursive: true });
  // Each year its own lines (2025 keeps the bytes the benchmarks have always used).
  const next = random(20251217 + (year - 2025) * 7919);
  const countries = COUNTRY_ROWS.filter(([, , area]) => area !== null).map(([code]) => code);
  const customs = ["100", "104", "120", "200", "300", "400", "500", "600", "700", "800", "900"];
  const units: Array<[string, string]> = [["NO", "KG"], ["", "KG"], ["", "MT"], ["KG", "KG"], ["DZ", "KG"]];
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write(header() + "\n");
  const seen = new Set<string>();
  let buffer = "";
  for (let i = 0; i < lines; ) {
    const flow = next() < 0.55 ? 1 : 2;
    const hs = String(Math.floor(next() * 980_000_000) + 10_000_000).padStart(9, "0");
    const country = countries[Math.floor(next() * countries.length)]!;
    const custom = customs[Math.floor(next() * customs.length)]!;
    const key = `${flow}${hs}${country}${custom}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [unit1, unit2] = units[Math.floor(next() * units.length)]!;
    const cells: number[] = [];
    let [q1Total, q2Total, vTotal] = [0, 0, 0];
    const scale = 10 ** Math.floor(next() * 3);
    for (let m = 0; m < 12; m++) {
      const traded = next() < 0.5;
      const q1 = traded && unit1 ? Math.floor(next() * scale) + 1 : 0;
      const q2 = traded ? Math.floor(next() * scale * 3) + 1 : 0;
      const v = traded ? Math.floor(next() * scale * 8) + 1 : 0;
      cells.push(q1, q2, v);
      q1Total += q1;
      q2Total += q2;
      vTotal += v;
    }
    buffer += `${flow},${year},${custom},'${hs}',${country},${unit1 || "  "},${unit2},${q1Total},${q2Total},${vTotal},${cells.join(",")}\n`;
    i++;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await (await import("node:fs/promises")).writeFile(`${file}.done`, "");
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? "bench/out/hs9_bench_2025.csv";
  const started = Date.now();
  await generateHs9(file);
  console.log(`${file}: ${((await stat(file)).size / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
