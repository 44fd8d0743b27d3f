// Reading article text without the store: sentences, dates, numbers in every form, clauses and their subjects,
// streak phrasing, months, kinds — and that reading stays linear in the text (issue #9 item 6).

import { describe, expect, it } from "vitest";
import { clausesOf } from "./clauses.js";
import { extractClaims, type ExtractedClaim } from "./extract.js";
import { joinRanges, readMentions } from "./numbers.js";
import { dateInText, sentences } from "./text.js";

const read = (text: string, date = "2025-12-17") => extractClaims(text, { date });
const brief = (c: ExtractedClaim) => [c.text, c.kind, c.metric, c.flow, c.partner, c.commodity, c.period, c.value];

describe("article text", () => {
  it("splits web text into sentences, including ones run together, but not at U.S.", () => {
    const text = "Japan had a deficit of ¥117.6 billion in the trade balanceAccording to the ministry it narrowed. Exports to the U.S. rose 8.8%.";
    expect(sentences(text).map((s) => s.text)).toEqual([
      "Japan had a deficit of ¥117.6 billion in the trade balance",
      "According to the ministry it narrowed.",
      "Exports to the U.S. rose 8.8%.",
    ]);
  });
  it("finds the article's date in English, ISO and Japanese forms", () => {
    expect(dateInText("TOKYO, December 17, 2025 — Japan's exports")).toBe("2025-12-17");
    expect(dateInText("published 17 Dec 2025")).toBe("2025-12-17");
    expect(dateInText("2024年12月18日 財務省")).toBe("2024-12-18");
    expect(dateInText("no date here")).toBeNull();
  });
});

describe("numbers as articles print them (issue #8 point 1)", () => {
  const values = (s: string) => joinRanges(s, readMentions(s)).map((m) => [s.slice(m.start, m.end), m.kind, (m.sign ?? 1) * m.value, m.decimals, ...(m.high !== undefined ? [m.high] : []), ...(m.approx ? ["approx"] : [])]);
  it("ticker shorthand: JPY 9.152T, JPY -930.5B, ¥-231.77B, -JPY117.6b, 117.6 B. Yen", () => {
    expect(values("JPY 9.152T, JPY -930.5B, ¥-231.77B, -JPY117.6b, 117.6 B. Yen")).toEqual([
      ["JPY 9.152T", "yen", 9152, 0], ["JPY -930.5B", "yen", -930.5, 1], ["¥-231.77B", "yen", -231.77, 2], ["-JPY117.6b", "yen", -117.6, 1], ["117.6 B. Yen", "yen", 117.6, 1],
    ]);
  });
  it("thousands commas are one number, not 152.4: 9,152.4 billion yen", () => {
    expect(values("to 9,152.4 billion yen")).toEqual([["9,152.4 billion yen", "yen", 9152.4, 1]]);
  });
  it("兆 and 億 at their scale: 1兆8169億円 is ¥1,816.9 billion to 0.1, 3223億円 ¥322.3 billion, 9兆円 ¥9,000 billion", () => {
    expect(values("1兆8169億円、3,223億円、9兆7146億円、9兆円")).toEqual([
      ["1兆8169億円", "yen", 1816.9, 1], ["3,223億円", "yen", 322.3, 1], ["9兆7146億円", "yen", 9714.6, 1], ["9兆円", "yen", 9000, -3],
    ]);
  });
  it("approximations: およそ9兆6000億円, nearly 477 billion yen", () => {
    expect(values("およそ9兆6000億円")).toEqual([["9兆6000億円", "yen", 9600, 1, "approx"]]);
    expect(values("nearly 477 billion yen")).toEqual([["477 billion yen", "yen", 477, 0, "approx"]]);
  });
  it("a decimal comma it does not read is left out, not turned into a wrong number: 3,8%", () => {
    expect(values("Die Exporte stiegen um 3,8% im November")).toEqual([]);
  });
  it("ranges and run-together calendar cells: ¥-17.00B to ¥128.30B, Y/Y0.5%-1.4% to 3.9%0.7%", () => {
    expect(values("Balance¥47.60B¥-17.00B to ¥128.30B¥-231.77B")).toEqual([["¥47.60B", "yen", 47.6, 2], ["¥-17.00B to ¥128.30B", "yen", -17, 2, 128.3], ["¥-231.77B", "yen", -231.77, 2]]);
    expect(values("Imports - Y/Y0.5%-1.4% to 3.9%0.7%")).toEqual([["0.5%", "pct", 0.5, 1], ["-1.4% to 3.9%", "pct", -1.4, 1, 3.9], ["0.7%", "pct", 0.7, 1]]);
  });
  it("dollar conversions are read as such, and are not a claim of the statistics", () => {
    expect(read("The deficit was 234.6 billion yen ($1.56 billion) in November.").map((c) => [c.text, c.kind, c.metric])).toEqual([
      ["234.6 billion yen", "data", "balance"], ["$1.56 billion", "other", "conversion"],
    ]);
  });
});

describe("clauses: each number takes the subject of its own clause (point 3)", () => {
  it("splits at while, a participle after a comma, a cause, and at 'and' once a number came", () => {
    const s = "Exports to the U.S. rose 8.0% to ¥1.67 trillion, while imports fell 2.1%, marking the third fall, led by cars, while chips rose 3%";
    expect(clausesOf(s, readMentions(s)).map((c) => [s.slice(c.start, c.end).trim(), c.role])).toEqual([
      ["Exports to the U.S. rose 8.0% to ¥1.67 trillion", "main"],
      ["while imports fell 2.1%", "main"],
      ["marking the third fall", "continuation"],
      ["led by cars", "cause"],
      ["while chips rose 3%", "main"],
    ]);
  });
  it("flow and partner of the clause: exports to the U.S., and imports from it", () => {
    expect(read("Exports to the U.S. rose 8.0% to ¥1.67 trillion, while imports fell 2.1% to ¥1.01 trillion.").map(brief)).toEqual([
      ["8.0%", "data", "yoy_pct", "export", "304", "total", "2025-11", 8],
      ["¥1.67 trillion", "data", "level", "export", "304", "total", "2025-11", 1670],
      ["2.1%", "data", "yoy_pct", "import", "304", "total", "2025-11", -2.1],
      ["¥1.01 trillion", "data", "level", "import", "304", "total", "2025-11", 1010],
    ]);
  });
  it("'those to …' carries the flow over and takes its own partner; a colon and parentheses keep the subject", () => {
    expect(read("Shipments to Western Europe jumped 23.6%, and those to the United States rose 8.8%. Imports from China rose 2.3%.").map((c) => [c.text, c.flow, c.partner, c.value])).toEqual([
      ["23.6%", "export", "area:western_europe", 23.6], ["8.8%", "export", "304", 8.8], ["2.3%", "import", "105", 2.3],
    ]);
    expect(read("Exports to China: −2.4% y/y (prior: 2.1%).").map((c) => [c.text, c.kind, c.partner, c.period, c.value])).toEqual([
      ["−2.4%", "data", "105", "2025-11", -2.4], ["2.1%", "prior", "105", "2025-10", 2.1],
    ]);
  });
  it("a partner named outside a trade role is no partner: U.S. tariffs, China's economy", () => {
    expect(read("Exports fell 2.0% as U.S. tariffs weighed, and China's economy slowed.")[0]).toMatchObject({ partner: "world", flow: "export" });
  });
  it("goods after a partner's sentence are read as that partner's, with the world as the other reading", () => {
    const [cars] = read("Exports to the United States fell 13.3% in September. Automobiles plunged 24.2%.", "2025-10-22").slice(1);
    expect(cars).toMatchObject({ partner: "304", commodity: "pc:70503", period: "2025-09", readings: [{ partner: "world", commodity: "pc:70503" }] });
  });
  it("Japanese: 対米 and 向け are partners; goods named as the cause (などが好調で) are not the subject", () => {
    expect(read("対米貿易収支は7398億円の黒字だった。アジア向けも半導体等電子部品などが好調で4.5%伸びた。").map((c) => [c.text, c.metric, c.partner, c.commodity, c.value])).toEqual([
      ["7398億円", "balance", "304", "total", 739.8], ["4.5%", "yoy_pct", "area:asia", "total", 4.5],
    ]);
  });
  it("balances with a partner: a surplus with, the deficit with … expanded to, in the red with", () => {
    expect(read("Japan logged a surplus of ¥739.8 billion with the United States, while the deficit with China expanded to ¥777.9 billion.").map((c) => [c.metric, c.partner, c.value])).toEqual([
      ["balance", "304", 739.8], ["balance", "105", -777.9],
    ]);
  });
});

describe("kinds, months and forecasters (points 5 and 6)", () => {
  it("month names resolve against the article's date, not the data: December on 2025-01-23 is 2024-12", () => {
    expect(read("Exports rose 2.8% in December.", "2025-01-23")[0]).toMatchObject({ period: "2024-12", kind: "data" });
  });
  it("tells a forecast, a prior month and a non-trade figure from data", () => {
    const claims = read("Outbound shipments rose 6.1 percent year on year, well above the 4.8 percent increase forecast by economists and a clear improvement from October’s 3.6 percent gain. GDP shrank 0.6 percent.");
    expect(claims.map((c) => [c.value, c.kind, c.period])).toEqual([[6.1, "data", "2025-11"], [4.8, "forecast", "2025-11"], [3.6, "prior", "2025-10"], [-0.6, "other", ""]]);
  });
  it("names the forecaster, or the article's own poll from its dateline", () => {
    expect(read("Exports rose 3.9%, missing expectations of a 4.5% rise from economists polled by Reuters.")[1]!.forecaster).toEqual({ key: "reuters", name: "economists polled by Reuters", inferred: false });
    expect(read("TOKYO (Reuters) - Exports rose 4.2%, less than a median market forecast for a 4.6% increase.")[1]!.forecaster).toMatchObject({ key: "reuters", inferred: true });
    expect(read("Exports rose 3.9% against the 4.5% rise Bloomberg economists expected.")[1]!.forecaster).toMatchObject({ key: "bloomberg" });
  });
  it("tariffs, taxes and GDP beside a number are no trade figures, nor is what continues them", () => {
    expect(read("Washington set a baseline 15% tariff on Japanese imports, down from the initial 27.5% on autos.").map((c) => c.kind)).toEqual(["other", "other"]);
  });
  it("reads yen amounts, balances and the year-earlier balance", () => {
    const claims = extractClaims("Japan had a trade deficit of ¥117.6 billion in November, compared with the ¥813.8 billion deficit in the same month the previous year.", { date: "2024-12-18" });
    expect(claims.map((c) => [c.metric, c.value, c.period, c.kind])).toEqual([["balance", -117.6, "2024-11", "data"], ["balance", -813.8, "2023-11", "prior"]]);
  });
  it("'from a year before to ¥9,152.4 billion' is the new level, not the year-earlier one", () => {
    expect(read("Exports increased 3.8 pct from a year before to 9,152.4 billion yen.", "2024-12-18")[1]).toMatchObject({ metric: "level", period: "2024-11", value: 9152.4 });
  });
  it("a full year: 'For the full year, exports totaled 107.1 trillion yen, up 6.2%'", () => {
    expect(read("For the full year, exports totaled 107.1 trillion yen, up 6.2% year-over-year (prior: -6.8%).", "2025-01-23").map((c) => [c.kind, c.metric, c.period, c.value])).toEqual([
      ["data", "level", "2024", 107100], ["data", "yoy_pct", "2024", 6.2], ["prior", "yoy_pct", "2023", -6.8],
    ]);
  });
});

describe("streaks and turning points (point 7)", () => {
  const seq = (text: string, date = "2025-12-17") => read(text, date).map((c) => [c.text, c.metric, c.flow, c.partner, c.value, c.sign]);
  it("English phrasing", () => {
    expect(seq("Exports to the U.S. rose for the first time in eight months.")).toEqual([["first time in eight months", "first_since", "export", "304", 8, "rise"]]);
    expect(seq("Japan posted its first trade surplus in five months.")).toEqual([["first trade surplus in five months", "first_since", "balance", "world", 5, "surplus"]]);
    expect(seq("The balance is projected to return to surplus for the first time in five months.")[0]).toEqual(["first time in five months", "first_since", "balance", "world", 5, "surplus"]);
    expect(seq("It was the second consecutive month of export growth.")).toEqual([["second consecutive month", "streak", "export", "world", 2, "rise"]]);
    expect(seq("Crude oil imports were falling for four months in a row.")).toEqual([["four months in a row", "streak", "import", "world", 4, "fall"]]);
    expect(seq("The import volume marked the first fall in two months.")).toEqual([["first fall in two months", "volume_first_since", "import", "world", 2, "fall"]]);
    expect(seq("The trade balance was in the red for the 44th straight month with China.")).toEqual([["44th straight month", "streak", "balance", "105", 44, "deficit"]]);
    expect(seq("Exports grew at their fastest pace in nine months.")).toEqual([["fastest pace in nine months", "highest_since", "export", "world", 9, "rise"]]);
    expect(seq("Exports to the U.S. rose, the first increase since March.")[0]).toEqual(["first increase since March", "first_since", "export", "304", 8, "rise"]);
  });
  it("Japanese phrasing: 8カ月ぶりに増加に転じた, 5カ月ぶりの黒字, 7カ月ぶりに黒字幅が拡大, 2か月連続", () => {
    expect(seq("米国向け輸出は8カ月ぶりに増加に転じた。貿易収支は5カ月ぶりの黒字。対米貿易収支は7カ月ぶりに黒字幅が拡大した。輸出は2か月連続で増加した。")).toEqual([
      ["8カ月ぶりに増加", "first_since", "export", "304", 8, "rise"],
      ["5カ月ぶりの黒字", "first_since", "balance", "world", 5, "surplus"],
      ["7カ月ぶりに黒字幅が拡大", "balance_change_first_since", "balance", "304", 7, "rise"],
      ["2か月連続", "streak", "export", "world", 2, "rise"],
    ]);
  });
});

describe("reading stays linear in the text (issue #9 item 6)", () => {
  // CPU time, not wall time, and a generous ratio: the point is 50,000 against 8,000 percentages, not a deadline.
  const cpu = (n: number, separator: string) => {
    const text = `Exports rose ${Array.from({ length: n }, (_, i) => `${(i % 97) / 10}%`).join(separator)} in November.`;
    const started = process.cpuUsage();
    const claims = read(text);
    return { claims: claims.length, ms: process.cpuUsage(started).user / 1000 };
  };
  it("one sentence of 50,000 percentages, a clause each, is read whole, in about 6.25 times the time of 8,000", () => {
    cpu(2000, ", "); // warm the regular expressions
    const small = cpu(8000, ", ");
    const large = cpu(50_000, ", ");
    expect([small.claims, large.claims]).toEqual([8000, 50_000]);
    expect(large.ms / small.ms).toBeLessThan(6.25 * 2.5);
  });
  it("and 50,000 in one clause (no commas) are read whole too", () => {
    expect(cpu(50_000, " ").claims).toBe(50_000);
  });
});
