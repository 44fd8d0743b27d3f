// Judging an article: check.

import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { globals, withStore } from "../context.js";
import { printJson } from "../output.js";

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("judge every trade figure in an article against the data as they stood on its date")
    .argument("<file>", "the article as text (UTF-8); - reads standard input")
    .option("--date <date>", "YYYY-MM-DD the article was published (default: a date found in the text)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "html"]).default("text"))
    .action(async (file: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const { readFile } = await import("node:fs/promises");
      const { articleDate, check } = await import("../../claims/index.js");
      const render = await import("../../claims/render.js");
      const text = file === "-" ? await new Promise<string>((resolve) => {
        let data = "";
        process.stdin.setEncoding("utf8").on("data", (d) => (data += d)).on("end", () => resolve(data));
      }) : await readFile(file, "utf8").catch(() => {
        throw new UsageError(`cannot read ${file}`);
      });
      const { from } = articleDate(text, o.date as string | undefined);
      const result = await withStore(cmd, true, (store) => check(store, text, { date: o.date as string | undefined }));
      if (o.json) return printJson(result);
      process.stdout.write(o.format === "html" ? render.toHtml(text, result) : render.toTerminal(text, result, { color: process.stdout.isTTY, dateFrom: from === "option" ? "given" : "found in the text" }));
    });

}
