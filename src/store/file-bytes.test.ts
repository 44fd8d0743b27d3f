import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers.js";
import { readUnpacked, readUnpackedHead, unpackedPieces } from "./file-bytes.js";

describe("reading a file as an ingest does", () => {
  const lines = Array.from({ length: 40_000 }, (_, i) => `1,2015-${String((i % 12) + 1).padStart(2, "0")},USA,(CAR),${(i * 7919) % 1_000_003}`);
  const text = `exp_imp,yyyymm,area,goods,value_jpy_k\n${lines.join("\n")}\n`;

  it("unpacks a .gz in pieces that end at a line's end, with the share of the compressed bytes read", async () => {
    const file = path.join(tempDir(), "area.csv.gz");
    writeFileSync(file, gzipSync(text));
    const fractions: number[] = [];
    const pieces: Buffer[] = [];
    for await (const piece of unpackedPieces(file, (f) => fractions.push(f), 64 * 1024)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.at(-1)).toBe(0x0a);
    expect(Buffer.concat(pieces).toString("utf8")).toBe(text);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(Buffer.from(await readUnpacked(file)).toString("utf8")).toBe(text);
    expect(Buffer.from(await readUnpackedHead(file)).toString("utf8").split("\n")[0]).toBe("exp_imp,yyyymm,area,goods,value_jpy_k");
  });

  it("calls a damaged .gz bad input, naming the file", async () => {
    const file = path.join(tempDir(), "cut.csv.gz");
    const whole = gzipSync(text);
    writeFileSync(file, whole.subarray(0, whole.length / 2));
    await expect(readUnpacked(file)).rejects.toThrow(/cut\.csv\.gz: is a gzip file that cannot be unpacked: .*truncated/);
  });
});
