// The release story: brief.

import { stat } from "node:fs/promises";
import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import { globals, withStore } from "../context.js";
import { printable } from "../output.js";
import { writeFilesAtomically, type OutputFile } from "../write-files.js";

export function registerBriefCommand(program: Command): void {
  program
    .command("brief")
    .description("the release story, wire style, every number traced to its fact; the key figures after it (\"By the numbers\"); with charts")
    .option("--month <month>", "YYYY-MM, latest (the default) or latest-N")
    .option("--as-of <date>", "YYYY-MM-DD: the story as it could be written that day")
    .addOption(new Option("--lang <lang>", "language").choices(["en", "ja"]).default("en"))
    .addOption(new Option("--format <format>", "output format").choices(["md", "html", "json"]).default("md"))
    .option("--out <dir>", "write brief.<format> and the charts (SVG) into this folder instead of printing")
    .option("--png", "with --out, also write each chart as PNG", false)
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const format = (o.json ? "json" : o.format) as "md" | "html" | "json";
      const { asOfDate } = await import("../options.js");
      const asOf = asOfDate(o.asOf as string | undefined);
      const { brief, chartPng, toHtml, toJson, toMarkdown } = await import("../../brief/index.js");
      const { resolveMonth } = await import("../../store/months.js");
      const doc = await withStore(cmd, true, async (store) =>
        brief(store, await resolveMonth(store, (o.month as string | undefined) ?? "latest", { asOf }), { asOf, lang: o.lang as "en" | "ja", charts: format !== "md" || !!o.out }),
      );
      const text = format === "html" ? toHtml(doc) : format === "json" ? JSON.stringify(toJson(doc), null, 2) + "\n" : toMarkdown(doc);
      if (!o.out) return void process.stdout.write(format === "json" ? text : printable(text)); // to a terminal: no control character of the data
      const dir = o.out as string;
      if ((await stat(dir).catch(() => null))?.isDirectory() === false) throw new UsageError(`--out: ${dir} is a file; name a folder to write the brief and its charts into`);
      // Everything is rendered first, then written together: the folder holds the whole brief or the one before.
      const files: OutputFile[] = [{ name: `brief.${format}`, data: text }];
      for (const chart of doc.charts) {
        files.push({ name: `chart-${chart.id}.svg`, data: chart.svg });
        if (!o.png) continue;
        try {
          files.push({ name: `chart-${chart.id}.png`, data: chartPng(chart) });
        } catch (error) {
          // A PNG needs a font for the chart's script (Japanese); the SVG is written whatever happens.
          console.error(`boeki: chart-${chart.id}.png not written: ${(error as Error).message}`);
        }
      }
      const written = await writeFilesAtomically(dir, files);
      console.error(`wrote ${written.join(", ")}`);
    });

}
