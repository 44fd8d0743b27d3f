// Reading article text without the store: sentences, dates and the claims' metric, flow, partner, goods and kind.

import { describe, expect, it } from "vitest";
import { extractClaims } from "./extract.js";
import { dateInText, sentences } from "./text.js";

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

describe("claims", () => {
  const only = (text: string) => extractClaims(text, "2025-11");
  it("reads a y/y change with its direction, partner and goods", () => {
    expect(only("Shipments of food products to China declined even more sharply, falling 5.9 percent by value.")).toMatchObject([
      { metric: "yoy_pct", flow: "export", partner: "105", commodity: "pc:0+1", value: -5.9, kind: "data", period: "2025-11", decimals: 1 },
    ]);
  });
  it("tells a forecast, a prior month and a non-trade figure from data", () => {
    const claims = only("Outbound shipments rose 6.1 percent year on year, well above the 4.8 percent increase forecast by economists and a clear improvement from October’s 3.6 percent gain. GDP shrank 0.6 percent.");
    expect(claims.map((c) => [c.value, c.kind, c.period])).toEqual([[6.1, "data", "2025-11"], [4.8, "forecast", "2025-11"], [3.6, "prior", "2025-10"], [-0.6, "other", ""]]);
  });
  it("reads yen amounts, balances and the year-earlier balance", () => {
    const claims = extractClaims("Japan had a trade deficit of ¥117.6 billion in November, compared with the ¥813.8 billion deficit in the same month the previous year.", "2024-11");
    expect(claims.map((c) => [c.metric, c.value, c.period, c.kind])).toEqual([["balance", -117.6, "2024-11", "data"], ["balance", -813.8, "2023-11", "prior"]]);
  });
  it("reads streaks, turning points and extremes in words", () => {
    expect(only("It was the fifth consecutive month of deficit.")[0]).toMatchObject({ metric: "streak", flow: "balance", value: 5 });
    expect(only("Exports grew at their fastest pace in nine months.")[0]).toMatchObject({ metric: "highest_since", value: 9 });
    expect(only("Exports to the U.S. rose, the first increase since March.")[0]).toMatchObject({ metric: "first_since", partner: "304", since: "2025-03", value: 8 });
  });
  it("reads Japanese: 前年同月比, 億円, か月連続", () => {
    expect(extractClaims("輸出は前年同月比6.1%増の9兆7,147億円。貿易収支は1,176億円の赤字で、5か月連続の赤字。", "2025-11").map((c) => [c.metric, c.value])).toEqual([
      ["yoy_pct", 6.1], ["level", 9714.7], ["balance", -117.6], ["streak", 5],
    ]);
  });
});
