/*
 * State names → ISO 3166-1 alpha-2 codes, for imports: the names the UN's and UPR Info's exports
 * use ("Iran (Islamic Republic of)", "Türkiye", "Viet Nam"), the names ICU gives in en, ru and kk
 * (the same Intl.DisplayNames that states.ts shows names with), and alpha-2 and alpha-3 codes.
 * Matching ignores case, accents, punctuation, "&"/"and" and a leading "the".
 */

// ISO 3166-1: alpha-3 → alpha-2 of every assigned code (and XK, which the UN's indexes use for Kosovo).
const ALPHA3 =
  'AFG:AF ALA:AX ALB:AL DZA:DZ ASM:AS AND:AD AGO:AO AIA:AI ATA:AQ ATG:AG ARG:AR ARM:AM ABW:AW AUS:AU AUT:AT ' +
  'AZE:AZ BHS:BS BHR:BH BGD:BD BRB:BB BLR:BY BEL:BE BLZ:BZ BEN:BJ BMU:BM BTN:BT BOL:BO BES:BQ BIH:BA BWA:BW ' +
  'BVT:BV BRA:BR IOT:IO BRN:BN BGR:BG BFA:BF BDI:BI CPV:CV KHM:KH CMR:CM CAN:CA CYM:KY CAF:CF TCD:TD CHL:CL ' +
  'CHN:CN CXR:CX CCK:CC COL:CO COM:KM COG:CG COD:CD COK:CK CRI:CR CIV:CI HRV:HR CUB:CU CUW:CW CYP:CY CZE:CZ ' +
  'DNK:DK DJI:DJ DMA:DM DOM:DO ECU:EC EGY:EG SLV:SV GNQ:GQ ERI:ER EST:EE SWZ:SZ ETH:ET FLK:FK FRO:FO FJI:FJ ' +
  'FIN:FI FRA:FR GUF:GF PYF:PF ATF:TF GAB:GA GMB:GM GEO:GE DEU:DE GHA:GH GIB:GI GRC:GR GRL:GL GRD:GD GLP:GP ' +
  'GUM:GU GTM:GT GGY:GG GIN:GN GNB:GW GUY:GY HTI:HT HMD:HM VAT:VA HND:HN HKG:HK HUN:HU ISL:IS IND:IN IDN:ID ' +
  'IRN:IR IRQ:IQ IRL:IE IMN:IM ISR:IL ITA:IT JAM:JM JPN:JP JEY:JE JOR:JO KAZ:KZ KEN:KE KIR:KI PRK:KP KOR:KR ' +
  'KWT:KW KGZ:KG LAO:LA LVA:LV LBN:LB LSO:LS LBR:LR LBY:LY LIE:LI LTU:LT LUX:LU MAC:MO MDG:MG MWI:MW MYS:MY ' +
  'MDV:MV MLI:ML MLT:MT MHL:MH MTQ:MQ MRT:MR MUS:MU MYT:YT MEX:MX FSM:FM MDA:MD MCO:MC MNG:MN MNE:ME MSR:MS ' +
  'MAR:MA MOZ:MZ MMR:MM NAM:NA NRU:NR NPL:NP NLD:NL NCL:NC NZL:NZ NIC:NI NER:NE NGA:NG NIU:NU NFK:NF MKD:MK ' +
  'MNP:MP NOR:NO OMN:OM PAK:PK PLW:PW PSE:PS PAN:PA PNG:PG PRY:PY PER:PE PHL:PH PCN:PN POL:PL PRT:PT PRI:PR ' +
  'QAT:QA REU:RE ROU:RO RUS:RU RWA:RW BLM:BL SHN:SH KNA:KN LCA:LC MAF:MF SPM:PM VCT:VC WSM:WS SMR:SM STP:ST ' +
  'SAU:SA SEN:SN SRB:RS SYC:SC SLE:SL SGP:SG SXM:SX SVK:SK SVN:SI SLB:SB SOM:SO ZAF:ZA SGS:GS SSD:SS ESP:ES ' +
  'LKA:LK SDN:SD SUR:SR SJM:SJ SWE:SE CHE:CH SYR:SY TWN:TW TJK:TJ TZA:TZ THA:TH TLS:TL TGO:TG TKL:TK TON:TO ' +
  'TTO:TT TUN:TN TUR:TR TKM:TM TCA:TC TUV:TV UGA:UG UKR:UA ARE:AE GBR:GB USA:US UMI:UM URY:UY UZB:UZ VUT:VU ' +
  'VEN:VE VNM:VN VGB:VG VIR:VI WLF:WF ESH:EH YEM:YE ZMB:ZM ZWE:ZW XKX:XK';

// Official UN names and other common names that ICU's do not cover, by code.
const ALIASES: Record<string, string[]> = {
  BO: [
    'Bolivia (Plurinational State of)',
    'Plurinational State of Bolivia',
    'Боливия (Многонациональное Государство)',
    'Многонациональное Государство Боливия',
  ],
  BN: ['Brunei Darussalam', 'Бруней-Даруссалам'],
  BS: ['The Bahamas'],
  BY: ['Белоруссия', 'Республика Беларусь', 'Republic of Belarus'],
  CD: [
    'Democratic Republic of the Congo',
    'DR Congo',
    'Congo, Democratic Republic of the',
    'Демократическая Республика Конго',
  ],
  CG: ['Congo', 'Republic of the Congo', 'Congo, Republic of the', 'Конго', 'Республика Конго'],
  CI: ["Côte d'Ivoire", 'Cote dIvoire', 'Ivory Coast', "Кот-д'Ивуар"],
  CV: ['Cabo Verde', 'Кабо-Верде'],
  CZ: ['Czech Republic', 'Чешская Республика'],
  FM: ['Micronesia (Federated States of)', 'Federated States of Micronesia', 'Микронезия (Федеративные Штаты)'],
  GB: [
    'United Kingdom of Great Britain and Northern Ireland',
    'United Kingdom',
    'Great Britain',
    'UK',
    'Соединенное Королевство Великобритании и Северной Ирландии',
    'Соединенное Королевство',
    'Великобритания',
  ],
  GM: ['The Gambia', 'Gambia (Republic of The)'],
  IR: [
    'Iran (Islamic Republic of)',
    'Islamic Republic of Iran',
    'Iran, Islamic Republic of',
    'Иран (Исламская Республика)',
    'Исламская Республика Иран',
  ],
  KG: ['Kyrgyz Republic', 'Киргизия', 'Кыргызстан'],
  KP: [
    "Democratic People's Republic of Korea",
    "Korea, Democratic People's Republic of",
    'Корейская Народно-Демократическая Республика',
  ],
  KR: ['Republic of Korea', 'Korea, Republic of', 'Республика Корея'],
  KZ: ['Republic of Kazakhstan', 'Республика Казахстан', 'Қазақстан Республикасы'],
  LA: ["Lao People's Democratic Republic", 'Lao PDR', 'Лаосская Народно-Демократическая Республика'],
  LY: ['Libyan Arab Jamahiriya'],
  MD: ['Republic of Moldova', 'Moldova, Republic of', 'Республика Молдова', 'Молдавия'],
  MK: ['The former Yugoslav Republic of Macedonia', 'Северная Македония'],
  MM: ['Burma', 'Мьянма'],
  NL: ['Netherlands (Kingdom of the)', 'Kingdom of the Netherlands', 'Нидерланды (Королевство)'],
  PS: ['State of Palestine', 'Palestine', 'Государство Палестина', 'Палестина'],
  RU: ['Russian Federation', 'Российская Федерация', 'Ресей Федерациясы'],
  SK: ['Slovak Republic'],
  ST: ['Sao Tome and Principe'],
  SY: ['Syrian Arab Republic', 'Сирийская Арабская Республика'],
  SZ: ['Swaziland', 'Эсватини', 'Свазиленд'],
  TL: ['East Timor', 'Тимор-Лешти'],
  TR: ['Türkiye', 'Turkey', 'Тюркийе', 'Турция'],
  TZ: ['United Republic of Tanzania', 'Tanzania, United Republic of', 'Объединенная Республика Танзания'],
  US: ['United States of America', 'USA', 'Соединенные Штаты Америки', 'США'],
  VA: ['Holy See', 'Vatican', 'Святейший Престол', 'Ватикан'],
  VE: [
    'Venezuela (Bolivarian Republic of)',
    'Bolivarian Republic of Venezuela',
    'Венесуэла (Боливарианская Республика)',
    'Боливарианская Республика Венесуэла',
  ],
  VN: ['Viet Nam', 'Вьетнам'],
};

/** A name reduced to what matching compares: "Côte d’Ivoire" and "cote d'ivoire" both give "cotedivoire". */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/&/g, ' and ')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

let index: Map<string, string> | undefined;

function buildIndex(): Map<string, string> {
  const map = new Map<string, string>();
  const codes: string[] = [];
  for (const pair of ALPHA3.split(' ')) {
    const [a3, a2] = pair.split(':') as [string, string];
    codes.push(a2);
    map.set(a3.toLowerCase(), a2);
  }
  // Names before codes in precedence is not needed: no name reduces to a two-letter key but "uk"
  // (an alias of GB), and codes are added first so that names never overwrite them.
  for (const code of codes) map.set(code.toLowerCase(), code);
  for (const lang of ['en', 'ru', 'kk']) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = names.of(code);
      if (!name) continue;
      const key = nameKey(name);
      if (!map.has(key)) map.set(key, code);
      // ICU writes "Hong Kong SAR China", "Myanmar (Burma)": the part before a bracket too.
      const short = nameKey(name.replace(/\s*\(.*\)\s*$/, ''));
      if (short && !map.has(short)) map.set(short, code);
    }
  }
  for (const [code, names] of Object.entries(ALIASES)) {
    for (const name of names) map.set(nameKey(name), code);
  }
  return map;
}

/** The alpha-2 code of a State named in any of the ways above, or undefined. */
export function stateCode(name: string): string | undefined {
  index ??= buildIndex();
  const key = nameKey(name);
  if (key === '') return undefined;
  return index.get(key);
}

/** Every alpha-2 code the import knows (ISO 3166-1 and XK). */
export function allStateCodes(): string[] {
  return ALPHA3.split(' ').map((pair) => pair.slice(4));
}
