/** Small, inline German reference data for the benchmark seed (no network, no faker). */

/** Deterministic PRNG (mulberry32): the same seed gives the same data on every run. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  /** Picks by weight from cumulative weights (see `cumulative`). */
  const weighted = <T>({ items, sums }: Cumulative<T>): T => {
    const x = next() * sums[sums.length - 1]!;
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sums[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + int(4)).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, weighted, uuid, chance: (p: number) => next() < p };
};
export type Prng = ReturnType<typeof prng>;

type Cumulative<T> = { items: readonly T[]; sums: number[] };
const cumulative = <T>(items: readonly T[], weight: (item: T, index: number) => number): Cumulative<T> => {
  let sum = 0;
  return { items, sums: items.map((item, i) => (sum += weight(item, i))) };
};

/** Most common German surnames, roughly in order of frequency, with the Meier/Meyer/Maier/Mayer variants. */
export const SURNAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Schubert',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Frank',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Franke',
  'Albrecht',
  'Schuster',
  'Simon',
  'Ludwig',
  'Böhm',
  'Winter',
  'Kraus',
  'Martin',
  'Schumacher',
  'Krämer',
  'Vogt',
  'Stein',
  'Jäger',
  'Otto',
  'Sommer',
  'Groß',
  'Seidel',
  'Heinrich',
  'Brandt',
  'Haas',
  'Schreiber',
  'Graf',
  'Schulte',
  'Dietrich',
  'Ziegler',
  'Kuhn',
  'Kühn',
  'Pohl',
  'Engel',
  'Horn',
  'Busch',
  'Bergmann',
  'Thomas',
  'Voigt',
  'Sauer',
  'Arnold',
  'Wolff',
  'Pfeiffer',
  'Yılmaz',
  'Kowalski',
  'Nowak',
  'Öztürk',
  'Meiners',
  'Meißner',
  'Lüdtke',
  'Döring',
  'Büttner',
  'Göbel',
];

/** Stems and endings that combine into the long tail of rarer surnames (Obermeier, Mühlbach, Steinhauser …). */
const SURNAME_STEMS = [
  'Brand',
  'Klein',
  'Ober',
  'Unter',
  'Wald',
  'Berg',
  'Stein',
  'Lind',
  'Hoch',
  'Neu',
  'Alt',
  'Kirch',
  'Feld',
  'Rosen',
  'Eich',
  'Buch',
  'Hagen',
  'Mühl',
  'Sonnen',
  'Brück',
  'Lehm',
  'Witt',
  'Fried',
  'Gott',
  'Hein',
  'Kuhl',
  'Lang',
  'Mohr',
  'Nie',
  'Ost',
  'West',
  'Süd',
  'Nord',
  'Pfaff',
  'Rau',
  'Sand',
  'Sieg',
  'Stoll',
  'Thal',
  'Wend',
  'Zell',
  'Bött',
  'Grot',
  'Hüb',
  'Jüng',
  'Köst',
  'Löw',
  'Möh',
  'Nöl',
  'Röß',
  'Schü',
  'Tröst',
  'Wöh',
  'Bader',
  'Engel',
  'Gärt',
  'Holz',
  'Kreuz',
  'Reich',
  'Stroh',
];
const SURNAME_ENDINGS = [
  'mann',
  'er',
  'ner',
  'hoff',
  'berg',
  'huber',
  'meier',
  'maier',
  'bach',
  'hausen',
  'feld',
  'ke',
  'inger',
  'lein',
  'rich',
  'hardt',
  'brock',
  'kamp',
  'mayr',
  'hofer',
  'stedt',
  'ing',
  'ler',
  'schmidt',
  'wald',
  'ow',
  'itz',
  'ert',
  'el',
  'sen',
];

/**
 * The common surnames above are about 7 % of people (Müller alone about 0.3 %, falling with rank as in
 * German name statistics); everybody else has one of the rarer names of the long tail.
 */
const COMMON_SURNAMES = cumulative(SURNAMES, (_, i) => 1 / (i + 1) ** 0.5);
export const surname = (r: Prng) =>
  r.chance(0.07) ? r.weighted(COMMON_SURNAMES) : `${r.pick(SURNAME_STEMS)}${r.pick(SURNAME_ENDINGS)}`;

export const FIRST_NAMES = [
  'Anna',
  'Maria',
  'Ursula',
  'Monika',
  'Petra',
  'Sabine',
  'Claudia',
  'Susanne',
  'Andrea',
  'Julia',
  'Katharina',
  'Laura',
  'Lena',
  'Sophie',
  'Hannah',
  'Emilia',
  'Jürgen',
  'Björn',
  'Jörg',
  'Günter',
  'Michael',
  'Thomas',
  'Andreas',
  'Stefan',
  'Peter',
  'Klaus',
  'Wolfgang',
  'Frank',
  'Markus',
  'Christian',
  'Alexander',
  'Tobias',
  'Jonas',
  'Lukas',
  'Leon',
  'Felix',
  'Maximilian',
  'Paul',
  'Ömer',
  'Zoë',
  'Jörn',
  'Käthe',
  'Renée',
  'Hans-Peter',
  'Anne-Marie',
  'Karl-Heinz',
  'Elif',
  'Mehmet',
  'Agnieszka',
  'Dirk',
];

/** City, first and last postal code of its range, telephone area code. */
export const CITIES: readonly (readonly [string, number, number, string])[] = [
  ['Berlin', 10115, 14199, '030'],
  ['Hamburg', 20095, 22769, '040'],
  ['München', 80331, 81929, '089'],
  ['Köln', 50667, 51149, '0221'],
  ['Frankfurt am Main', 60306, 60599, '069'],
  ['Stuttgart', 70173, 70629, '0711'],
  ['Düsseldorf', 40210, 40629, '0211'],
  ['Leipzig', 4103, 4357, '0341'],
  ['Dortmund', 44135, 44388, '0231'],
  ['Essen', 45127, 45359, '0201'],
  ['Bremen', 28195, 28779, '0421'],
  ['Dresden', 1067, 1328, '0351'],
  ['Hannover', 30159, 30669, '0511'],
  ['Nürnberg', 90402, 90491, '0911'],
  ['Bochum', 44787, 44894, '0234'],
  ['Bielefeld', 33602, 33739, '0521'],
  ['Bonn', 53111, 53229, '0228'],
  ['Münster', 48143, 48167, '0251'],
  ['Mannheim', 68159, 68309, '0621'],
  ['Karlsruhe', 76131, 76229, '0721'],
  ['Augsburg', 86150, 86199, '0821'],
  ['Wiesbaden', 65183, 65207, '0611'],
  ['Mönchengladbach', 41061, 41239, '02161'],
  ['Aachen', 52062, 52080, '0241'],
  ['Braunschweig', 38100, 38126, '0531'],
  ['Kiel', 24103, 24159, '0431'],
  ['Chemnitz', 9111, 9247, '0371'],
  ['Halle (Saale)', 6108, 6132, '0345'],
  ['Magdeburg', 39104, 39130, '0391'],
  ['Freiburg im Breisgau', 79098, 79117, '0761'],
  ['Lübeck', 23552, 23570, '0451'],
  ['Erfurt', 99084, 99099, '0361'],
  ['Rostock', 18055, 18147, '0381'],
  ['Kassel', 34117, 34134, '0561'],
  ['Saarbrücken', 66111, 66133, '0681'],
  ['Osnabrück', 49074, 49090, '0541'],
  ['Regensburg', 93047, 93059, '0941'],
  ['Würzburg', 97070, 97084, '0931'],
  ['Göttingen', 37073, 37085, '0551'],
  ['Görlitz', 2826, 2829, '03581'],
];

export const STREETS = [
  'Hauptstraße',
  'Schulstraße',
  'Gartenstraße',
  'Bahnhofstraße',
  'Dorfstraße',
  'Bergstraße',
  'Birkenweg',
  'Lindenstraße',
  'Kirchstraße',
  'Waldstraße',
  'Ringstraße',
  'Schillerstraße',
  'Goethestraße',
  'Am Markt',
  'Mühlenweg',
  'Feldstraße',
  'Rosenweg',
  'Beethovenstraße',
  'Königsallee',
  'Uhlandstraße',
  'Friedrich-Ebert-Straße',
  'Am Mühlbach',
  'Schloßstraße',
  'Große Straße',
];

/** Private mail providers with roughly their share among German addresses. */
const MAIL_DOMAIN_SHARES = [
  ['gmx.de', 28],
  ['web.de', 28],
  ['gmail.com', 16],
  ['t-online.de', 14],
  ['outlook.de', 5],
  ['freenet.de', 5],
  ['posteo.de', 2],
  ['mailbox.org', 2],
] as const;
export const MAIL_DOMAINS = cumulative(
  MAIL_DOMAIN_SHARES.map(([domain]) => domain),
  (_, i) => MAIL_DOMAIN_SHARES[i]![1],
);

export const ORGANIZATION_SUFFIXES = [
  'GmbH',
  'GmbH & Co. KG',
  'AG',
  'KG',
  'e.K.',
  'OHG',
  'UG (haftungsbeschränkt)',
];
export const ORGANIZATION_TRADES = [
  'Bau',
  'Elektrotechnik',
  'Sanitär',
  'Logistik',
  'Maschinenbau',
  'Steuerberatung',
  'Autohaus',
  'Druckerei',
  'Software',
  'Immobilien',
  'Gebäudereinigung',
  'Metallbau',
];

export const SOURCE_DETAILS: Record<string, readonly string[]> = {
  web_form: ['Kontaktformular Website', 'Angebotsanfrage Website'],
  import: ['Import Altbestand 2019', 'Import Messe-Leads'],
  business_card: ['Hannover Messe 2025', 'bauma München', 'IHK-Empfang'],
  event: ['Hausmesse Frühjahr', 'Webinar Digitalisierung'],
  referral: ['Empfehlung Bestandskunde'],
  phone: ['Anruf Zentrale'],
};

/** Search input a user types into the person search: surname prefixes, some with umlauts or variants. */
export const SEARCH_TERMS = [
  'Mül',
  'Müller',
  'Mei',
  'Meier',
  'Meyer',
  'Mai',
  'Schmi',
  'Schmidt',
  'Schn',
  'Fisch',
  'Web',
  'Wagn',
  'Beck',
  'Hof',
  'Schä',
  'Kön',
  'Krü',
  'Schrö',
  'Zimm',
  'Neum',
  'Hart',
  'Leh',
  'Köh',
  'Herrm',
  'Hub',
  'Fuchs',
  'Jäg',
  'Groß',
  'Weiß',
  'Böhm',
  'Lüdt',
  'Yılm',
  'Oberm',
  'Steinb',
  'Mühlb',
];

/** ä → ae, ö → oe, ü → ue, ß → ss; strips other diacritics; for e-mail addresses. */
export const transliterate = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9.-]/g, '');
