import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers.js";
import { fileLines, isUtf8File } from "./csv.js";

describe("reading files a piece at a time", () => {
  it("tells UTF-8 from not, with characters cut by the chunks' ends", async () => {
    const dir = tempDir();
    const text = Buffer.from("貿易統計,9714672\n".repeat(600_000)); // ~12 MB: several 4 MiB chunks, each cut inside a character
    writeFileSync(path.join(dir, "ok.csv"), text);
    expect(await isUtf8File(path.join(dir, "ok.csv"))).toBe(true);
    const broken = Buffer.from(text);
    broken[9_000_001] = 0xff;
    writeFileSync(path.join(dir, "bad.csv"), broken);
    expect(await isUtf8File(path.join(dir, "bad.csv"))).toBe(false);
    writeFileSync(path.join(dir, "cut.csv"), text.subarray(0, text.length - 2)); // cut inside a number: still UTF-8
    expect(await isUtf8File(path.join(dir, "cut.csv"))).toBe(true);
    writeFileSync(path.join(dir, "cut-char.csv"), Buffer.concat([text, Buffer.from("貿").subarray(0, 2)]));
    expect(await isUtf8File(path.join(dir, "cut-char.csv"))).toBe(false);
  });

  it("numbers lines and says how each ended, a byte that is not UTF-8 named by its line", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "a.csv"), "\uFEFFa,b\r\nc,d\n\ne");
    const lines = [];
    for await (const l of fileLines(path.join(dir, "a.csv"))) lines.push(l);
    expect(lines).toEqual([
      { line: 1, text: "a,b", end: "\r\n" },
      { line: 2, text: "c,d", end: "\n" },
      { line: 3, text: "", end: "\n" },
      { line: 4, text: "e", end: "" },
    ]);
    writeFileSync(path.join(dir, "b.csv"), Buffer.concat([Buffer.from("ok\nok\n"), Buffer.from([0x82, 0xa0]), Buffer.from("\n")]));
    await expect(async () => {
      for await (const _ of fileLines(path.join(dir, "b.csv"))) void _;
    }).rejects.toThrow(/b\.csv:3: is not valid UTF-8 \(the bytes look like Shift_JIS/);
  });
});
