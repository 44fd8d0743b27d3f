// Text from input never drives the terminal or the page: an article's ANSI escapes and NULs are shown as
// visible stand-ins, an error quoting a binary file too; an article's encoding is read from its byte-order
// mark (or refused with the option that reads it); a consensus source typed as HTML stays text in the brief.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { printable } from "../src/cli/output.js";
import { InputError } from "../src/errors.js";
import { decodeArticle } from "../src/sources/article.js";
import { boeki, FIXTURES, hasSharedData, shared, tempDir } from "./helpers.js";

/** Control characters a terminal acts on: ESC, BEL, NUL, backspace, a lone CR, C1 (CSI), bidi overrides. */
const ACTIVE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

const ARTICLE = "Japan's exports rose 6.1% in November from a year earlier, Ministry of Finance data showed.\n";
const HOSTILE =
  "\u001b]0;pwned\u0007\u001b[2J Japan's exports rose 6.1% in November from a year earlier,\u0000 Ministry of Finance data showed.\r" +
  "\u009b31m\u202eevil\u202c\b\b\bsafe\n";

describe("text injection and encodings", () => {
  const dir = tempDir();
  const db = path.join(dir, "store.duckdb");
  beforeAll(() => {
    const result = boeki(["--db", db, "ingest", path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "tidy-small.csv"), "--released", "2025-12-17"]);
    expect(result.code, result.stderr).toBe(0);
  });
  const article = (name: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const checkJson = (file: string, ...more: string[]) => boeki(["--db", db, "--json", "check", file, "--date", "2025-12-17", ...more]);

  it("strips what the terminal would act on from check's text view, and keeps the claim's place", () => {
    expect(printable(HOSTILE)).not.toMatch(ACTIVE);
    expect(printable(HOSTILE)).toHaveLength(HOSTILE.length); // one stand-in per character: offsets hold
    expect(printable("a\r\nb\tc")).toBe("a\r\nb\tc");
    const file = article("hostile.txt", HOSTILE);
    const shown = boeki(["--db", db, "check", file, "--date", "2025-12-17"]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(ACTIVE);
    expect(shown.stdout).toContain("␛]0;pwned␇␛[2J");
    expect(shown.stdout).toMatch(/rose 6\.1%\[1✓\]/); // the claim is still marked, and supported
    const json = JSON.parse(checkJson(file).stdout);
    expect(HOSTILE.slice(json.claims[0].start, json.claims[0].end)).toBe("6.1%"); // JSON offsets into the input as it was
  });

  it("an error quoting a file's first line quotes no escape or NUL", () => {
    const file = article("binary.csv", Buffer.from("\u001b]0;pwned\u0007\u0000\u0000\u0001garbage,\u001b[31mred\n1,2\n", "latin1"));
    const result = boeki(["--db", db, "ingest", file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/binary\.csv:1: cannot tell the format from the first line "␛]0;pwned␇␀␀␁garbage,␛\[31mred"/);
    expect(result.stderr).not.toMatch(ACTIVE);
  });

  it("reads UTF-16 (either order) and UTF-8 with a byte-order mark as the same article", () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, "utf16le")]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const variants: Record<string, Uint8Array> = {
      "utf-8": Buffer.from(ARTICLE),
      "utf-8 with BOM": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]),
      "utf-16le with BOM": utf16le,
      "utf-16be with BOM": Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
    };
    for (const [name, bytes] of Object.entries(variants)) expect(decodeArticle(bytes, name), name).toBe(ARTICLE);
    const claims = (file: string, ...more: string[]) => JSON.parse(checkJson(file, ...more).stdout).claims.map((c: { text: string; verdict: string }) => [c.text, c.verdict]);
    const expected = claims(article("plain.txt", variants["utf-8"]!));
    expect(expected).toEqual([["6.1%", "supported"]]);
    // Without a mark, UTF-16 is named with the option that reads it, never read as UTF-8 garbage.
    const bare = article("bare.txt", utf16le.subarray(2));
    const refused = boeki(["--db", db, "check", bare]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/bare\.txt: looks like UTF-16 \(little-endian\) without a byte-order mark; pass --encoding utf16le/);
    expect(claims(bare, "--encoding", "utf16le")).toEqual(expected);
    expect(() => decodeArticle(utf16be, "be.txt")).toThrow(/looks like UTF-16 \(big-endian\)/);
  });

  it("names Shift_JIS and a cut UTF-8 character, with the line", () => {
    const japanese = "11月の輸出は前年同月比6.1%増だった。\n";
    const sjis = new Uint8Array([...new TextEncoder().encode("Exports\n")]);
    expect(() => decodeArticle(Buffer.concat([sjis, Buffer.from([0x82, 0xa0, 0x0a])]), "a.txt")).toThrow(/a\.txt:2: is not valid UTF-8 text; the bytes read as Shift_JIS: pass --encoding shift_jis/);
    const cut = Buffer.from(japanese).subarray(0, 4); // "11" and two bytes of 月's three
    expect(() => decodeArticle(cut, "cut.txt")).toThrow(InputError);
    expect(decodeArticle(Buffer.from([0x82, 0xa0]), "x.txt", "shift_jis")).toBe("あ");
  });

  it("check reads regular files only: a FIFO or /dev/zero is refused at once", () => {
    const result = boeki(["--db", db, "check", "/dev/zero"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/\/dev\/zero: is not a regular file .* pipe it to boeki check -/);
  });
});

describe.skipIf(!hasSharedData)("a consensus source typed as HTML", () => {
  it("stays text in the brief's Markdown and HTML; an escape in it is refused", () => {
    const db = path.join(tempDir(), "store.duckdb");
    const series = ["d41ma", "d51ma", "d61ma"].map((k) => shared("mirror", "www.customs.go.jp", "toukei", "suii", "html", "data", `${k}.csv`));
    expect(boeki(["--db", db, "ingest", ...series, "--released", "2026-09-30"]).code).toBe(0);
    const consensus = (source: string) => boeki(["--db", db, "consensus", "set", "2026-08", "--metric", "exports_yoy", "--value", "3.0", "--source", source, "--date", "2026-09-10"]);
    const escape = consensus("Poll\u001b]0;pwned\u0007");
    expect(escape.code).toBe(2);
    expect(escape.stderr).toMatch(/--source: control characters \(escape, NUL, newline …\) are not allowed/);
    expect(escape.stderr).not.toMatch(ACTIVE);
    const set = consensus("<script>alert(1)</script> [poll](javascript:alert(2)) `x` &amp;");
    expect(set.code, set.stderr).toBe(0);

    const md = boeki(["--db", db, "brief", "--month", "2026-08"]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain("\\<script\\>alert(1)\\</script\\> \\[poll\\](javascript:alert(2)) \\`x\\` \\&amp;");
    // Outside code spans (where Markdown shows everything literally, as the fact id is), nothing is live.
    expect(md.stdout).toContain("`` consensus/export/world/total/2026-08/<script>alert(1)</script> [poll](javascript:alert(2)) `x` &amp; ``");
    expect(md.stdout.replace(/`` .*? ``/g, "")).not.toMatch(/<script>|\[poll\]\(|(^|[^\\])`x/);
    const html = boeki(["--db", db, "brief", "--month", "2026-08", "--format", "html"]);
    expect(html.stdout).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.stdout).not.toContain("<script>");
  });
});
