import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { hasSharedData, shared } from "../../../test/helpers.js";
import { AREA_CODES, GROUP_MEMBERSHIPS, commodityProblem, partner, partnerProblem, principalCommodity, PRINCIPAL_COMMODITIES } from "./index.js";
import { COUNTRY_ROWS } from "./countries.js";

describe("code lists", () => {
  it("know the partners the press tables name, with their areas", () => {
    expect(partner("304")).toMatchObject({ nameEn: "United States of America", area: "area:north_america" });
    expect(partner("105")?.area).toBe("area:asia");
    expect(partner("224")?.area).toBe("area:central_eastern_europe_russia");
    expect(partnerProblem("group:eu")).toBeNull();
    expect(partnerProblem("999")).toMatch(/unknown MoF country code 999/);
  });

  it("count the UK in the EU through January 2020 only", () => {
    const uk = GROUP_MEMBERSHIPS.filter((m) => m.partner === "205");
    expect(uk).toEqual([{ group: "group:eu", partner: "205", from: "1973-01", to: "2020-01" }]);
    expect(GROUP_MEMBERSHIPS.filter((m) => m.group === "group:eu" && (m.to === null || m.to >= "2020-02")).length).toBe(27);
    expect(GROUP_MEMBERSHIPS.filter((m) => m.group === "group:asean" && m.from <= "2025-09").length).toBe(10);
  });

  it("tell export codes from import codes", () => {
    expect(principalCommodity("export", "pc:70503")?.nameEn).toBe("MOTOR VEHICLES");
    expect(principalCommodity("import", "pc:70503")?.nameEn).toBe("PARTS OF MOTOR VEHICLES");
    expect(principalCommodity("import", "pc:70501")?.nameJa).toBe("自動車");
    expect(commodityProblem("import", "pc:7050301")).toMatch(/unknown principal-commodity code pc:7050301 for imports/);
    expect(commodityProblem("export", "hs:87032")).toMatch(/2, 4, 6 or 9 digits/);
    expect(commodityProblem("export", "hs:870323929")).toBeNull();
  });

  it("have a parent for every principal commodity but the total", () => {
    for (const c of PRINCIPAL_COMMODITIES) {
      if (c.code === "total") continue;
      expect(principalCommodity(c.flow, c.parent!), `${c.flow} ${c.code}`).toBeDefined();
    }
  });
});

describe.skipIf(!hasSharedData)("code lists against the published lists in ../shared/data", () => {
  it("countries: every code, name and area of the Customs list", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("country-codes", "Countries_liapunov.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const areas: Record<string, string | null> = {
      Asia: "area:asia", "Middle East": "area:middle_east", "Western Europe": "area:western_europe", "Central and East Europe,\nRussia etc.": "area:central_eastern_europe_russia",
      "North America": "area:north_america", "Middle and South America": "area:central_south_america", Africa: "area:africa", Oceania: "area:oceania", "Special Area": null,
    };
    expect(rows.length).toBe(235);
    expect(COUNTRY_ROWS.map(([code, name, area]) => [code, name, area])).toEqual(rows.map((r) => [r.Code, r.Country, areas[r["Geographical Zone"]!]]));
    expect(new Set(COUNTRY_ROWS.map((r) => r[2]).filter(Boolean))).toEqual(new Set(AREA_CODES));
  });

  it("countries: the second, independent list agrees on every shared code's area", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("country-codes", "country_eng_kaggle.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const areas: Record<string, string | null> = {
      Asia: "area:asia", Middle_East: "area:middle_east", Western_Europe: "area:western_europe", Central_and_East_Europe_Russia: "area:central_eastern_europe_russia",
      North_America: "area:north_america", Middle_and_South_America: "area:central_south_america", Africa: "area:africa", Oceania: "area:oceania", Special_Area: null, Integrated_Hozei_Ar_Special_Area: null,
    };
    expect(rows.length).toBe(232);
    for (const r of rows) expect(partner(r.Country!)?.area, `code ${r.Country}`).toBe(areas[r.Area!]);
  });

  it("principal commodities: the codes and names of the d51ma and d61ma headers, in order", () => {
    for (const [file, flow] of [["d51ma.sjis.csv", "export"], ["d61ma.sjis.csv", "import"]] as const) {
      const lines = new TextDecoder("shift_jis").decode(readFileSync(shared("mof-timeseries", file))).split("\r\n");
      const [press, names, codes] = [2, 3, 4].map((i) => Papa.parse<string[]>(lines[i]!).data[0]!);
      const printed = [];
      for (let col = 2; col < codes!.length; col += 2) printed.push({ code: `pc:${codes![col]!.replaceAll("'", "")}`, nameJa: press![col] || names![col] });
      const ours = PRINCIPAL_COMMODITIES.filter((c) => c.flow === flow && c.code !== "total").map((c) => ({ code: c.code, nameJa: c.nameJa }));
      expect(ours).toEqual(printed);
    }
  });
});
