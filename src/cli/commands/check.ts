// Judging an article: check.

import path from "node:path";
import { Command, Option } from "commander";
import { ARTICLE_ENCODINGS, decodeArticle, MAX_ARTICLE_BYTES, type ArticleEncoding } from "../../sources/article.js";
import { InputError, UsageError } from "../../errors.js";
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

const FUTURE = "an article cannot have been published after today, nor judged by data not yet out";

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("judge every trade figure in an article against the data as they stood on its date")
    .argument("<file>", "the article as text (UTF-8, or UTF-16 with a byte-order mark); - reads standard input")
    .option("--date <date>", "YYYY-MM-DD the article was published (default: a date in the text, else in the file name: 2025-12-17-….txt)")
    .option("--month <month>", "the release the article is about (YYYY-MM, latest, latest-N): judged as of the day that month was first published")
    .addOption(new Option("--format <format>", "output format").choices(["text", "html"]).default("text"))
    .addOption(new Option("--encoding <encoding>", "the article's encoding, when it has no byte-order mark and is not UTF-8").choices(ARTICLE_ENCODINGS))
    .action(async (file: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const { pastDate } = await import("../options.js");
      const given = pastDate(o.date as string | undefined, "--date", FUTURE);
      const { articleDate, check } = await import("../../claims/index.js");
      const render = await import("../../claims/render.js");
      const text = decodeArticle(await readArticle(file), file === "-" ? "standard input" : file, o.encoding as ArticleEncoding | undefined);
      const { firstPublished, resolveMonth } = await import("../../store/months.js");
      const { result, dateFrom } = await withStore(cmd, true, async (store) => {
        let date = given;
        let dateFrom = "given";
        if (!date && o.month !== undefined) {
          const month = await resolveMonth(store, o.month as string);
          date = (await firstPublished(store, month)) ?? undefined;
          if (!date) throw new UsageError(`--month ${o.month}: the store holds no world exports for ${month}, so not the day they were published: give --date`);
          dateFrom = `of ${month}'s first release`;
        }
        if (!date) ({ date, dateFrom } = articleDay(text, file, articleDate, pastDate));
        return { result: await check(store, text, { date }), dateFrom };
      });
      if (o.json) return printJson(result);
      if (o.format === "html") return void process.stdout.write(printable(render.toHtml(text, result)));
      // The article's own control characters (an ANSI escape retitling the window, a NUL) never reach the terminal;
      // each becomes one visible character, so the claims' offsets still fall where they did.
      const shown = { ...result, claims: result.claims.map((c) => ({ ...c, text: printable(c.text) })) };
      process.stdout.write(render.toTerminal(printable(text), shown, { color: process.stdout.isTTY, dateFrom }));
    });
}

/**
 * The day an article was published, from its text, else from its file name (`2025-12-17-japan-exports.txt`, as
 * archives save them); a day after today in either is refused, since no data can judge it yet.
 */
function articleDay(
  text: string,
  file: string,
  articleDate: (text: string) => { date: string },
  pastDate: (text: string, optionName: string, why: string) => string | undefined,
): { date: string; dateFrom: string } {
  let inText: string | undefined;
  try {
    inText = articleDate(text).date;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error; // no date in the text: try the file name
  }
  if (inText) return { date: pastDate(inText, "the date in the article", FUTURE)!, dateFrom: "found in the text" };
  const inName = file === "-" ? null : /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/.exec(path.basename(file));
  if (!inName) throw new UsageError("no date in the article nor in its file name: pass --date YYYY-MM-DD (the day it was published), or --month latest");
  return { date: pastDate(inName[1]!, `the date in the file name ${path.basename(file)}`, FUTURE)!, dateFrom: "from the file name" };
}
