// The release story: brief.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command, Option } from "commander";
import { globals, withStore } from "../context.js";

export function registerBriefCommand(program: Command): void {
  program
    .command("brief")
    .description("the release story, wire style, every number traced to its fact; with charts")
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
      if (!o.out) return void process.stdout.write(text);
      const dir = o.out as string;
      await mkdir(dir, { recursive: true });
      const written = [path.join(dir, `brief.${format}`)];
      await writeFile(written[0]!, text);
      for (const chart of doc.charts) {
        written.push(path.join(dir, `chart-${chart.id}.svg`));
        await writeFile(written.at(-1)!, chart.svg);
        if (o.png) {
          written.push(path.join(dir, `chart-${chart.id}.png`));
          await writeFile(written.at(-1)!, chartPng(chart));
        }
      }
      console.error(`wrote ${written.join(", ")}`);
    });

}
