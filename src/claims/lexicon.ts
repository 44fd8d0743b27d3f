// The language of trade news as data: the words articles use for flows, partners, goods, measures, directions,
// periods, forecasts and sources, and the phrases of streaks and turning points, English and Japanese. The readers
// (numbers.ts, clauses.ts, extract.ts) hold no words of their own; a new way of saying something is a line here.

import type { Flow } from "../domain.js";

/** A word or phrase and the code it means. Patterns are matched case-sensitively unless they carry the `i` flag. */
export type Alias = [pattern: RegExp, code: string];

// ——— Partners ———————————————————————————————————————————————————————————————————————————————————————————

/**
 * Partner names, each a pattern source (no flags) and the code the Ministry's tables use. A name counts only in a
 * trade role (PARTNER_ROLES): "exports to China", "the surplus with the U.S.", "U.S.-bound", "対米", "中国向け";
 * "U.S. tariffs", "China's economy" or "President of the United States" name no partner of a figure.
 */
export const PARTNER_NAMES: Array<[source: string, code: string]> = [
  ["(?:the )?United States(?: of America)?|the U\\.S\\.A?\\.?|U\\.S\\.A?\\.?(?![a-z])|\\bUSA?\\b|\\bAmerica\\b", "304"],
  ["(?:mainland )?China\\b", "105"],
  ["Hong Kong", "108"],
  ["Taiwan", "106"],
  ["(?:South )?Korea\\b", "103"],
  ["(?:the )?European Union|\\bEU\\b|the EUR\\b", "group:eu"],
  ["(?:the rest of |other )?Southeast Asia|\\bASEAN\\b", "group:asean"],
  ["Western Europe|\\bEurope\\b", "area:western_europe"],
  ["(?:the rest of |other |other parts of )?Asia\\b", "area:asia"],
  ["(?:the )?Middle East", "area:middle_east"],
  ["North America", "area:north_america"],
  ["(?:Central and |Latin |South )America\\b", "area:central_south_america"],
  ["Africa\\b", "area:africa"],
  ["Oceania", "area:oceania"],
  ["Germany", "213"], ["(?:Britain|the United Kingdom|the U\\.K\\.|\\bUK\\b)", "205"], ["India\\b", "123"], ["Viet ?[Nn]am", "110"],
  ["Thailand", "111"], ["Singapore", "112"], ["Russia\\b", "224"], ["Australia", "601"], ["Canada", "302"], ["Mexico", "305"],
  ["Brazil", "410"], ["Indonesia", "118"], ["Malaysia", "113"], ["(?:the )?Philippines", "117"], ["France", "210"], ["Italy", "220"],
  ["(?:the )?Netherlands", "207"], ["Switzerland", "215"], ["Saudi Arabia", "137"], ["(?:the )?United Arab Emirates|\\bUAE\\b", "147"],
  ["Qatar", "140"], ["Kuwait", "138"], ["Chile\\b", "409"], ["New Zealand", "606"], ["Belgium", "208"], ["Spain", "218"],
  // Japanese: full names and the one-character forms of 対米 (the U.S.), 対中 (China), 対欧 (Europe).
  ["米国|アメリカ|米(?=向け|国向け)", "304"], ["中国", "105"], ["香港", "108"], ["台湾", "106"], ["韓国", "103"], ["西欧", "area:western_europe"],
  ["ＥＵ|欧州連合", "group:eu"], ["ＡＳＥＡＮ|東南アジア", "group:asean"], ["アジア", "area:asia"], ["中東", "area:middle_east"], ["ロシア", "224"],
  ["ドイツ", "213"], ["英国", "205"], ["インド", "123"], ["ベトナム", "110"], ["タイ", "111"], ["オーストラリア|豪州", "601"],
];

/** "Exports to", "shipments to", "-bound" and 向け say the flow as well: exports; "imports from" and から: imports. */
export const ROLE_FLOWS: Array<[RegExp, "export" | "import"]> = [
  [/\b(?:shipments?|shipped|deliveries|sales|exports?|exported)\b[^,;]* (?:to|bound for|destined for) (?:both |the rest of |other )?(?:the )?$/i, "export"],
  [/\b(?:imports?|imported|purchases)\b[^,;]* from (?:the rest of |other )?(?:the )?$/i, "import"],
];

/** 対米 (with the U.S.), 対中 (with China) …: the one-character partners of Japanese headlines. */
export const JA_SHORT_PARTNERS: Record<string, string> = { 米: "304", 中: "105", 欧: "area:western_europe", 韓: "103", 露: "224", 豪: "601" };

/** Words that say a figure is for all partners: "global exports", "imports from the world", "世界全体". */
export const WORLD_WORDS = /\b(?:global|overall|total|worldwide|all destinations|around the world|(?:to|from|with) the world|headline)\b|世界全体|全世界|世界/i;

/**
 * The roles that make a name a figure's partner: the words right before the name (`before`, read at the end of the
 * text before it) and right after it (`after`, read at the start of the text after it). A flow or balance noun,
 * optionally "of <goods>", then to/from/with; an anaphor ("those to", "and to"); a partner before the flow
 * ("U.S.-bound", "U.S. exports"); Japanese 向け, から, との, 対. `flow` is the flow the role itself says.
 */
export const PARTNER_ROLES: Array<{ before?: RegExp; after?: RegExp; flow?: "export" | "import" }> = [
  { before: /(?:exports?|exported|shipments?|shipped|sales|deliveries|imports?|imported|purchases|trade|trading|surplus|deficit|balance|gap|shortfall)(?: of(?: [\w.&'¥$,-]+){1,8}?)? (?:to|from|with|into|bound for|destined for) (?:both |the rest of |other )?(?:the )?$/i },
  { before: /in the (?:red|black)(?: [\w'-]+){0,6} with (?:the )?$/i },
  { before: /(?:those|that|ones|and|while|but|as well as|or) (?:to|from|with) (?:the rest of |other )?(?:the )?$/i },
  { before: /\b(?:to|from|with) (?:the rest of |other )?(?:the )?$/i, after: /^,? (?:were|was|rose|fell|grew|jumped|climbed|dropped|declined|slipped|slumped|surged|increased|decreased|dipped|edged|gained|plunged|expanded|shrank|moved|came|totaled|totalled|stood|reached|amounted)\b/i },
  { before: /(?:in|for|of) (?:Japan's )?(?:trade|trading|commerce) with (?:the rest of |other )?(?:the )?$/i },
  { after: /^(?:-bound| ?bound)\b/i, flow: "export" },
  { after: /^ (?:accounted|accounts|accounting|took|takes|made up|makes up|was|remained) (?:for )?(?:about |around |some |nearly )?[−–+-]?\d/i },
  { after: /^(?:'s|’s)? (?:exports|imports|shipments|sales|demand for Japanese)\b/i },
  { before: /(?:対|対する)$/ },
  { after: /^(?:向け|向|あて|宛て|への)/, flow: "export" },
  { after: /^から(?:の)?(?:輸入)?/, flow: "import" },
  { after: /^との/ },
];


// ——— Flows and the balance ——————————————————————————————————————————————————————————————————————————————

export const FLOW_WORDS: Record<Flow | "balance", RegExp> = {
  export: /\bexports?\b|\bexported\b|\bshipments?\b|\bshipped\b|\boutbound\b|\boverseas sales\b|\bsales abroad\b|輸出/i,
  import: /\bimports?\b|\bimported\b|\binbound\b|\bpurchases from abroad\b|輸入/i,
  balance: /\btrade (?:balance|deficit|surplus|gap|shortfall)\b|\b(?:deficit|surplus|shortfall)s?\b|\bbalance\b|\bin the (?:red|black)\b|\b(?:red|black) (?:ink|streak)\b|\bturned (?:positive|negative)\b|収支|赤字|黒字|出超|入超/i,
};

/** Which side of zero a balance word puts the figure on. "Gap" and "shortfall" are deficits in trade copy. */
export const BALANCE_SIGN: Array<[RegExp, 1 | -1]> = [
  [/\bdeficits?\b|\bshortfalls?\b|\b(?:trade )?gap\b|\bin the red\b|\bred (?:ink|streak)\b|\bnegative\b|赤字|入超/i, -1],
  [/\bsurplus(?:es)?\b|\bin the black\b|\bblack (?:ink|streak)\b|\bpositive\b|黒字|出超/i, 1],
];

/** "those", "that", "the figure": a clause that names no subject of its own and means the one before. */
export const ANAPHORS = /^(?:\W*(?:and |while |but |whereas )?(?:those|that|ones|these|the figure|the total|the value|it|they)\b)/i;

// ——— Goods ————————————————————————————————————————————————————————————————————————————————————————————

/** Goods by flow (principal-commodity codes differ between exports and imports); longer phrases first. */
export const GOODS_ALIASES: Record<Flow, Alias[]> = {
  export: [
    [/chip[- ]?(?:making|manufacturing) (?:equipment|machinery|machines|tools)|semiconductor(?:[- ]making| manufacturing| production)? (?:equipment|machinery|machines|tools)|chip (?:equipment|machines)|半導体等?製造装置/i, "pc:70131"],
    [/(?:car|auto(?:mobile)?|vehicle) parts|parts of motor vehicles|自動車(?:の)?部分品|自動車部品/i, "pc:70505"],
    [/semiconductors?(?:,? and (?:other )?electronic (?:components|parts))?|semiconductor (?:and electronic )?components?|electronic (?:components|parts)|electronics parts|\bchips?\b|半導体等電子部品|電子部品|半導体/i, "pc:70323"],
    [/\bpassenger cars?\b|乗用車/i, "pc:7050301"],
    [/\b(?:buses and trucks|trucks and buses)\b|バス・トラック/i, "pc:7050303"],
    [/\bcars?\b|\bautos?\b|\bautomobiles?\b|\bautomotive\b|\bmotor vehicles?\b|\bvehicles?\b|自動車/i, "pc:70503"],
    [/transport(?:ation)? equipment|輸送用機器/i, "pc:705"],
    [/electrical machinery|electrical equipment|electric(?:al)? machines|電気機器/i, "pc:703"],
    [/general machinery|\bmachinery\b|一般機械/i, "pc:701"],
    [/computer parts|parts of computers?|電算機類の部分品/i, "pc:7010507"],
    [/\bcomputers?\b|電算機類/i, "pc:7010505"],
    [/power generating machine(?:ry|s)?|\bengines\b|原動機/i, "pc:70101"],
    [/scientific (?:and )?optical (?:instruments|equipment)|科学光学機器/i, "pc:81101"],
    [/\bfood(?:stuffs?| products)?\b|食料品/i, "pc:0+1"],
    [/\biron and steel(?: products)?\b|\bsteel\b|鉄鋼/i, "pc:611"],
    [/non-?ferrous metals?|refined copper|非鉄金属/i, "pc:613"],
    [/\bplastics?\b|プラスチック/i, "pc:515"],
    [/organic (?:compounds|chemicals)|有機化合物/i, "pc:50101"],
    [/\bchemicals?\b|化学製品/i, "pc:5"],
    [/pharmaceuticals?(?: products)?|\bmedicines?\b|medical products|\bdrugs\b|医薬品/i, "pc:507"],
    [/\bships?\b|船舶/i, "pc:7051301"],
    [/\baircraft\b|航空機/i, "pc:70511"],
    [/mineral fuels?|鉱物性燃料/i, "pc:3"],
  ],
  import: [
    [/crude oil|\bcrude\b|原油(?:及び粗油)?/i, "pc:30301"],
    [/petroleum products|石油製品/i, "pc:30303"],
    [/liquefied natural gas|\bLNG\b|液化天然ガス/i, "pc:3050103"],
    [/liquefied petroleum gas|\bLPG\b|液化石油ガス/i, "pc:3050101"],
    [/\bcoal\b|石炭/i, "pc:30101"],
    [/mineral fuels?|\benergy\b|\bfuels?\b|鉱物性燃料/i, "pc:3"],
    [/semiconductors?(?:,? and (?:other )?electronic (?:components|parts))?|electronic (?:components|parts)|electronics parts|\bchips?\b|半導体等電子部品|電子部品/i, "pc:70311"],
    [/smartphones?|mobile phones|telephones?|電話機/i, "pc:7030703"],
    [/telecommunications? equipment|通信機/i, "pc:70307"],
    [/(?:car|auto|vehicle) parts|parts of motor vehicles|自動車(?:の)?部分品/i, "pc:70503"],
    [/\bcars?\b|\bautos?\b|\bautomobiles?\b|\bmotor vehicles?\b|\bvehicles?\b|自動車/i, "pc:70501"],
    [/\bcomputers?\b|電算機類/i, "pc:7010505"],
    [/pharmaceuticals?(?: products)?|\bmedicines?\b|medical products|\bdrugs\b|医薬品/i, "pc:507"],
    [/\bsoy ?beans?\b|大豆/i, "pc:20307"],
    [/\biron ore\b|鉄鉱石/i, "pc:21501"],
    [/\biron and steel(?: products)?\b|\bsteel\b|鉄鋼/i, "pc:613"],
    [/non-?ferrous metals?|非鉄金属/i, "pc:615"],
    [/\bcereals?\b|\bgrains?\b|穀物/i, "pc:009"],
    [/\bmeat\b|肉類/i, "pc:003"],
    [/\bfish\b|seafood|魚介類/i, "pc:007"],
    [/\bfood(?:stuffs?| products)?\b|食料品/i, "pc:0+1"],
    [/\bclothing\b|\bapparel\b|衣類/i, "pc:807"],
    [/\bfurniture\b|家具/i, "pc:803"],
    [/\baircraft\b|航空機/i, "pc:70505"],
    [/electrical machinery|電気機器/i, "pc:703"],
    [/general machinery|\bmachinery\b|一般機械/i, "pc:701"],
    [/\bchemicals?\b|化学製品/i, "pc:5"],
  ],
};

// ——— What a number measures ——————————————————————————————————————————————————————————————————————————

export const MEASURE_CUES = {
  yoy: /year[- ]on[- ]year|year[- ]over[- ]year|from a year (?:earlier|ago|before)|(?:compared )?(?:with|to|than|from) (?:the same month )?a year (?:earlier|ago|before)|on the year|\byoy\b|\by\/y\b|annual(?:ly)? basis|annual (?:growth|rate|increase|decline)|前年同月比|前年比/i,
  mom: /month[- ]on[- ]month|month[- ]over[- ]month|from the (?:previous|prior|preceding) month|from a month (?:earlier|ago|before)|on the month|\bmom\b|\bm\/m\b|sequential(?:ly)?|前月比/i,
  seasonallyAdjusted: /seasonally[- ]adjusted|seasonal adjustment|\bSA\b|季節調整/i,
  share: /\bshare\b|accounted for|accounting for|accounts for|made up|makes up|of (?:total|all|Japan's|overall) (?:exports|imports|shipments)|占め|シェア|構成比/i,
  contribution: /percentage points?|\bpp\b|\bpts?\b|ポイント|寄与/i,
  price: /\bprices?\b|unit (?:price|value)|per (?:unit|barrel|ton|tonne)|価格|単価/i,
  volume: /\bvolumes?\b|\bquantit(?:y|ies)\b|in (?:volume|unit) terms|数量|台数/i,
  value: /in value terms|by value|\bvalue\b|金額/i,
  yearToDate: /year[- ]to[- ]date|so far this year|January[- ](?:to[- ])?(?:February|March|April|May|June|July|August|September|October|November)|累計/i,
  annual: /\bfor the (?:full|whole|calendar) year\b|\bfull[- ]year\b|\bcalendar[- ]year\b|\bannual (?:exports|imports|shipments|trade|deficit|surplus|balance|total)\b|\bfor the year\b|\bin the year\b|\byearly\b|年間|暦年/i,
  fiscalYear: /\bfiscal (?:year|20\d\d)\b|\bFY ?20\d\d\b|年度/i,
  half: /\b(?:first|second) half\b|\bH[12]\b|上半期|下半期|上期|下期/,
  quarter: /\bquarter\b|\bQ[1-4]\b|四半期/i,
};

/** The change went up or down: verbs and nouns of change, English and Japanese. */
export const DIRECTION = {
  down: /\b(?:fell|falls?|falling|fallen|declin(?:ed|es|ing|e)|dropp?(?:ed|s|ing)?|decreas(?:ed|es|ing|e)|slump(?:ed|s|ing)?|shr[ai]nk(?:ing|s)?|shrunk|contract(?:ed|ing|ion|s)?|lower|down|reduc(?:ed|tion|ing)|narrow(?:ed|ing|s)?|slid(?:e|es|ing)?|plung(?:ed|es|ing|e)|tumbl(?:ed|es|ing|e)|dip(?:ped|s)?|sank|sink(?:ing|s)?|slipp?(?:ed|s)?|eas(?:ed|ing)|weaken(?:ed|ing)|retreat(?:ed|ing)?|losses|loss|negative)\b|減少|減|縮小|マイナス|落ち込|下回/i,
  up: /\b(?:rose|rises?|rising|risen|increas(?:ed|es|ing|e)|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|surg(?:ed|es|ing|e)|gr[eo]w(?:n|s|ing)?|growth|up|higher|accelerat(?:ed|ing|ion)|rebound(?:ed|s|ing)?|widen(?:ed|ing|s)?|advanc(?:ed|es|ing|e)|expan(?:ded|ding|ds|sion)|soar(?:ed|ing|s)?|spik(?:ed|es|ing)|improv(?:ed|ing|ement)|strengthen(?:ed|ing)|positive|uptick|boost(?:ed)?|picked up|edged up)\b|増加|増え|増|拡大|プラス|伸び|上回/i,
};

/**
 * "Growth slowed to 3.9%", "the growth rate eased to 2.1%": the number is the rate itself, its sign its own,
 * whatever the verb. Matched against the words right before the number.
 */
export const RATE_LEVEL = /\b(?:growth|rate|pace|increase|rise|gain|decline|fall)\b(?: \w+){0,3}? (?:slowed|declined|decelerated|eased|fell|dropped|slipped|accelerated|rose|picked up|quickened|climbed|jumped|improved|weakened|moderated|cooled|came in|stood|was) (?:down |back )?to (?:an? )?$|\b(?:growth|increase|rise|gain|expansion|decline|fall|drop|decrease|contraction) (?:rate )?of $/i;

// ——— Kinds of claim ———————————————————————————————————————————————————————————————————————————————————

export const KIND_CUES = {
  forecast: /\bforecasts?\b|\bforecasted\b|\bexpect(?:ed|ations?|s)?\b|\bestimat(?:e|ed|es)\b|\bpolls?\b|\bpolled\b|\bconsensus\b|\bproject(?:ed|ion|ions|s)?\b|\bpredict(?:ed|ion|ions|s)?\b|\bmedian\b|\banticipated\b|\bseen (?:at|rising|falling|growing|increasing|narrowing|widening)\b|\bare seen\b|\bis seen\b|\blikely\b|\bwould\b|\bwill\b|予想|見込み|予測|見通し/i,
  prior: /\bprior\b|\bprevious(?:ly)?\b|\bpreceding\b|\blast month\b|\bthe month before\b|\bearlier\b|\bfollowing\b|\bafter\b|\bup from\b|\bdown from\b|\bcompared (?:with|to)\b|前月|前年/i,
  revised: /\brevised\b|\brevision\b|改定/i,
  /** The figure as first published, before revisions: "the 1.3% first reported", 速報値. */
  firstPrinted: /\b(?:first|initially|originally|previously) (?:reported|printed|published|estimated|announced|released)\b|\bpreliminary (?:figure|estimate)\b|速報値|速報段階/i,
  /** Not the trade statistics: prices, the economy, tariffs, markets. Said of the number's own clause. */
  other: /\btariffs?\b|\blev(?:y|ies)\b|\bdut(?:y|ies)\b|\btax(?:es)?\b|\bGDP\b|gross domestic product|\beconomy\b|\beconomic growth\b|annuali[sz]ed|quarter[- ]on[- ]quarter|\bTankan\b|\bsurvey\b|market share|share of the (?:global|world)|global market|(?:wafer|equipment|lithography)[\w\s-]* market|exchange rate|\binflation\b|\bCPI\b|consumer prices|\bunemployment\b|\bwages?\b|\bstocks?\b|\bshares\b|\bNikkei\b|\bTopix\b|\bbond\b|\byields?\b|interest rates?|\bpolicy rate\b|\bbrands\b|best[- ]selling|\bmarket value\b|\bprofits?\b|\bearnings\b|\brevenue\b|\bsales (?:of|at) \w+ (?:Motor|Corp)|\bthe yen (?:rose|fell|weakened|strengthened|gained|lost)|\byen's (?:depreciation|appreciation)|国内総生産|市場シェア|関税|物価|株価|為替/i,
  /** A dollar (or other currency) conversion of a yen figure: not a separate claim of the statistics. */
  conversion: /^\s*\(?\s*(?:US)?\$|\bUS dollars?\b|\b(?:US|U\.S\.) ?\$|\bdollars\b|ドル/i,
};

/** Named forecasters, as articles name them and as consensus is stored under a source's name. */
export const FORECASTERS: Array<[RegExp, string]> = [
  [/\bReuters\b/i, "reuters"],
  [/\bBloomberg\b/i, "bloomberg"],
  [/\bQUICK\b|クイック/, "quick"],
  [/\bNikkei\b|日経/, "nikkei"],
  [/\bJiji\b|時事/i, "jiji"],
  [/\bKyodo\b|共同/i, "kyodo"],
  [/\bEconoday\b|\bMace\b/i, "econoday"],
  [/\bDow Jones\b|\bWall Street Journal\b|\bWSJ\b/i, "dowjones"],
  [/\bInvesting\.com\b|economic calendar/i, "calendar"],
];

/** Bodies whose figures are not the Ministry's trade statistics, with what to say of them. */
export const KNOWN_SOURCES: Array<[RegExp, string]> = [
  [/Japan Semiconductor Manufacturing Equipment Association|\bJSMEA\b/, "no Japanese body of this name is known; the industry body is SEAJ (Semiconductor Equipment Association of Japan), and export figures are the Ministry of Finance's"],
  [/Semiconductor Equipment Association of Japan|\bSEAJ\b/, "an industry association's figures, not the Ministry of Finance's trade statistics"],
  [/Japan Automobile Manufacturers Association|\bJAMA\b/, "an industry association's figures, not the Ministry of Finance's trade statistics"],
];

// ——— Amounts ——————————————————————————————————————————————————————————————————————————————————————————

/** Scale words after a yen figure, in ¥ billion: "trillion", ticker "T", "B", "bn", "bln". */
export const YEN_SCALES: Array<[RegExp, number]> = [
  [/^(?:trillion|trln|tln|tn|T)\b/i, 1000],
  [/^(?:billion|bln|bn|B\.?)(?![a-z])/i, 1],
  [/^(?:million|mln|mn|M)\b/i, 0.001],
];

/** Words that make a number approximate ("about", "nearly", およそ): a wider tolerance, said in the note. */
export const APPROXIMATE = /\b(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|close to|just (?:under|over|below|above)|more than|less than|over|under)\s*$|(?:およそ|約|ほぼ|概ね)\s*$/i;
/** Japanese approximation after the number: 約 before, 程度/前後/弱/強 after. */
export const APPROXIMATE_AFTER = /^\s*(?:程度|前後|弱|強|近く|余り|超)/;

/** Calendar tables run together on web pages ("ConsensusConsensus RangePrevious"): their column names. */
export const CALENDAR_COLUMNS: Array<[RegExp, "actual" | "forecast" | "range" | "previous" | "revised"]> = [
  [/^Consensus Range/i, "range"],
  [/^(?:Consensus|Forecast|Expected|Estimate)/i, "forecast"],
  [/^Actual/i, "actual"],
  [/^(?:Previous|Prior)/i, "previous"],
  [/^Revised/i, "revised"],
];

// ——— Streaks, turning points, extremes ————————————————————————————————————————————————————————————————

/** What a streak or turning point is of: a rise, a fall, a surplus or deficit, a wider or narrower balance. */
export const EVENT_WORDS: Array<[RegExp, "rise" | "fall" | "surplus" | "deficit" | "widen" | "narrow"]> = [
  [/\b(?:surplus(?:es)?|black|positive(?: territory)?)\b|黒字(?!幅)|出超/i, "surplus"],
  [/\b(?:deficits?|shortfalls?|red|negative(?: territory)?)\b|赤字(?!幅)|入超/i, "deficit"],
  [/\bwiden(?:ed|ing|s)?\b|\bexpan(?:ded|sion)\b.*\b(?:surplus|deficit)|幅が?拡大|幅の拡大/i, "widen"],
  [/\bnarrow(?:ed|ing|s)?\b|幅が?縮小|幅の縮小/i, "narrow"],
  [DIRECTION.down, "fall"],
  [DIRECTION.up, "rise"],
];

/** Number words and ordinals, English. */
export const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
};

// A count in digits or a word; the word is checked against WORD_NUMBERS by the reader (a regex of forty number
// words costs more to compile than the rest of the lexicon).
const COUNT = `(\\d{1,3}(?:st|nd|rd|th)?|[a-z]{3,11})`;
const MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";
const KAGETSU = "(?:か|カ|ヵ|ヶ|ケ|箇|個)?月";

/**
 * The phrases of streaks, turning points and extremes. Groups: `n` the count, `unit` months/years, `since` a
 * month named, `year` its year, `event` the words that say what it is of. Case-insensitive.
 */
export const SEQUENCE_PHRASES: Array<{ kind: "streak" | "first" | "highest" | "lowest"; pattern: RegExp }> = [
  // "the fifth consecutive month of deficit", "for the 44th straight month", "third consecutive monthly increase"
  { kind: "streak", pattern: new RegExp(`\\b(?:for )?(?:the |a |an |its |their )?(?<n>${COUNT.slice(1, -1)}) (?:straight|consecutive|successive|continuous|back-to-back) (?:year[- ]on[- ]year |y/y |monthly |month(?:ly)? )?(?<event>(?:(?:month|months|quarters?)(?: of (?:(?:year[- ]on[- ]year |y/y |export |import |trade |\\w+ )?(?:growth|increases?|rises?|gains?|declines?|falls?|drops?|decreases?|contraction|expansion|deficits?|surplus(?:es)?)))?)|(?:increases?|rises?|gains?|declines?|falls?|drops?|decreases?|deficits?|surplus(?:es)?))`, "gi") },
  // "falling for four months in a row", "for two straight months", "a red streak of five months"
  { kind: "streak", pattern: new RegExp(`\\b(?:for )?(?<n>${COUNT.slice(1, -1)}) (?:straight |consecutive |successive )?(?<unit>months?) (?:in a row|running|straight)\\b|\\bfor (?<n2>${COUNT.slice(1, -1)}) (?:straight|consecutive|successive) (?<unit2>months)\\b|\\b(?<event>red|black|losing|winning) streak (?:to|of|at) (?<n3>${COUNT.slice(1, -1)}) (?<unit3>months)\\b`, "gi") },
  // 5か月連続の赤字, 2カ月連続で増加
  { kind: "streak", pattern: new RegExp(`(?<n>\\d{1,3})${KAGETSU}連続(?=(?:の|で)?(?<event>(?:前年(?:同月)?(?:比)?)?(?:増加|減少|増|減|黒字|赤字|プラス|マイナス|拡大|縮小)?))`, "g") },
  // "the first trade surplus in five months", "for the first time in six months", "the first decline in eight months"
  { kind: "first", pattern: new RegExp(`\\b(?:the |its |their |a |marking the )?first (?<event>(?:[\\w/-]+ ){0,4}?)(?:in|for) (?<n>${COUNT.slice(1, -1)}) (?<unit>months?|years?)\\b|\\b(?:for )?the first time in (?<n2>${COUNT.slice(1, -1)}) (?<unit2>months?|years?)\\b`, "gi") },
  // "the first increase since March", "for the first time since May 2024"
  { kind: "first", pattern: new RegExp(`\\b(?:the |its |their |a )?first (?<event>(?:[\\w/.'’-]+ ){0,8}?)since (?<since>${MONTHS_EN})(?: (?<year>(?:19|20)\\d\\d))?\\b|\\b(?:for )?the first time since (?<since2>${MONTHS_EN})(?: (?<year2>(?:19|20)\\d\\d))?\\b`, "gi") },
  // 8カ月ぶりに増加に転じた, 5カ月ぶりの黒字, 7カ月ぶりに黒字幅が拡大, 19年ぶり
  { kind: "first", pattern: new RegExp(`(?<n>\\d{1,3})(?<unit>${KAGETSU}|年)ぶり(?:に|の)?(?<event>(?:前年(?:同月)?(?:比)?)?(?:黒字幅が?|赤字幅が?)?(?:増加|減少|増|減|黒字|赤字|プラス|マイナス|拡大|縮小)?)`, "g") },
  // "the fastest pace in nine months", "the highest in 19 years", "the biggest drop in two years"
  { kind: "highest", pattern: new RegExp(`\\b(?<event>(?:fastest|strongest|quickest|highest|biggest|largest|sharpest|steepest|best|slowest|weakest|smallest|lowest|worst)\\b(?:[^.;,]{0,40}?))\\b(?:in|for) (?:at least |more than |nearly |almost )?(?<n>${COUNT.slice(1, -1)}) (?<unit>months?|years?)\\b`, "gi") },
  // 9カ月ぶりの高い伸び
  { kind: "highest", pattern: new RegExp(`(?<n>\\d{1,3})(?<unit>${KAGETSU}|年)ぶりの(?<event>高い伸び|大きな伸び|高水準|大きさ|伸び|低水準|大幅な減少)`, "g") },
];

/** Words of a balance's sign among events: "positive" and "negative" are a rise and a fall when the subject is no balance. */
export const SIGN_EVENT_WORDS = /\b(?:surplus(?:es)?|black|deficits?|shortfalls?|red)\b|黒字|赤字|出超|入超/i;

/**
 * Japanese goods named as the cause of a change, not its subject: 半導体等電子部品などが好調で (chips doing well),
 * 非鉄金属のマイナスが響き (non-ferrous metals weighing). Matched right after a goods word.
 */
export const JA_GOODS_AS_CAUSE = /^(?:など|等)|^[^。、]{0,20}?(?:の(?:マイナス|プラス|減少|増加|伸び|落ち込み|不振|好調))?(?:が|も)(?:好調|不振|響|寄与|押し上げ|押し下げ|けん引)/;

/** Comparisons whose words are no change of the figure beside them ("down from February's 11.4% jump", "lower than"). */
export const COMPARATIVES = /\b(?:down|up|lower|higher|less|more|weaker|stronger|slower|faster|below|above) (?:than|from)\b|\b(?:compared|against|versus)\b/gi;

/** Extremes that are lows, not highs: "the slowest growth", "the biggest drop". */
export const LOW_EXTREMES = /slowest|weakest|smallest|lowest|worst|低水準|減少/i;
