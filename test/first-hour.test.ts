// The first hour of a new user (issue #10), each thing typed as a person types it: partners and goods by name,
// `latest`, output to take away, bad and future dates, release dates that stay right, readable figures, --version,
// completion. Most run the CLI's main() in process (parsing, messages, exit codes); a few start the real binary.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { open } from "../src/index.js";
import { series } from "../src/store/read.js";
import { boeki, boekiInProcess, FIXTURES, hasSharedData, REPO, shared, tempDir } from "./helpers.js";

type Run = Awaited<ReturnType<typeof boekiInProcess>>;
const parsed = (r: Run) => JSON.parse(r.stdout);
const values = (r: Run) => (parsed(r) as Array<{ period: string; value: number }>).map((p) => [p.period, p.value]);

describe("boeki as a new user types it, on our small fixtures", () => {
  const dir = tempDir();
  const db = path.join(dir, "fixtures.duckdb");
  const run = (...args: string[]) => boekiInProcess(["--db", db, ...args]);
  const article = path.join(dir, "exports.txt");
  writeFileSync(article, "Exports rose 6.1% in November from a year earlier.\n");

  beforeAll(async () => {
    const r = await run("ingest", path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "tidy-small.csv"), "--released", "2025-12-17");
    expect(r.code, r.stderr).toBe(0);
  });

  it("refuses a day that is not on the calendar with a usage error naming the option, in every command that takes a day", async () => {
    const d41ma = path.join(FIXTURES, "d41ma-small.sjis.csv");
    const cases = [
      ["series", "--as-of", "2025-02-30"],
      ["figures", "--as-of", "2025-02-30"],
      ["brief", "--as-of", "2025-02-30"],
      ["export", "--out", path.join(dir, "x.csv"), "--as-of", "2025-02-30"],
      ["consensus", "list", "2025-11", "--as-of", "2025-02-30"],
      ["consensus", "set", "2025-11", "--metric", "exports_yoy", "--value", "4.8", "--source", "Reuters poll", "--date", "2025-02-30"],
      ["check", article, "--date", "2025-02-30"],
      ["ingest", d41ma, "--released", "2025-02-30"],
      ["update", "--mirror", path.join(dir, "no-mirror"), "--released", "2025-02-30"],
    ];
    for (const args of cases) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^boeki: --(as-of|date|released): 2025-02-30 is not a day of the calendar \(February 2025 has 28 days\)$/m);
    }
    expect((await run("ingest", d41ma, "--through", "2025-13")).stderr).toMatch(/--through: expected a month as YYYY-MM, found "2025-13"/);
    expect((await run("series", "--last", "two")).stderr).toMatch(/--last: expected a whole number of months/);
  });

  it("refuses a future day where none can be true, answers a future --as-of with a warning, and exits 2 for a month not released", async () => {
    const refused = [
      ["check", article, "--date", "2099-01-01"],
      ["ingest", path.join(FIXTURES, "d41ma-small.sjis.csv"), "--released", "2099-01-01"],
      ["consensus", "set", "2025-11", "--metric", "exports_yoy", "--value", "4.8", "--source", "Reuters poll", "--date", "2099-01-01"],
    ];
    for (const args of refused) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/2099-01-01 is after today \(\d{4}-\d{2}-\d{2} in Japan\): /);
    }
    const future = await run("--json", "series", "--as-of", "2099-01-01");
    expect(future.code).toBe(0);
    expect(future.stderr).toMatch(/warning: --as-of 2099-01-01 is after today .*the answer is the store as it stands now/);
    expect(values(future)).toEqual(values(await run("--json", "series")));
    for (const command of ["figures", "brief"]) {
      const notOut = await run(command, "--month", "2027-03");
      expect(notOut.code, command).toBe(2);
      expect(notOut.stderr).toMatch(/--month 2027-03: the store has no figures for 2027-03 \(not released yet, or not ingested: boeki update\); it holds 2024-10 to 2025-11/);
    }
  });

  it("reads an article's date from its file name when the text has none", async () => {
    const named = path.join(dir, "2025-12-18-japan-exports.txt");
    writeFileSync(named, readFileSync(article));
    const r = await run("--json", "check", named);
    expect(r.code, r.stderr).toBe(0);
    expect(parsed(r).date).toBe("2025-12-18");
    expect((await run("check", named)).stdout).toMatch(/checked against the data as of 2025-12-18 \(date from the file name\)/);
    const none = await run("check", article);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no date in the article nor in its file name: pass --date YYYY-MM-DD/);
    const ahead = path.join(dir, "2025-12-18-ahead.txt");
    writeFileSync(ahead, "2099-12-17: Exports rose 6.1% in November.\n");
    expect((await run("check", ahead)).stderr).toMatch(/the date in the article: 2099-12-17 is after today/);
  });

  it("has the library's series() take the CLI's defaults and names", async () => {
    const store = await open(db, { readOnly: true });
    try {
      const world = await series(store, { from: "2025-11", to: "2025-11" });
      expect(world.map((p) => [p.measure, p.value])).toEqual([["value", 9_714_672_000]]); // the tidy press row, released the same day, later release
      expect(await series(store, { partner: "USA", from: "2025-11" })).toEqual(await series(store, { partner: "304", from: "2025-11" }));
      await expect(series(store, { partner: "Germny" })).rejects.toThrow(/unknown partner "Germny"; nearest: Germany \(213\)/);
    } finally {
      store.close();
    }
  });

  it("prints its version, and completes commands, options and their values in bash (and zsh reads its script)", async () => {
    const version = boeki(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).version);
    const script = path.join(dir, "boeki.bash");
    writeFileSync(script, (await run("completion", "bash")).stdout);
    const complete = (words: string) =>
      spawnSync("bash", ["-c", `source ${script}; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _boeki; echo "\${COMPREPLY[*]}"`], { encoding: "utf8" }).stdout.trim();
    expect(complete("boeki se")).toBe("series serve");
    expect(complete("boeki series --fl")).toBe("--flow");
    expect(complete("boeki series --flow ''")).toBe("export import balance");
    expect(complete("boeki --db x.duckdb figures --month l")).toBe("latest latest-1 latest-2");
    expect(complete("boeki consensus set --metric ''")).toBe("exports_yoy imports_yoy balance");
    expect(complete("boeki completion ''")).toBe("bash zsh");
    expect((await run("completion", "fish")).code).toBe(2);
    const zsh = spawnSync("zsh", ["--version"]);
    if (zsh.error) return console.warn("[boeki tests] zsh is not installed: the zsh completion script's syntax is not checked");
    const zshScript = path.join(dir, "_boeki");
    writeFileSync(zshScript, (await run("completion", "zsh")).stdout);
    expect(spawnSync("zsh", ["-n", zshScript], { encoding: "utf8" }).status).toBe(0);
  });
});

describe.skipIf(!hasSharedData)("boeki as a new user types it, on the Ministry's real files", () => {
  const dir = tempDir();
  const db = path.join(dir, "real.duckdb");
  const run = (...args: string[]) => boekiInProcess(["--db", db, ...args]);
  const timeSeries = ["d41ma", "d51ma", "d61ma"].map((f) => shared("mof-timeseries", `${f}.sjis.csv`));
  // A mirror whose files keep a time (as `rsync -t` keeps it): 1 October 2026 in Japan.
  const mirror = path.join(dir, "mirror");

  beforeAll(async () => {
    for (const kind of ["d41ma", "d51ma", "d61ma"]) {
      const target = path.join(mirror, "www.customs.go.jp/toukei/suii/html/data", `${kind}.csv`);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(shared("mirror", "www.customs.go.jp/toukei/suii/html/data", `${kind}.csv`), target);
      utimesSync(target, new Date("2026-10-01T00:00:00Z"), new Date("2026-10-01T00:00:00Z"));
    }
    for (const args of [
      ["update", "--mirror", mirror],
      ["ingest", shared("mof-press-release", "tidy", "press_area_country.tidy.csv"), "--dataset", "mof.press"],
      ["ingest", shared("mof-press-release", "xml", "press_2025114en.xml"), shared("mof-press-release", "press_headline_totals.csv"), shared("mof-press-release", "press_2025-11_principal_commodity_world.csv")],
    ]) {
      const r = await run(...args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
    }
  });

  it("dates the time series when the README's ingest brings the same bytes with --released, and as-of answers follow", async () => {
    const dated = parsed(await run("--json", "releases")).filter((r: { dataset: string }) => r.dataset.startsWith("mof.d"));
    expect(dated.map((r: { released: string }) => r.released)).toEqual(["2026-10-01", "2026-10-01", "2026-10-01"]); // the mirror's file times
    const august = ["--json", "series", "--from", "2026-08", "--to", "2026-08", "--measure", "value", "--as-of", "2026-09-30"];
    expect(parsed(await run(...august))).toMatchObject([{ dataset: "mof.press", stage: "provisional" }]); // the time series were not out yet

    const again = await run("ingest", ...timeSeries, "--released", "2026-09-30");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/d41ma\.sjis\.csv: the same bytes were ingested before \(release 1\); release 1 now dated 2026-09-30 \(was 2026-10-01\); no observation changed/);
    // As of 30 September the revised series stands, with the time series' August exports.
    expect(parsed(await run(...august))).toMatchObject([{ stage: "revised", value: 10_043_269_534, released: "2026-09-30" }]);
    // update again keeps the user's date: the mirror's file time only fills an unknown one.
    expect((await run("update", "--mirror", mirror)).stdout).toMatch(/d41ma\.csv: the same bytes were ingested before \(release 1\); nothing changed/);
    expect(parsed(await run("--json", "releases")).slice(0, 3).map((r: { released: string }) => r.released)).toEqual(["2026-09-30", "2026-09-30", "2026-09-30"]);
  });

  it("takes partners by name in English, Japanese, the Ministry's short names and ISO codes, and refuses unknown ones with the nearest", async () => {
    // November 2025 exports to the USA, as the Ministry's release printed them: ¥1,816,875 million.
    for (const name of ["USA", "US", "United States", "米国", "アメリカ", "usa", "U.S.", "304"]) {
      expect(values(await run("--json", "series", "--partner", name, "--from", "2025-11", "--to", "2025-11")), name).toEqual([["2025-11", 1_816_875_000]]);
    }
    expect(values(await run("--json", "series", "--partner", "china", "--from", "2025-11", "--to", "2025-11"))).toEqual([["2025-11", 1_622_229_000]]);
    expect(values(await run("--json", "series", "--partner", "Germany", "--from", "2025-11", "--to", "2025-11"))).toEqual([["2025-11", 238_722_000]]);
    for (const [name, code] of [["EU", "group:eu"], ["Asia", "area:asia"], ["W. Europe", "area:western_europe"], ["HG KONG", "108"], ["DEU", "213"]]) {
      const byName = values(await run("--json", "series", "--partner", name!, "--from", "2025-11", "--to", "2025-11"));
      expect(byName.length, name).toBe(1);
      expect(byName, name).toEqual(values(await run("--json", "series", "--partner", code!, "--from", "2025-11", "--to", "2025-11")));
    }
    const typo = await run("series", "--partner", "Germny");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^boeki: --partner: unknown partner "Germny"; nearest: Germany \(213\)/);
    expect(typo.stdout).not.toMatch(/no observations/);
    expect((await run("series", "--partner", "Europe")).stderr).toMatch(/"Europe" is ambiguous: it may be Western Europe \(area:western_europe\), EU \(group:eu\)/);
  });

  it("takes goods by name, read in each flow's own codes", async () => {
    // Motor vehicle exports, November 2025 (d51ma): ¥1,513,570,500 thousand.
    for (const name of ["cars", "motor vehicles", "自動車", "MOTOR VEHICLES", "pc:70503"]) {
      const r = await run("--json", "series", "--commodity", name, "--measure", "value", "--from", "2025-11", "--to", "2025-11");
      expect(values(r), name).toEqual([["2025-11", 1_513_570_500]]);
    }
    const imports = (commodity: string) => run("--json", "series", "--flow", "import", "--commodity", commodity, "--measure", "value", "--from", "2025-11", "--to", "2025-11");
    expect(values(await imports("cars"))).toEqual(values(await imports("pc:70501")));
    expect(values(await imports("semiconductors"))).toEqual(values(await imports("pc:70311")));
    expect(values(await imports("LNG"))).toEqual(values(await imports("pc:3050103")));
    const wrong = await run("series", "--commodity", "carz");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--commodity: unknown commodity "carz"; nearest: .*MOTOR VEHICLES \(pc:70503\)/);
  });

  it("prints codes with Japanese names beside English, and searches them", async () => {
    expect((await run("codes", "germ")).stdout).toMatch(/213\s+Germany\s+ドイツ\s+DE\s+DEU/);
    const cars = (await run("codes", "自動車")).stdout;
    expect(cars).toMatch(/export\s+pc:70503\s+MOTOR VEHICLES\s+自動車/);
    expect(cars).toMatch(/import\s+pc:70503\s+PARTS OF MOTOR VEHICLES\s+自動車の部分品/);
    expect(parsed(await run("--json", "codes", "米国")).partners.map((p: { code: string }) => p.code)).toEqual(["304"]);
  });

  it("understands latest: figures with no --month, latest-1, brief and check of the latest release", async () => {
    expect((await run("figures")).stdout.split("\n")[0]).toBe("Japan's trade in August 2026, as now held: the main figures");
    expect((await run("figures", "--month", "latest-1")).stdout.split("\n")[0]).toMatch(/^Japan's trade in July 2026/);
    const released = await run("figures", "--month", "latest", "--as-of", "2025-12-20");
    expect(released.stdout).toMatch(/^Japan's trade in November 2025, as of 2025-12-20/);
    expect(released.stdout).toMatch(/2025-11\s+exports\s+¥9\.71 trillion\s+\+6\.1%/);
    expect(released.stdout).toMatch(/2025-11\s+imports\s+¥9\.39 trillion\s+\+1\.3%/);
    const story = await run("brief", "--month", "latest", "--as-of", "2025-12-17");
    expect(story.code, story.stderr).toBe(0);
    expect(story.stdout).toMatch(/6\.1%/);
    const checked = await run("--json", "check", shared("..", "articles", "2025-12-17-japan-exports-november-2025.txt"), "--month", "2025-11");
    expect(parsed(checked).date).toBe("2025-12-17"); // the day November's figures were first published
  });

  it("prints series of several partners as long rows or one column each, the last months, and balances", async () => {
    const last = parsed(await run("--json", "series", "--last", "24", "--measure", "value")) as Array<{ period: string }>;
    expect(last.length).toBe(24);
    expect([last[0]!.period, last.at(-1)!.period]).toEqual(["2024-09", "2026-08"]);

    const exports = values(await run("--json", "series", "--measure", "value", "--from", "2025-11", "--to", "2025-11"))[0]![1] as number;
    const imports = values(await run("--json", "series", "--flow", "import", "--measure", "value", "--from", "2025-11", "--to", "2025-11"))[0]![1] as number;
    const balance = values(await run("--json", "series", "--flow", "balance", "--from", "2025-11", "--to", "2025-11"))[0]![1] as number;
    expect(balance).toBe(exports - imports);
    expect(Math.round(balance / 100_000) / 10).toBe(306.0); // ¥306.0 billion surplus, as revised

    const csv = await run("series", "--partner", "USA,China", "--from", "2025-11", "--to", "2025-11", "--format", "csv");
    expect(csv.stdout.split("\n").slice(0, 3)).toEqual([
      "period,flow,partner,commodity,measure,value,unit,stage,released,dataset,releaseId",
      expect.stringMatching(/^2025-11,export,304,total,value,1816875000,JPY_thousand,provisional,2025-12-17,mof\.press,\d+$/),
      expect.stringMatching(/^2025-11,export,105,total,value,1622229000,JPY_thousand,/),
    ]);
    const wide = path.join(dir, "usa-china.csv");
    const written = await run("series", "--partner", "USA", "--partner", "中国", "--from", "2025-10", "--to", "2025-11", "--wide", "--out", wide);
    expect(written.stderr).toMatch(/wrote .*usa-china\.csv \(csv, 2 rows\)/);
    expect(readFileSync(wide, "utf8")).toBe("period,304,105\n2025-10,1754030000,1710092000\n2025-11,1816875000,1622229000\n");
    const table = (await run("series", "--partner", "USA,China", "--last", "2", "--wide")).stdout;
    expect(table).toMatch(/^period\s+304\s+105$/m);
    expect(table).toMatch(/304 = United States of America; 105 = People's Republic of China/);
  });

  it("writes series and figures as Parquet with whole numbers as integers, and figures as CSV, one row a figure", async () => {
    const file = path.join(dir, "usa.parquet");
    expect((await run("series", "--partner", "USA", "--last", "3", "--measure", "value", "--format", "parquet", "--out", file)).code).toBe(0);
    const store = await open(":memory:");
    try {
      const rows = await store.rows<{ t: string; v: number }>(`SELECT typeof(value) AS t, value AS v FROM '${file}' ORDER BY period`);
      expect(rows.map((r) => r.t)).toEqual(["BIGINT", "BIGINT", "BIGINT"]);
    } finally {
      store.close();
    }
    const facts = parsed(await run("--json", "figures", "--month", "2025-11")).facts as Array<{ id: string }>;
    const csvFile = path.join(dir, "figures.csv");
    await run("figures", "--month", "2025-11", "--format", "csv", "--out", csvFile);
    const lines = readFileSync(csvFile, "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(facts.length + 1);
    expect(lines).toContain("level/export/world/total/2025-11,2025-11,level,export,world,total,9708885255,JPY_thousand,,,mof.d51ma,revised,2026-09-30,2,,,");
  });

  it("prints figures in about a screen by default, with a period column, and every one with --all", async () => {
    const summary = (await run("figures", "--month", "2025-11")).stdout;
    expect(summary.split("\n").length).toBeLessThan(70);
    expect(summary).toMatch(/^period\s+flow\s+value\s+y\/y/m);
    expect(summary).toMatch(/2025-11\s+exports\s+¥9\.71 trillion\s+\+6\.1%/);
    expect(summary).toMatch(/2025-11\s+United States of America\s+¥1\.82 trillion\s+\+8\.8%/);
    expect(summary).toMatch(/--all prints every one/);
    const all = (await run("figures", "--month", "2025-11", "--all")).stdout;
    expect(all.split("\n").length).toBeGreaterThan(1000);
    expect(all).toMatch(/^2025-11\s+export\s+World\s+total\s+yoy pct\s+\+6\.1%/m);
  });
});
