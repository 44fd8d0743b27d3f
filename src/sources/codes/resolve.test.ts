import { readFileSync, readdirSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { hasSharedData, shared } from "../../../test/helpers.js";
import { COUNTRY_ROWS } from "./countries.js";
import { COUNTRY_OTHER_NAMES } from "./country-names.js";
import { PARTNERS } from "./index.js";
import { commodityByFlow, editDistance, nameKey, resolveCommodity, resolvePartner, searchCodes } from "./resolve.js";

const usageError = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error("expected a usage error");
};

describe("resolvePartner", () => {
  it("reads the names a user types, in English, Japanese, the Ministry's short names and ISO codes, any case", () => {
    const cases: Record<string, string> = {
      USA: "304", US: "304", "U.S.": "304", "United States": "304", "united states of america": "304", 米国: "304", アメリカ: "304", アメリカ合衆国: "304",
      china: "105", CHINA: "105", 中国: "105", CN: "105", chn: "105", Germany: "213", ドイツ: "213", DE: "213", DEU: "213", "HG KONG": "108", 香港: "108",
      "U ARB E": "147", UAE: "147", EU: "group:eu", "(EU)": "group:eu", ＥＵ: "group:eu", "european union": "group:eu", Asia: "area:asia", アジア: "area:asia",
      "W. Europe": "area:western_europe", "western europe": "area:western_europe", 西欧: "area:western_europe", ASEAN: "group:asean",
      "Latin America": "area:central_south_america", 中南米: "area:central_south_america", Britain: "205", 英国: "205", "R KOREA": "103", Korea: "103",
      "The Bahamas": "315", Bahamas: "315", Azores: "216", world: "world", 世界: "world", "304": "304", "area:ASIA": "area:asia", "group:eu": "group:eu",
    };
    for (const [text, code] of Object.entries(cases)) expect(resolvePartner(text), text).toBe(code);
  });

  it("refuses an unknown name with the nearest ones, an ambiguous one with its candidates", () => {
    expect(usageError(() => resolvePartner("Germny"))).toMatch(/unknown partner "Germny"; nearest: Germany \(213\)/);
    expect(usageError(() => resolvePartner("Austr"))).toMatch(/nearest: Austria \(225\), Australia \(601\)/);
    expect(usageError(() => resolvePartner("Europe"))).toMatch(/"Europe" is ambiguous: it may be Western Europe \(area:western_europe\), EU \(group:eu\)/);
    expect(usageError(() => resolvePartner("Congo"))).toMatch(/Republic of Congo \(532\), Democratic Republic of Congo \(533\)/);
    expect(usageError(() => resolvePartner("999"))).toMatch(/unknown MoF country code 999/);
    expect(usageError(() => resolvePartner(" "))).toMatch(/found nothing/);
  });

  it("has no name that means two partners by accident", () => {
    // Every ambiguity is one of the deliberate ones in aliases.ts.
    const ambiguous = ["europe", "欧州", "ヨーロッパ", "congo", "virginislands"];
    for (const p of PARTNERS) {
      for (const name of [p.nameEn]) {
        const key = nameKey(name);
        if (ambiguous.includes(key)) continue;
        expect(resolvePartner(name), name).toBe(p.code);
      }
    }
    for (const [code, nameJa, iso2, iso3] of COUNTRY_OTHER_NAMES) {
      for (const name of [nameJa, iso2, iso3].filter((n): n is string => n !== null)) expect(resolvePartner(name), name).toBe(code);
    }
  });

  it("knows a Japanese name and ISO codes for every country code, each ISO code once", () => {
    expect(COUNTRY_OTHER_NAMES.map((r) => r[0])).toEqual(COUNTRY_ROWS.map((r) => r[0]));
    const iso = COUNTRY_OTHER_NAMES.flatMap((r) => [r[2], r[3]]).filter((c) => c !== null);
    expect(new Set(iso).size).toBe(iso.length);
    expect(new Set(COUNTRY_OTHER_NAMES.map((r) => r[1])).size).toBe(COUNTRY_OTHER_NAMES.length);
  });
});

describe("resolveCommodity", () => {
  it("reads principal commodities by name for a flow, and HS codes however written", () => {
    const exports: Record<string, string> = {
      cars: "pc:70503", "motor vehicles": "pc:70503", "MOTOR VEHICLES": "pc:70503", 自動車: "pc:70503", "passenger cars": "pc:7050301", "(CAR)": "pc:7050301",
      semiconductors: "pc:70323", chips: "pc:70323", 半導体等電子部品: "pc:70323", "chip equipment": "pc:70131", "SEMICON MACHINERY ETC": "pc:70131",
      foodstuff: "pc:0+1", "1 FOODSTUFF": "pc:0+1", 食料品: "pc:0+1", steel: "pc:611", total: "total", "Grand Total": "total",
      "pc:70503": "pc:70503", "70503": "pc:70503", "0+1": "pc:0+1", "hs:8703": "hs:8703", "HS8703": "hs:8703", "8703": "hs:8703", "8703.23": "hs:870323", "hs:870323910": "hs:870323910",
    };
    for (const [text, code] of Object.entries(exports)) expect(resolveCommodity(text, "export"), text).toBe(code);
    expect(resolveCommodity("cars", "import")).toBe("pc:70501");
    expect(resolveCommodity("semiconductors", "import")).toBe("pc:70311");
    expect(resolveCommodity("LNG")).toBe("pc:3050103");
    expect(resolveCommodity("crude oil")).toBe("pc:30301");
    expect(commodityByFlow("motor vehicles")).toEqual({ export: "pc:70503", import: "pc:70501" });
    expect(commodityByFlow("LNG")).toEqual({ import: "pc:3050103" });
  });

  it("refuses what it cannot read, saying why", () => {
    expect(usageError(() => resolveCommodity("cars"))).toMatch(/"cars" means different codes in exports and imports: MOTOR VEHICLES \(pc:70503\) in exports, MOTOR VEHICLES \(pc:70501\) in imports; give --flow/);
    expect(usageError(() => resolveCommodity("LNG", "export"))).toMatch(/"LNG" has no export series: it is LNG \(pc:3050103\) in imports/);
    expect(usageError(() => resolveCommodity("carz", "export"))).toMatch(/unknown commodity "carz"; nearest: .*MOTOR VEHICLES \(pc:70503\)/);
    expect(usageError(() => resolveCommodity("hs:870"))).toMatch(/must have 2, 4, 6 or 9 digits/);
    expect(usageError(() => resolveCommodity("pc:70131", "import"))).toMatch(/no import series: it is SEMICON MACHINERY ETC \(pc:70131\) in exports/);
  });
});

describe("searchCodes", () => {
  it("finds partners and goods by part of any name", () => {
    expect(searchCodes("germ").partners.map((p) => [p.code, p.nameJa])).toEqual([["213", "ドイツ"]]);
    expect(searchCodes("自動車").commodities.map((c) => `${c.flow} ${c.code}`)).toEqual(["export pc:70503", "export pc:70505", "export pc:7050701", "import pc:70501", "import pc:70503"]);
    expect(searchCodes("Germny").partners.map((p) => p.code)).toEqual(["213"]); // nothing contains it: the nearest
  });

  it("measures edits", () => {
    expect(editDistance("germny", "germany")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "xyzxyz", 2)).toBe(3);
  });
});

describe.skipIf(!hasSharedData)("names against the published lists in ../shared/data", () => {
  it("the second Customs list's names (underscored) read as their codes", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("country-codes", "country_eng_kaggle.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBe(232);
    // The list is from 2016: its older names (Swaziland, Former Yugoslav Republic of Macedonia) must read too.
    for (const r of rows) expect(resolvePartner(r.Country_name!.replaceAll("_", " ")), r.Country_name).toBe(r.Country);
  });

  it("the by-area time series' titles (《米国》 USA, 《ロシア》 RUSSIAN …) read as the partners they hold", () => {
    const expected = ["304", "group:eu", "area:asia", "105", "103", "group:asean", "area:middle_east", "224"];
    const dir = shared("mof-timeseries-by-area");
    const files = readdirSync(dir).filter((f) => /^d[56]2ma00\d\.csv$/.test(f)).sort();
    expect(files.length).toBe(16);
    for (const file of files) {
      const [ja, en] = readFileSync(`${dir}/${file}`, "utf8").split("\n", 2).map((l) => l.split(",")[0]!);
      const code = expected[Number(file.slice(6, 8)) - 1];
      expect(resolvePartner(/《(.+)》/.exec(ja!)![1]!), `${file} ${ja}`).toBe(code);
      expect(resolvePartner(en!.replace(/\s+Monthly Data.*$/, "")), `${file} ${en}`).toBe(code);
    }
  });
});
