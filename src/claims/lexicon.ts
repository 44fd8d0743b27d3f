// The words articles use for flows, partners, goods and measures, mapped to boeki's codes. Longest first,
// so that "semiconductor equipment" is not read as "semiconductor".

import type { Flow } from "../domain.js";

type Alias = [pattern: RegExp, code: string];

export const PARTNER_ALIASES: Alias[] = [
  [/\b(?:the )?United States\b|\bU\.S\.(?![a-z])|\bUS\b|\bAmerica\b|\bAmerican\b/, "304"],
  [/\bmainland China\b|\bChina\b|\bChinese\b/, "105"],
  [/\bHong Kong\b/, "108"],
  [/\bTaiwan\b/, "106"],
  [/\bSouth Korea\b|\bKorea\b/, "103"],
  [/\bWestern Europe\b|\bEurope\b/, "area:western_europe"],
  [/\bEuropean Union\b|\bEU\b/, "group:eu"],
  [/\bSoutheast Asia\b|\bASEAN\b/, "group:asean"],
  [/\bAsia\b/, "area:asia"],
  [/\bMiddle East\b/, "area:middle_east"],
  [/\bGermany\b/, "213"],
  [/\bBritain\b|\bUnited Kingdom\b|\bU\.K\.|\bUK\b/, "205"],
  [/\bIndia\b/, "123"],
  [/\bVietnam\b|\bViet Nam\b/, "110"],
  [/\bThailand\b/, "111"],
  [/\bSingapore\b/, "112"],
  [/\bRussia\b/, "224"],
  [/\bAustralia\b/, "601"],
  [/\bCanada\b/, "302"],
  [/\bMexico\b/, "305"],
  [/\bBrazil\b/, "410"], [/\bIndonesia\b/, "118"], [/\bMalaysia\b/, "113"], [/\bPhilippines\b/, "117"], [/\bFrance\b/, "210"],
  [/\bItaly\b/, "220"], [/\bNetherlands\b/, "207"], [/\bSwitzerland\b/, "215"], [/\bSaudi Arabia\b/, "137"],
  [/\bUnited Arab Emirates\b|\bUAE\b/, "147"], [/\bQatar\b/, "140"], [/\bKuwait\b/, "138"], [/\bChile\b/, "409"], [/\bNew Zealand\b/, "606"],
  [/米国|アメリカ/, "304"], [/中国/, "105"], [/香港/, "108"], [/台湾/, "106"], [/韓国/, "103"], [/西欧/, "area:western_europe"],
  [/ＥＵ|EU|欧州連合/, "group:eu"], [/ASEAN|東南アジア/, "group:asean"], [/アジア/, "area:asia"], [/中東/, "area:middle_east"],
];

/** Goods by flow: principal-commodity codes differ between exports and imports. */
export const GOODS_ALIASES: Record<Flow, Alias[]> = {
  export: [
    [/chip[- ]?making (?:equipment|machinery|tools)|semiconductor(?: manufacturing)? (?:equipment|machinery)|chip equipment|半導体等製造装置|半導体製造装置/i, "pc:70131"],
    [/car parts|auto parts|vehicle parts|自動車部品|自動車の部分品/i, "pc:70505"],
    [/\bcars?\b|\bautos?\b|automobiles?|automotive|motor vehicles|vehicles|自動車/i, "pc:70503"],
    [/semiconductors?|\bchips?\b|electronic components|半導体等電子部品|半導体/i, "pc:70323"],
    [/electrical machinery|電気機器/i, "pc:703"],
    [/\bmachinery\b|一般機械/i, "pc:701"],
    [/\bfood(?:stuffs?| products)?\b|食料品/i, "pc:0+1"],
    [/\bsteel\b|鉄鋼/i, "pc:611"],
    [/pharmaceuticals?|medicines?|医薬品/i, "pc:507"],
    [/\bships?\b|船舶/i, "pc:7051301"],
    [/mineral fuels?|鉱物性燃料/i, "pc:3"],
  ],
  import: [
    [/crude oil|\bcrude\b|原油/i, "pc:30301"],
    [/liquefied natural gas|\bLNG\b|液化天然ガス/i, "pc:3050103"],
    [/\bcoal\b|石炭/i, "pc:30101"],
    [/semiconductors?|\bchips?\b|electronic components|半導体等電子部品/i, "pc:70311"],
    [/car parts|auto parts|自動車の部分品/i, "pc:70503"],
    [/\bcars?\b|automobiles?|motor vehicles|自動車/i, "pc:70501"],
    [/pharmaceuticals?|medicines?|医薬品/i, "pc:507"],
    [/\bfood(?:stuffs?| products)?\b|食料品/i, "pc:0+1"],
    [/mineral fuels?|energy|鉱物性燃料/i, "pc:3"],
    [/clothing|apparel|衣類/i, "pc:807"],
  ],
};

export const CUES = {
  export: /\bexports?\b|\bexported\b|shipments?|outbound|overseas sales|輸出/i,
  import: /\bimports?\b|\bimported\b|inbound|輸入/i,
  balance: /trade (?:balance|deficit|surplus|gap)|\bdeficit\b|\bsurplus\b|貿易収支|赤字|黒字/i,
  yoy: /year[- ]on[- ]year|from a year (?:earlier|ago)|compared (?:with|to) a year (?:earlier|ago)|than a year (?:earlier|ago)|\by\/y\b|annual(?:ly)? basis|前年同月比/i,
  mom: /month[- ]on[- ]month|from the previous month|from a month (?:earlier|ago)|\bm\/m\b|sequential|前月比/i,
  seasonallyAdjusted: /seasonally adjusted|季節調整/i,
  yearEarlierLevel: /a year (?:earlier|ago)|(?:the )?same (?:month|period) (?:of |in )?(?:the )?(?:previous|last|prior) year|前年同月/i,
  forecast: /forecast|expect|estimate|\bpoll\b|consensus|project(?:ed|ion)|predict|median|economists (?:had )?(?:expected|forecast|predicted)|予想|見込み/i,
  contribution: /percentage points?|\bpp\b|ポイント|寄与/i,
  other: /\bGDP\b|gross domestic product|economy (?:contracted|shrank|grew|expanded)|annuali[sz]ed|quarter[- ]on[- ]quarter|\bTankan\b|survey|market share|share of the (?:global|world)|global market|(?:wafer|equipment|lithography)[\w\s-]* market|exchange rate|inflation|\bCPI\b|unemployment|wages?\b|stock|Nikkei|国内総生産|市場シェア/i,
  down: /\b(?:fell|falls?|falling|declin(?:ed|es|ing|e)|dropp?(?:ed|s|ing)?|decreas(?:ed|es|ing|e)|slump(?:ed|s|ing)?|shr[ai]nk(?:ing|s)?|shrunk|contract(?:ed|ing|ion)|lower|down|reduc(?:ed|tion)|narrow(?:ed|ing)|slid|plunged?|tumbled?)\b|減|縮小/i,
  up: /\b(?:rose|rises?|rising|increas(?:ed|es|ing|e)|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|surg(?:ed|es|ing|e)|gr[eo]w(?:n|s|ing)?|growth|up|higher|accelerat(?:ed|ing)|rebound(?:ed)?|widen(?:ed|ing)?|advanc(?:ed|es|ing))\b|増|拡大/i,
} as const;

/** Bodies whose figures are not the Ministry's trade statistics, with what to say of them. */
export const KNOWN_SOURCES: Array<[RegExp, string]> = [
  [/Japan Semiconductor Manufacturing Equipment Association|\bJSMEA\b/, "no Japanese body of this name is known; the industry body is SEAJ (Semiconductor Equipment Association of Japan), and export figures are the Ministry of Finance's"],
  [/Semiconductor Equipment Association of Japan|\bSEAJ\b/, "an industry association's figures, not the Ministry of Finance's trade statistics"],
  [/Japan Automobile Manufacturers Association|\bJAMA\b/, "an industry association's figures, not the Ministry of Finance's trade statistics"],
];
