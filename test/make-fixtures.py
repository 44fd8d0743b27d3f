#!/usr/bin/env python3
"""Writes the repo's own small test files: good fixtures in test/fixtures, broken ones in test/bad-input.

Run once after changing it (python3 test/make-fixtures.py); the files are committed, so tests need no Python.
The time-series fixtures are written as real Shift_JIS (cp932) bytes with CRLF line ends, as the Ministry publishes.
Numbers are invented in the Ministry's layout; none is copied from its files."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
BAD = os.path.join(HERE, "bad-input")


def write(folder, name, text, encoding="cp932", newline="\r\n"):
    data = text.replace("\n", newline).encode(encoding) if isinstance(text, str) else text
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# d41ma: world totals, 2024/10 … 2025/12, published through 2025/11.
D41_HEADER = "《世界》  【月別】　（単位：千円） ,,\nWORLD  Monthly Data  (a thousand yen) ,,\nYears/Months,Exp-Total,Imp-Total\n,,\n"
months = [(2024, m) for m in (10, 11, 12)] + [(2025, m) for m in range(1, 13)]
d41_rows = []
for i, (y, m) in enumerate(months):
    if (y, m) == (2025, 12):
        d41_rows.append(f"{y}/{m:02d},0 ,0 ")
    else:
        d41_rows.append(f"{y}/{m:02d},{8_000_000_000 + i * 100_000_001} ,{8_500_000_000 - i * 50_000_003} ")
D41 = D41_HEADER + "\n".join(d41_rows) + "\n"
write(FIX, "d41ma-small.sjis.csv", D41)
for old in ["2025/06,8800000008 ,8099999976 ", "2025/03,8500000005 ,8249999985 "]:
    assert old in D41, old
# The same file revised: three months changed, everything else identical.
revised = D41.replace("2025/01,8300000003 ", "2025/01,8300000999 ").replace("2025/02,8400000004 ", "2025/02,8400001004 ").replace("2025/11,9300000013 ", "2025/11,9300123456 ")
assert sum(a != b for a, b in zip(revised.splitlines(), D41.splitlines())) == 3
write(FIX, "d41ma-small-revised.sjis.csv", revised)

# d51ma: exports by principal commodity, narrowed to the total, foodstuff and motor vehicles.
def d51(flow_title="（輸出）", codes=("'0'+'1'", "'70503'"), rows=None):
    head = [
        f"《世界》  【月別】  {flow_title},,,,,",
        "WORLD Monthly Data  (Export),,,,,",
        "報道発表品目名,総額,１．食料品,,自動車,",
        "概況品名,,,,自動車,",
        f"概況品コード,'0'～'9',{codes[0]},,{codes[1]},",
        ",金額,数量,金額,数量,金額",
        "Years/Months,(千円),(単位),(千円),(単位：NO),(千円)",
    ]
    rows = rows or [
        "2025/10,9766185280 ,-,120000000 ,547353 ,1631820658 ",
        "2025/11,9708885255 ,-,122567087 ,495021 ,1513570500 ",
        "2025/12,-,-,-,-,-",
    ]
    return "\n".join(head + rows) + "\n"
write(FIX, "d51ma-small.sjis.csv", d51())

# d61ma: imports by principal commodity, the same narrow shape (motor vehicles are pc:70501 in imports).
def d61():
    text = d51(flow_title="（輸入）", codes=("'0'+'1'", "'70501'"), rows=[
        "2025/10,9524100000 ,-,780000000 ,31234 ,180000000 ",
        "2025/11,9392446000 ,-,790000000 ,30111 ,175000000 ",
        "2025/12,-,-,-,-,-",
    ])
    return text.replace("WORLD Monthly Data  (Export)", "WORLD Monthly Data  (Import)")
write(FIX, "d61ma-small.sjis.csv", d61())

# HS-9 tables in the e-Stat layout (no Custom/Country) and the Customs layout (with both).
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
def hs9_header(custom=False, country=False):
    cols = ["Exp or Imp", "Year"] + (["Custom"] if custom else []) + ["HS"] + (["Country"] if country else []) + ["Unit1", "Unit2", "Quantity1-Year", "Quantity2-Year", "Value-Year"]
    for m in MONTHS:
        cols += [f"Quantity1-{m}", f"Quantity2-{m}", f"Value-{m}"]
    return ",".join(cols)

def hs9_row(flow, year, hs, months_data, custom=None, country=None, unit1="NO", unit2="KG", quote=True):
    cells = [str(flow), str(year)] + ([custom] if custom else []) + [f"'{hs}'" if quote else hs] + ([country] if country else []) + [unit1, unit2]
    q1 = sum(d[0] for d in months_data); q2 = sum(d[1] for d in months_data); v = sum(d[2] for d in months_data)
    cells += [str(q1), str(q2), str(v)]
    for d in months_data:
        cells += [str(x) for x in d]
    return ",".join(cells)

def ytd(through, base):
    return [(base + i, base * 10 + i, base * 1000 + i * 7) if i < through else (0, 0, 0) for i in range(12)]

estat = [hs9_header(),
         hs9_row(1, 2026, "870323929", ytd(8, 100)),
         hs9_row(1, 2026, "000000190", ytd(8, 20), unit1="  "),
         hs9_row(2, 2026, "870323929", ytd(8, 5))]
write(FIX, "hs9_E_2026-08.csv", "\n".join(estat) + "\n", "ascii", "\n")
# The September table of the same year: Jan–Aug as before except one revised cell, September added.
sep = [hs9_header(),
       hs9_row(1, 2026, "870323929", [(d[0], d[1], d[2] + (5 if i == 2 else 0)) for i, d in enumerate(ytd(9, 100))]),
       hs9_row(1, 2026, "000000190", ytd(9, 20), unit1="  "),
       hs9_row(2, 2026, "870323929", ytd(9, 5))]
write(FIX, "hs9_E_2026-09.csv", "\n".join(sep) + "\n", "ascii", "\n")
customs = [hs9_header(True, True),
           hs9_row(1, 2017, "010121000", [(0, 1, 100)] * 12, custom="104", country="304", unit1="", quote=False),
           hs9_row(1, 2017, "010121000", [(0, 2, 250)] * 12, custom="300", country="304", unit1="", quote=False),
           hs9_row(1, 2017, "010121000", [(0, 3, 999)] + [(0, 0, 0)] * 11, custom="104", country="105", unit1="", quote=False)]
write(FIX, "hs9_customs_2017.csv", "\n".join(customs) + "\n", "ascii", "\n")

TIDY_HEAD = "period,flow,partner,commodity,measure,value,unit,stage,released,source\n"
tidy = TIDY_HEAD + "\n".join([
    "2025-11,export,world,total,value,9714672,JPY_million,provisional,2025-12-17,press 2025-11",
    "2025-11,export,world,total,yoy_pct,6.1,pct,provisional,2025-12-17,press 2025-11",
    "2025-11,export,304,total,value,1725000,JPY_million,provisional,2025-12-17,press 2025-11",
    "2025-11,export,group:eu,pc:70503,value,120000,JPY_million,provisional,2025-12-17,press 2025-11",
    "2025-10,export,world,total,value,9756000,JPY_million,provisional,2025-11-20,press 2025-10",
]) + "\n"
write(FIX, "tidy-small.csv", tidy, "utf-8", "\n")

# ---- the bad-input corpus: each file is wrong in one way; test/bad-input.test.ts says how.
for name in os.listdir(BAD):
    if name.endswith((".csv", ".parquet", ".xml")):
        os.remove(os.path.join(BAD, name))
write(BAD, "empty.csv", b"")
write(BAD, "d41ma-header-only.csv", D41_HEADER)
write(BAD, "hs9-header-only.csv", hs9_header() + "\n", "ascii", "\n")
write(BAD, "tidy-header-only.csv", TIDY_HEAD, "utf-8", "\n")
write(BAD, "d41ma-truncated.csv", D41.replace("\n", "\r\n").encode("cp932")[: D41.replace("\n", "\r\n").encode("cp932").index(b"2025/03") + 13])
hs9_text = "\n".join(estat) + "\n"
write(BAD, "hs9-truncated.csv", hs9_text.encode("ascii")[: len(hs9_text) - 40])
write(BAD, "d51ma-utf8-not-sjis.csv", d51(), "utf-8")
write(BAD, "tidy-sjis-not-utf8.csv", TIDY_HEAD + "2025-11,export,world,total,value,1,JPY_million,provisional,2025-12-17,財務省 貿易統計\n", "cp932", "\n")
write(BAD, "html-error-page.csv", "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body>メンテナンス中</body></html>\n", "utf-8", "\n")
write(BAD, "d41ma-shifted-header.csv", D41.replace("Years/Months,Exp-Total,Imp-Total", "Years/Months,Imp-Total,Exp-Total"))
write(BAD, "d41ma-extra-field.csv", D41.replace("2025/04,8600000006 ,", "2025/04,8600000006 ,123 ,"))
write(BAD, "hs9-missing-column.csv", "\n".join([estat[0].replace("Unit2,", "")] + estat[1:]) + "\n", "ascii", "\n")
write(BAD, "hs9-shifted-row.csv", "\n".join(estat[:2] + [estat[2].replace(",KG,", ",KG,0,", 1)] + estat[3:]) + "\n", "ascii", "\n")
write(BAD, "d41ma-non-numeric.csv", D41.replace("2025/05,8700000007 ", "2025/05,87OOOOOOO7 "))
write(BAD, "hs9-non-numeric.csv", "\n".join(estat[:3] + [estat[3].replace(",50,", ",5O,", 1)]) + "\n", "ascii", "\n")
write(BAD, "hs9-negative.csv", "\n".join(estat[:2] + [estat[2].replace(",200,", ",-200,", 1)] + estat[3:]) + "\n", "ascii", "\n")
write(BAD, "d51ma-negative.csv", d51(rows=["2025/10,9766185280 ,-,120000000 ,547353 ,-1631820658 ", "2025/11,9708885255 ,-,122567087 ,495021 ,1513570500 "]))
write(BAD, "hs9-duplicate-key_2026-08.csv", "\n".join(estat + [estat[1]]) + "\n", "ascii", "\n")
write(BAD, "tidy-duplicate-key.csv", tidy + "2025-11,export,304,total,value,1726000,JPY_million,provisional,2025-12-17,press 2025-11\n", "utf-8", "\n")
write(BAD, "d41ma-duplicate-month.csv", D41.replace("2025/06,8800000008 ,8099999976 \n", "2025/06,8800000008 ,8099999976 \n2025/06,8800000999 ,8099999976 \n"))
write(BAD, "hs9-unknown-country.csv", "\n".join([hs9_header(True, True)] + customs[1:2] + [customs[3].replace(",105,", ",999,")]) + "\n", "ascii", "\n")
write(BAD, "tidy-unknown-partner.csv", TIDY_HEAD + "2025-11,export,moon,total,value,1,JPY_million,provisional,2025-12-17,x\n", "utf-8", "\n")
write(BAD, "d51ma-unknown-commodity.csv", d51(codes=("'0'+'1'", "'99999'")))
write(BAD, "tidy-unknown-commodity.csv", TIDY_HEAD + "2025-11,import,world,pc:7050301,value,1,JPY_million,provisional,2025-12-17,x\n", "utf-8", "\n")
write(BAD, "hs9-year-to-date.csv", "\n".join(estat[:3]) + "\n", "ascii", "\n")  # no month in the name, data through August: refuse to guess
write(BAD, "hs9_E_2026-03.csv", "\n".join(estat[:2]) + "\n", "ascii", "\n")  # the name says March, the data run to August
write(BAD, "hs9-year-total-wrong.csv", "\n".join(estat[:1] + [estat[1].replace(",828,", ",829,", 1)] + estat[2:]) + "\n", "ascii", "\n")
write(BAD, "d41ma-gap.csv", D41.replace("2025/03,8500000005 ,8249999985 ", "2025/03,0 ,0 "))
write(BAD, "tidy-bad-period.csv", TIDY_HEAD + "2025-13,export,world,total,value,1,JPY_million,provisional,2025-12-17,x\n", "utf-8", "\n")
write(BAD, "tidy-bad-unit.csv", TIDY_HEAD + "2025-11,export,world,total,value,1,USD_million,provisional,2025-12-17,x\n", "utf-8", "\n")
write(BAD, "tidy-negative.csv", TIDY_HEAD + "2025-11,export,world,total,value,-5,JPY_million,provisional,2025-12-17,x\n", "utf-8", "\n")
write(BAD, "tidy-corrupt.parquet", b"PAR1" + b"\x00garbage, not a parquet file" * 4)

# ---- more formats as small good fixtures (also seeds of the fuzz test): a press release in the Ministry's XML
# layout, its tables as the CSV transcriptions, and the area × commodity table. Numbers invented, layout as published.
def press_xml(export_rows=None, headline_export=None, date="December 17, 2025"):
    def row(name, kind, unit, qty, value, share, yoy, contrib, tani=None):
        tani = tani if tani is not None else f"<tani>{unit}</tani>"
        return (f"<shuyochiikikunihininfo><shuyoshohin>{name}</shuyoshohin><shuyoshohinbunrui>{kind}</shuyoshohinbunrui>{tani}"
                f"{qty}<suryonobiritsu/><kagaku>{value}</kagaku><koseihi>{share}</koseihi>"
                f"<kagakunobiritsu>{yoy}</kagakunobiritsu><zogenkiyodo>{contrib}</zogenkiyodo></shuyochiikikunihininfo>")
    export_rows = export_rows or [
        row("Grand Total", 0, "   ", "<suryo/>", "9,714,672", "100.0", "6.1", "6.1"),
        row("1 FOODSTUFF", 1, "   ", "<suryo/>", "122,550", "1.3", "10.9", "0.1"),
        row(" MOTOR VEHICLES", 2, " NO", "<suryo>495,021</suryo>", "1,513,570", "15.6", "-4.1", "-0.7"),
        row(" SEMICON MACHINERY ETC", 2, " KG", "<suryo>-</suryo>", "450,120", "4.6", "ZENZO", "-"),
    ]
    headline_export = headline_export or "<sogakutonen>9,714,672</sogakutonen><sogakuzennen>9,152,003</sogakuzennen><nobiritsu>6.1</nobiritsu>"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><hodoxml><sogakutsuki name="pg1">'
            f"<kohyoymd>{date}</kohyoymd><title>Value of Exports and Imports November 2025 (Provisional)</title>"
            "<taishoymtonen>November 2025</taishoymtonen><taishoymzennen>November 2024</taishoymzennen>"
            f"<export>{headline_export}</export>"
            "<import><sogakutonen>9,392,446</sogakutonen><sogakuzennen>9,272,812</sogakuzennen><nobiritsu>1.3</nobiritsu></import>"
            "<sashihiki><sogakutonen>322,226</sogakutonen><sogakuzennen>△120,809</sogakuzennen><nobiritsu>-</nobiritsu></sashihiki></sogakutsuki>"
            '<chiikikunisogaku name="pg2"><taishokikan>November 2025</taishokikan>'
            "<chiikikunisogakuinfo><chiikikunikbn>0</chiikikunikbn><chiikikuni>Grand Total</chiikikuni><exportkagakue>9,714,672</exportkagakue><exportnobiritsu>6.1</exportnobiritsu><importkagakue>9,392,446</importkagakue><importnobiritsu>1.3</importnobiritsu><sashihikikagakue>322,226</sashihikikagakue><sashihikinobiritsu>-</sashihikinobiritsu></chiikikunisogakuinfo>"
            "<chiikikunisogakuinfo><chiikikunikbn>1</chiikikunikbn><chiikikuni>ASIA</chiikikuni><exportkagakue>5,237,841</exportkagakue><exportnobiritsu>4.5</exportnobiritsu><importkagakue>4,798,158</importkagakue><importnobiritsu>3.2</importnobiritsu><sashihikikagakue>439,683</sashihikikagakue><sashihikinobiritsu>21.8</sashihikinobiritsu></chiikikunisogakuinfo>"
            "</chiikikunisogaku>"
            '<shuyochiikikunihin name="pg3"><title>Exports by Principal Commodity(WORLD)</title><taishokikan>November 2025</taishokikan>'
            + "".join(export_rows) + "</shuyochiikikunihin></hodoxml>"), row
PRESS_XML, press_row = press_xml()
write(FIX, "press-small.xml", PRESS_XML, "utf-8", "\n")

PRESS_HEADLINE = ("yyyymm,stage,stage_name,release_date,exp_jpy_mn,exp_prev_year_jpy_mn,exp_yoy_pct,imp_jpy_mn,imp_prev_year_jpy_mn,imp_yoy_pct,bal_jpy_mn,bal_prev_year_jpy_mn,bal_yoy_pct\n"
                  "2025-11,4,monthly provisional,2025-12-17,9714672,9152003,6.1,9392446,9272812,1.3,322226,-120809,\n"
                  "2025-10,4,monthly provisional,2025-11-20,9756000,9425210,3.5,9524100,9888000,-3.7,231900,-462790,\n")
write(FIX, "press-headline-small.csv", PRESS_HEADLINE, "utf-8", "\n")
PRESS_COMMODITY = ("yyyymm,stage,imex,area,level,item,unit,quantity,qty_yoy_pct,value_jpy_mn,share_pct,value_yoy_pct,contribution_pt\n"
                   "2025-11,4,E,WORLD,0,Grand Total,,,,9714672,100.0,6.1,6.1\n"
                   "2025-11,4,E,WORLD,1,1 FOODSTUFF,,,,122550,1.3,10.9,0.1\n"
                   '2025-11,4,E,WORLD,2,"TEXTILE YARN, FABRICS",,,,61200,0.6,-2.0,-0.0\n'
                   "2025-11,4,E,WORLD,2,MOTOR VEHICLES,NO,495021,-8.4,1513570,15.6,-4.1,-0.7\n"
                   "2025-11,4,E,WORLD,2,SEMICON MACHINERY ETC,KG,,,450120,4.6,ZENZO,\n")
write(FIX, "press-commodity-small.csv", PRESS_COMMODITY, "utf-8", "\n")
AREA_COMMODITY = ("exp_imp,yyyymm,area,goods,value_jpy_k\n"
                  "1,2019-04,USA,MOTOR VEHICLES,512000000\n"
                  "1,2019-04,CHINA,(CAR),58092\n"
                  '1,2019-05,USA,"TEXTILE YARN, FABRICS",0\n'
                  "2,2019-05,ASIA,FOODSTUFF,96300120\n"
                  "1,2019-05,USA,BLANK/RECORDED MEDIA,4411\n")
write(FIX, "area-commodity-small.csv", AREA_COMMODITY, "utf-8", "\n")

# ---- the bad-input corpus, continued: wrong data that once landed with exit 0 (issue #9, item 3).
def bad(name, text, encoding="utf-8", newline="\n"):
    write(BAD, name, text, encoding, newline)  # bytes are written as they are

def replaced(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)

# Time series: numbers, blanks, months, units, quotes.
bad("d41ma-30-digits.csv", replaced(D41, "2025/05,8700000007 ", "2025/05,123456789012345678901234567890 "), "cp932", "\r\n")
bad("d41ma-hex.csv", replaced(D41, "2025/05,8700000007 ", "2025/05,0x10 "), "cp932", "\r\n")
bad("d41ma-full-width-digits.csv", replaced(D41, "2025/05,8700000007 ", "2025/05,８７００ "), "cp932", "\r\n")
bad("d41ma-quoted.csv", replaced(D41, "2025/05,8700000007 ", '2025/05,"8700000007" '), "cp932", "\r\n")
bad("d41ma-missing-month.csv", replaced(D41, "2025/06,8800000008 ,8099999976 \n", ""), "cp932", "\r\n")
bad("d41ma-blank-cell.csv", replaced(D41, "2025/05,8700000007 ,", "2025/05, ,"), "cp932", "\r\n")
bad("d51ma-blank-cell.csv", d51(rows=["2025/10,9766185280 ,-,120000000 ,547353 ,1631820658 ", "2025/11,9708885255 ,-,122567087 ,495021 ,", "2025/12,-,-,-,-,-"]), "cp932", "\r\n")
bad("d51ma-missing-month.csv", d51(rows=["2025/09,9766185280 ,-,120000000 ,547353 ,1631820658 ", "2025/11,9708885255 ,-,122567087 ,495021 ,1513570500 "]), "cp932", "\r\n")
# The quantity columns of foodstuff and motor vehicles swapped, each with its unit header: cars counted in "units" under
# foodstuff's code, foodstuff's "-" under the cars'.
swapped = d51(rows=["2025/10,9766185280 ,547353 ,120000000 ,-,1631820658 ", "2025/11,9708885255 ,495021 ,122567087 ,-,1513570500 "])
swapped = replaced(swapped, "Years/Months,(千円),(単位),(千円),(単位：NO),(千円)", "Years/Months,(千円),(単位：NO),(千円),(単位),(千円)")
bad("d51ma-units-swapped.csv", swapped, "cp932", "\r\n")

# HS-9 tables: what DuckDB's own integer reading would take (0x10 as 16, 1.5 as 2, +7 as 7), blanks, length, shape.
def hs9_bad(name, line_index, old, new):
    lines = list(estat)
    lines[line_index] = replaced(lines[line_index], old, new)
    bad(name, "\n".join(lines) + "\n")
hs9_bad("hs9-hex_2026-08.csv", 2, ",200,", ",0xC8,")
hs9_bad("hs9-fraction_2026-08.csv", 2, ",200,", ",199.5,")
hs9_bad("hs9-plus-sign_2026-08.csv", 2, ",200,", ",+200,")
hs9_bad("hs9-blank-cell_2026-08.csv", 2, ",200,", ",,")
hs9_bad("hs9-30-digits_2026-08.csv", 2, ",200,", ",123456789012345678901234567890,")
hs9_bad("hs9-trailing-comma_2026-08.csv", 1, ",0,0,0", ",0,0,0,")
bad("hs9-no-final-newline_2026-08.csv", "\n".join(estat))

# Press release XML: numbers the Ministry never prints, elements missing or twice, a quantity without its unit.
bad("press-hex.xml", replaced(PRESS_XML, "<kagaku>122,550</kagaku>", "<kagaku>0x10</kagaku>"))
bad("press-1e308-percent.xml", replaced(PRESS_XML, "<kagakunobiritsu>10.9</kagakunobiritsu>", "<kagakunobiritsu>1e308</kagakunobiritsu>"))
bad("press-infinity.xml", replaced(PRESS_XML, "<nobiritsu>6.1</nobiritsu>", "<nobiritsu>Infinity</nobiritsu>"))
bad("press-negative-share.xml", replaced(PRESS_XML, "<koseihi>1.3</koseihi>", "<koseihi>-1.3</koseihi>"))
bad("press-tani-twice.xml", replaced(PRESS_XML, "<tani> NO</tani>", "<tani> MT</tani><tani> MT</tani>"))
bad("press-missing-kagaku.xml", replaced(PRESS_XML, "<kagaku>1,513,570</kagaku>", ""))
bad("press-quantity-without-unit.xml", replaced(PRESS_XML, "<tani> NO</tani>", "<tani>   </tani>"))
bad("press-bad-date.xml", replaced(PRESS_XML, "December 17, 2025", "February 30, 2025"))
bad("press-misgrouped-number.xml", replaced(PRESS_XML, "<kagaku>450,120</kagaku>", "<kagaku>4,50120</kagaku>"))

# Press tables and the area × commodity table (CSV): the same numbers, cut-off files, short rows.
bad("press-commodity-1e308-percent.csv", replaced(PRESS_COMMODITY, ",122550,1.3,10.9,0.1", ",122550,1.3,1e308,0.1"))
bad("press-commodity-share-above-100.csv", replaced(PRESS_COMMODITY, ",122550,1.3,10.9,0.1", ",122550,130.0,10.9,0.1"))
bad("press-commodity-short-row.csv", replaced(PRESS_COMMODITY, ",122550,1.3,10.9,0.1", ",122550,1.3,10.9"))
bad("press-commodity-truncated.csv", PRESS_COMMODITY[:-9])
bad("press-headline-bad-date.csv", replaced(PRESS_HEADLINE, "2025-11,4,monthly provisional,2025-12-17", "2025-11,4,monthly provisional,2025-11-31"))
bad("area-commodity-30-digits.csv", replaced(AREA_COMMODITY, ",58092", ",123456789012345678901234567890"))
bad("area-commodity-truncated.csv", AREA_COMMODITY[:-3])

# Tidy CSV: Infinity, percentages out of bounds, a cut-off file, a row twice, an extra field, forms of numbers
# JavaScript or DuckDB would read (hex, underscores, NaN), a day not in the calendar, a row over two lines.
def tidy_bad(name, row, text=None):
    bad(name, text if text is not None else TIDY_HEAD + row + "\n")
tidy_bad("tidy-infinity.csv", "2025-11,export,world,total,value,1e400,JPY_million,provisional,2025-12-17,x")
tidy_bad("tidy-1e308-percent.csv", "2025-11,export,world,total,yoy_pct,1e308,pct,provisional,2025-12-17,x")
tidy_bad("tidy-30-digits.csv", "2025-11,export,world,total,value,123456789012345678901234567890,JPY_thousand,provisional,2025-12-17,x")
tidy_bad("tidy-negative-share.csv", "2025-11,export,304,total,share_pct,-1.3,pct,provisional,2025-12-17,x")
tidy_bad("tidy-share-above-100.csv", "2025-11,export,304,total,share_pct,100.5,pct,provisional,2025-12-17,x")
tidy_bad("tidy-hex.csv", "2025-11,export,world,total,value,0x10,JPY_million,provisional,2025-12-17,x")
tidy_bad("tidy-underscore.csv", "2025-11,export,world,total,value,1_000,JPY_million,provisional,2025-12-17,x")
tidy_bad("tidy-nan.csv", "2025-11,export,world,total,yoy_pct,NaN,pct,provisional,2025-12-17,x")
tidy_bad("tidy-bad-date.csv", "2025-11,export,world,total,value,1,JPY_million,provisional,2025-02-30,x")
tidy_bad("tidy-truncated.csv", None, tidy[:-12])
tidy_bad("tidy-identical-rows.csv", None, tidy + "2025-11,export,304,total,value,1725000,JPY_million,provisional,2025-12-17,press 2025-11\n")
tidy_bad("tidy-trailing-comma.csv", None, replaced(tidy, "press 2025-11\n2025-10", "press 2025-11,\n2025-10"))
tidy_bad("tidy-quoted-newline.csv", None, replaced(tidy, "press 2025-10", '"press\n2025-10"'))
tidy_bad("tidy-mixed-line-ends.csv", None, replaced(tidy, "press 2025-11\n2025-10", "press 2025-11\r\n2025-10"))
tidy_bad("tidy-quantity-without-unit.csv", "2025-11,export,world,pc:70503,quantity1,495021,,provisional,2025-12-17,x")
tidy_bad("tidy-space-padded.csv", "2025-11, export,world,total,value,1,JPY_million,provisional,2025-12-17,x")

# Minimal reproducers of what the fuzz test (test/fuzz) found, each once accepted.
bad("d51ma-stray-cr.csv", replaced(d51(), ",金額,数量,金額,数量,金額", ",金額\r,数量,金額,数量,金額"), "cp932", "\n")
bad("press-area-table-twice.xml", replaced(PRESS_XML, "</chiikikunisogaku>", "</chiikikunisogaku><chiikikunisogaku><taishokikan>November 2025</taishokikan></chiikikunisogaku>"))
bad("press-commodity-two-units.csv", PRESS_COMMODITY + "2025-11,4,E,WORLD,2,MOTOR VEHICLES,KG,495021,-8.4,1513570,15.6,-4.1,-0.7\n")
bad("tidy-not-utf8-late.csv", (tidy + "2025-11,import,world,total,value,1,JPY_million,provisional,2025-12-17,").encode("utf-8") + b"\xff\xfe source\n", None)
