// The release story: brief.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import { brief, chartPng, toHtml, toJson, toMarkdown } from "../../brief/index.js";
import { globals, withStore } from "../context.js";

export function registerBriefCommand(program: Command): void {
  program
    .command("brief")
    .description("the release story, wire style, every number traced to its fact; the key figures after it (\"By the numbers\"); with charts")
    .requiredOption("--month <month>", "YYYY-MM")
    .option("--as-of <date>", "YYYY-MM-DD: the story as it could be written that day")
    .addOption(new Option("--lang <lang>", "language").choices(["en", "ja"]).default("en"))
    .addOption(new Option("--format <format>", "output format").choices(["md", "html", "json"]).default("md"))
    .option("--out <dir>", "write brief.<format> and the charts (SVG) into this folder instead of printing")
    .option("--png", "with --out, also write each chart as PNG", false)
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const format = (o.json ? "json" : o.format) as "md" | "html" | "json";
      const doc = await withStore(cmd, true, (store) =>
        brief(store, o.month as string, { asOf: o.asOf as string | undefined, lang: o.lang as "en" | "ja", charts: format !== "md" || !!o.out }),
      );
      const text = format === "html" ? toHtml(doc) : format === "json" ? JSON.stringify(toJson(doc), null, 2) + "\n" : toMarkdown(doc);
      if (!o.out) return void process.stdout.write(text);
      const dir = o.out as string;
      await mkdir(dir, { recursive: true });
      const written = [path.join(dir, `brief.${format}`)];
      await writeFile(written[0]!, text);
      for (const chart of doc.charts) {
        written.push(path.join(dir, `chart-${chart.id}.svg`));
        await writeFile(written.at(-1)!, chart.svg);
        if (o.png) {
          let png: Uint8Array;
          try {
            png = chartPng(chart);
          } catch (error) {
            console.error(`boeki: chart-${chart.id}.png not written: ${(error as Error).message}`);
            continue;
          }
          written.push(path.join(dir, `chart-${chart.id}.png`));
          await writeFile(written.at(-1)!, png);
        }
      }
      console.error(`wrote ${written.join(", ")}`);
    });

}
