// Judging an article: check.

import { Command, Option } from "commander";
import { ARTICLE_ENCODINGS, decodeArticle, MAX_ARTICLE_BYTES, type ArticleEncoding } from "../../sources/article.js";
import { InputError } from "../../errors.js";
import { regularFile } from "../../sources/input-file.js";
import { globals, withStore } from "../context.js";
import { printable, printJson } from "../output.js";

/** The article's bytes: a regular file (never a FIFO or a device, which could not end) or standard input, bounded. */
async function readArticle(file: string): Promise<Uint8Array> {
  const { readFile } = await import("node:fs/promises");
  if (file === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length;
      if (size > MAX_ARTICLE_BYTES) throw new InputError({ file: "standard input" }, `holds more than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB; boeki checks articles of up to that size`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
  const info = await regularFile(file, { folder: "name the article's file", stream: "save the article to a file, or pipe it to boeki check -" });
  if (info.size > MAX_ARTICLE_BYTES) throw new InputError({ file }, `is ${(info.size / 1024 / 1024).toFixed(1)} MB; boeki checks articles of up to ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  return readFile(file);
}

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("judge every trade figure in an article against the data as they stood on its date")
    .argument("<file>", "the article as text (UTF-8, or UTF-16 with a byte-order mark); - reads standard input")
    .option("--date <date>", "YYYY-MM-DD the article was published (default: a date found in the text)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "html"]).default("text"))
    .addOption(new Option("--encoding <encoding>", "the article's encoding, when it has no byte-order mark and is not UTF-8").choices(ARTICLE_ENCODINGS))
    .action(async (file: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const { articleDate, check } = await import("../../claims/index.js");
      const render = await import("../../claims/render.js");
      const text = decodeArticle(await readArticle(file), file === "-" ? "standard input" : file, o.encoding as ArticleEncoding | undefined);
      const { from } = articleDate(text, o.date as string | undefined);
      const result = await withStore(cmd, true, (store) => check(store, text, { date: o.date as string | undefined }));
      if (o.json) return printJson(result);
      if (o.format === "html") return void process.stdout.write(printable(render.toHtml(text, result)));
      // The article's own control characters (an ANSI escape retitling the window, a NUL) never reach the terminal;
      // each becomes one visible character, so the claims' offsets still fall where they did.
      const shown = { ...result, claims: result.claims.map((c) => ({ ...c, text: printable(c.text) })) };
      process.stdout.write(render.toTerminal(printable(text), shown, { color: process.stdout.isTTY, dateFrom: from === "option" ? "given" : "found in the text" }));
    });

}
