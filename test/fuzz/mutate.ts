// Seeds and mutations for the fuzz test: the repo's fixtures and slices of the Ministry's real files, changed by
// a seeded generator in the ways files go wrong (a digit, a number form, a field, a line, a cut, a stray byte).

import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { random } from "../../bench/generate-hs9.js";
import { FIXTURES, hasSharedData, shared } from "../helpers.js";
import type { FuzzFormat } from "./oracle.js";

export { random }; // mulberry32, seeded: mutant i of a run is the same on every machine

export interface Seed {
  /** The file name the mutant gets (an HS-9 table's month comes from it). */
  name: string;
  format: FuzzFormat;
  bytes: Buffer;
  /** Where it came from, for the report. */
  origin: string;
}

/** The first `head` lines and the last `tail` lines of a file, its line ends kept. */
function slice(bytes: Buffer, head: number, tail: number, skip = 0): Buffer {
  const lines = bytes.toString("latin1").split(/(?<=\n)/);
  return Buffer.from(lines.slice(0, head).join("") + lines.slice(Math.max(head, lines.length - tail - skip), lines.length - skip).join(""), "latin1");
}

/** A press release cut after its second table by principal commodity (the rest is more of the same). */
function xmlSlice(bytes: Buffer): Buffer {
  const text = bytes.toString("utf8");
  const second = text.indexOf("</shuyochiikikunihin>", text.indexOf("</shuyochiikikunihin>") + 1) + "</shuyochiikikunihin>".length;
  return Buffer.from(text.slice(0, second) + "</hodoxml>", "utf8");
}

/** The fixtures of the repo, and (when ../shared is there) slices of the real files. */
export function seeds(): { seeds: Seed[]; real: boolean } {
  const fixture = (name: string, format: FuzzFormat): Seed => ({ name, format, bytes: readFileSync(path.join(FIXTURES, name)), origin: `fixture ${name}` });
  const list: Seed[] = [
    fixture("d41ma-small.sjis.csv", "timeseries"),
    fixture("d51ma-small.sjis.csv", "timeseries"),
    fixture("hs9_E_2026-08.csv", "hs9"),
    fixture("hs9_customs_2017.csv", "hs9"),
    fixture("press-small.xml", "press-xml"),
    fixture("press-headline-small.csv", "press-table"),
    fixture("press-commodity-small.csv", "press-table"),
    fixture("area-commodity-small.csv", "area-commodity"),
    fixture("tidy-small.csv", "tidy"),
  ];
  if (!hasSharedData) return { seeds: list, real: false };
  const real = (name: string, format: FuzzFormat, bytes: Buffer, origin: string): Seed => ({ name, format, bytes, origin: `real ${origin}` });
  const ts = (f: string) => readFileSync(shared("mof-timeseries", f));
  const hs9 = (f: string) => readFileSync(shared("hs9-official-format", f));
  const press = (...f: string[]) => readFileSync(shared("mof-press-release", ...f));
  list.push(
    real("d41ma.sjis.csv", "timeseries", slice(ts("d41ma.sjis.csv"), 4, 30), "d41ma: header and the last 30 months"),
    real("d51ma.sjis.csv", "timeseries", slice(ts("d51ma.sjis.csv"), 7, 14), "d51ma: header and the last 14 months"),
    real("d61ma.sjis.csv", "timeseries", slice(ts("d61ma.sjis.csv"), 7, 14), "d61ma: header and the last 14 months"),
    real("estat_E_2026-08_000040507895_slice.csv", "hs9", slice(hs9("estat_E_2026-08_000040507895_slice.csv"), 25, 0), "HS-9 exports 2026-08: 24 lines"),
    real("estat_I_2026-08_000040507896_slice.csv", "hs9", slice(hs9("estat_I_2026-08_000040507896_slice.csv"), 25, 0), "HS-9 imports 2026-08: 24 lines"),
    real("customs_with_custom_column_2017_sample_from_readme.csv", "hs9", hs9("customs_with_custom_column_2017_sample_from_readme.csv"), "HS-9 with Custom and Country, 2017"),
    real("press_2025114en.xml", "press-xml", xmlSlice(press("xml", "press_2025114en.xml")), "press release XML 2025-11: headline, area table, two commodity tables"),
    real("press_headline_totals.csv", "press-table", slice(press("press_headline_totals.csv"), 7, 0), "press headline totals: 6 releases"),
    real("press_2024-11_principal_commodity_world.csv", "press-table", press("press_2024-11_principal_commodity_world.csv"), "press commodity table 2024-11"),
    real("press_area_country.tidy.csv", "tidy", slice(press("tidy", "press_area_country.tidy.csv"), 120, 0), "tidy press file: 119 rows"),
    real(
      "area_commodity_monthly.csv",
      "area-commodity",
      slice(gunzipSync(readFileSync(shared("mof-area-commodity", "area_commodity_monthly_2009-01_2019-05.csv.gz"))), 150, 0),
      "area × commodity 2009-01: 149 rows",
    ),
  );
  return { seeds: list, real: true };
}

/** Number forms a reader must refuse (or, for some formats, read as the Ministry means them). */
const ODD_NUMBERS = [
  "0x10", "0X1F", "0b11", "1e400", "-1e400", "1e308", "1e3", "1E-2", "1_000", "+-1", "+5", "-+5", "--5", "Infinity", "-Infinity", "NaN", "nan", "inf",
  "１２３", "１,２３４", "1.5", "0.0", "-0", "-0.0", "007", "00", " 5", "5 ", "5\t", "\u00a05", "\u30005", ".5", "5.", "1,2,3", "1,23", "12,345", "123,456,789",
  "123456789012345678901234567890", "999999999999999", "1000000000000000", "9007199254740993", "-5", "△5", "▲5", "-", "", "ZENGEN", "ZENZO", "*5", "*1,234.5",
  "1.05", "100.0", "100.1", "-100.0", "-100.1", "99.9", "0.1", "1000000.0", "1000000.1",
];
/** Bytes to insert: separators, quotes, line ends, signs, and characters that look like digits or spaces. */
const ODD_BYTES = [",", '"', "'", "\r", "\n", "\r\n", " ", "\t", "-", "+", ".", "e", "x", "0", "9", "\u0000", "<", ">", "&", "/", "△", "\u3000", "\ufeff", "１"];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/** Bytes of a text in the seed's encoding: Shift_JIS files get ASCII only (or a full-width digit in cp932). */
function encode(text: string, format: FuzzFormat): string {
  if (format !== "timeseries") return Buffer.from(text, "utf8").toString("latin1");
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text.replace(/[^\x00-\x7f]/g, () => "\x82\x50"); // "１" in cp932
}

/** A number of the same kind as `original`: digits for digits, one decimal for a percentage, groups for grouped. */
function validNumber(rnd: () => number, original: string): string {
  const digits = 1 + Math.floor(rnd() * (original.includes(".") ? 4 : 11));
  let n = String(Math.floor(rnd() * 10 ** digits));
  if (original.includes(",") && !original.includes(".")) n = n.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (original.includes(".")) n += "." + Math.floor(rnd() * 10);
  return (original.startsWith("-") && rnd() < 0.5 ? "-" : "") + n;
}

type Mutation = (text: string, rnd: () => number, seed: Seed) => [string, string];

const numbers = (text: string) => [...text.matchAll(/-?\d+(?:[.,]\d+)*/g)];

const MUTATIONS: Array<[number, Mutation]> = [
  // A number becomes another valid number: the file must land it (or be refused, where it breaks a total).
  [6, (t, rnd) => {
    const all = numbers(t);
    if (!all.length) return [t, "no number"];
    const m = pick(rnd, all);
    const to = validNumber(rnd, m[0]);
    return [t.slice(0, m.index) + to + t.slice(m.index! + m[0].length), `number ${m[0]} → ${to}`];
  }],
  // A number becomes a form the Ministry never prints.
  [6, (t, rnd, seed) => {
    const all = numbers(t);
    if (!all.length) return [t, "no number"];
    const m = pick(rnd, all);
    const to = pick(rnd, ODD_NUMBERS);
    return [t.slice(0, m.index) + encode(to, seed.format) + t.slice(m.index! + m[0].length), `number ${m[0]} → ${JSON.stringify(to)}`];
  }],
  // An HS-9 month cell and its year total change together: a consistent revision that must land.
  [3, (t, rnd, seed) => {
    if (seed.format !== "hs9") return [t, "not HS-9"];
    const lines = t.split("\n");
    const at = 1 + Math.floor(rnd() * Math.max(1, lines.length - 2));
    if (lines[at] === undefined) return [t, "no HS-9 line"];
    const cells = lines[at]!.replace(/\r$/, "").split(",");
    const first = cells.length - 39;
    if (first < 0 || !cells.slice(first).every((c) => /^\d+$/.test(c))) return [t, "no HS-9 line"];
    const measure = Math.floor(rnd() * 3);
    const month = Math.floor(rnd() * 8); // the seeds are published through August
    const cell = first + 3 + month * 3 + measure;
    const delta = Math.floor(rnd() * 1000) - Math.min(Number(cells[cell]), 500);
    cells[cell] = String(Number(cells[cell]) + delta);
    cells[first + measure] = String(Number(cells[first + measure]) + delta);
    lines[at] = cells.join(",") + (lines[at]!.endsWith("\r") ? "\r" : "");
    return [lines.join("\n"), `HS-9 line ${at + 1} month ${month + 1} measure ${measure} ${delta >= 0 ? "+" : ""}${delta} with its year total`];
  }],
  // A field (between commas) emptied, or two fields of a line swapped.
  [3, (t, rnd) => {
    const lines = t.split("\n");
    const at = Math.floor(rnd() * lines.length);
    const cells = lines[at]!.split(",");
    if (cells.length < 2) return [t, "one field"];
    const [i, j] = [Math.floor(rnd() * cells.length), Math.floor(rnd() * cells.length)];
    const how = rnd() < 0.5 ? "emptied" : "swapped";
    if (how === "emptied") cells[i] = "";
    else [cells[i], cells[j]] = [cells[j]!, cells[i]!];
    lines[at] = cells.join(",");
    return [lines.join("\n"), `line ${at + 1}: field ${i + 1} ${how}${how === "swapped" ? ` with ${j + 1}` : ""}`];
  }],
  // A field quoted as CSV allows ("x", with "" for a quote inside), or padded with spaces, or given a quote.
  [3, (t, rnd) => {
    const lines = t.split("\n");
    const at = Math.floor(rnd() * lines.length);
    const cells = lines[at]!.split(",");
    const i = Math.floor(rnd() * cells.length);
    const cell = cells[i]!.replace(/\r$/, "");
    const cr = cells[i]!.endsWith("\r") ? "\r" : "";
    const how = pick(rnd, ["quoted", "padded", "quoted and padded", "a quote inside"] as const);
    cells[i] = {
      quoted: `"${cell.replaceAll('"', '""')}"`,
      padded: ` ${cell} `,
      "quoted and padded": ` "${cell.replaceAll('"', '""')}" `,
      "a quote inside": `${cell.slice(0, 1)}"${cell.slice(1)}`,
    }[how] + cr;
    lines[at] = cells.join(",");
    return [lines.join("\n"), `line ${at + 1}: field ${i + 1} ${how}`];
  }],
  // A field added or removed.
  [2, (t, rnd) => {
    const lines = t.split("\n");
    const at = Math.floor(rnd() * lines.length);
    const cells = lines[at]!.split(",");
    const i = Math.floor(rnd() * cells.length);
    if (rnd() < 0.5) cells.splice(i, 1);
    else cells.splice(i, 0, "");
    lines[at] = cells.join(",");
    return [lines.join("\n"), `line ${at + 1}: a field removed or added at ${i + 1}`];
  }],
  // A line deleted, doubled or moved.
  [4, (t, rnd) => {
    const lines = t.split(/(?<=\n)/);
    const i = Math.floor(rnd() * lines.length);
    const j = Math.floor(rnd() * lines.length);
    const how = pick(rnd, ["deleted", "doubled", "swapped"] as const);
    if (how === "deleted") lines.splice(i, 1);
    else if (how === "doubled") lines.splice(i, 0, lines[i]!);
    else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return [lines.join(""), `line ${i + 1} ${how}${how === "swapped" ? ` with ${j + 1}` : ""}`];
  }],
  // The file cut off.
  [2, (t, rnd) => {
    const at = Math.floor(rnd() * t.length);
    return [t.slice(0, at), `cut at byte ${at} of ${t.length}`];
  }],
  // Stray bytes: one changed, some inserted, some deleted.
  [5, (t, rnd, seed) => {
    const at = Math.floor(rnd() * t.length);
    const how = Math.floor(rnd() * 3);
    if (how === 0) {
      const byte = String.fromCharCode(Math.floor(rnd() * 256));
      return [t.slice(0, at) + byte + t.slice(at + 1), `byte ${at} → 0x${byte.charCodeAt(0).toString(16)}`];
    }
    if (how === 1) {
      const insert = pick(rnd, ODD_BYTES);
      return [t.slice(0, at) + encode(insert, seed.format) + t.slice(at), `${JSON.stringify(insert)} inserted at byte ${at}`];
    }
    const n = 1 + Math.floor(rnd() * 4);
    return [t.slice(0, at) + t.slice(at + n), `${n} bytes deleted at ${at}`];
  }],
  // An XML element deleted, doubled, emptied, renamed or given an attribute.
  [5, (t, rnd, seed) => {
    if (seed.format !== "press-xml") return [t, "not XML"];
    const leaves = [...t.matchAll(/<(\w+)>[^<]*<\/\1>|<(\w+)\/>/g)];
    if (!leaves.length) return [t, "no element"];
    const m = pick(rnd, leaves);
    const name = m[1] ?? m[2]!;
    const how = pick(rnd, ["deleted", "doubled", "emptied", "renamed", "attributed"] as const);
    const to = { deleted: "", doubled: m[0] + m[0], emptied: `<${name}/>`, renamed: m[0].replace(new RegExp(name, "g"), `${name}x`), attributed: m[0].replace(`<${name}`, `<${name} a="1"`) }[how];
    return [t.slice(0, m.index) + to + t.slice(m.index! + m[0].length), `<${name}> ${how} at byte ${m.index}`];
  }],
];
const TOTAL_WEIGHT = MUTATIONS.reduce((n, [w]) => n + w, 0);

/** One to three mutations of a seed, and what they were. */
export function mutate(seed: Seed, rnd: () => number): { bytes: Buffer; how: string[] } {
  let text = seed.bytes.toString("latin1"); // bytes as they are, whatever the encoding
  const how: string[] = [];
  const count = rnd() < 0.75 ? 1 : rnd() < 0.7 ? 2 : 3;
  for (let k = 0; k < count; k++) {
    let r = rnd() * TOTAL_WEIGHT;
    const [, mutation] = MUTATIONS.find(([w]) => (r -= w) < 0) ?? MUTATIONS[0]!;
    const [next, said] = mutation(text, rnd, seed);
    text = next;
    how.push(said);
  }
  return { bytes: Buffer.from(text, "latin1"), how };
}
