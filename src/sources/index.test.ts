import { describe, expect, it } from "vitest";
import { detectFormat } from "./index.js";

describe("telling a file's format from its first bytes", () => {
  it("passes over a UTF-8 byte-order mark, as a spreadsheet writes one", () => {
    const bom = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(detectFormat(bom("exp_imp,yyyymm,area,goods,value_jpy_k\n"), "a.csv")).toBe("mof-area-commodity");
    expect(detectFormat(bom("yyyymm,stage,imex,area,level,item,unit,quantity,qty_yoy_pct,value_jpy_mn,share_pct,value_yoy_pct,contribution_pt\n"), "c.csv")).toBe("mof-press-table");
    expect(detectFormat(bom("period,flow,partner,commodity,measure,value,unit,stage,released,source\n"), "t.csv")).toBe("tidy-csv");
    expect(detectFormat(bom("Exp or Imp,Year,HS,Unit1\n"), "h.csv")).toBe("hs9");
  });
});
