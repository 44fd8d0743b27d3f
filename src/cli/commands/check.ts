// Judging an article: check.

import path from "node:path";
import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { globals, withStore } from "../context.js";
import { printJson } from "../output.js";

const FUTURE = "an article cannot have been published after today, nor judged by data not yet out";

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("judge every trade figure in an article against the data as they stood on its date")
    .argument("<file>", "the article as text (UTF-8); - reads standard input")
    .option("--date <date>", "YYYY-MM-DD the article was published (default: a date in the text, else in the file name: 2025-12-17-….txt)")
    .option("--month <month>", "the release the article is about (YYYY-MM, latest, latest-N): judged as of the day that month was first published")
    .addOption(new Option("--format <format>", "output format").choices(["text", "html"]).default("text"))
    .action(async (file: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const { pastDate } = await import("../options.js");
      const given = pastDate(o.date as string | undefined, "--date", FUTURE);
      const { readFile } = await import("node:fs/promises");
      const { articleDate, check } = await import("../../claims/index.js");
      const render = await import("../../claims/render.js");
      const text = file === "-" ? await new Promise<string>((resolve) => {
        let data = "";
        process.stdin.setEncoding("utf8").on("data", (d) => (data += d)).on("end", () => resolve(data));
      }) : await readFile(file, "utf8").catch(() => {
        throw new UsageError(`cannot read ${file}`);
      });
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
      process.stdout.write(o.format === "html" ? render.toHtml(text, result) : render.toTerminal(text, result, { color: process.stdout.isTTY, dateFrom }));
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
