import type { Locale, SpecialKind } from './types.ts';

/**
 * A lexicon entry in a small pattern language, compiled by `special-categories.ts`:
 * - case-insensitive; `ä ö ü` also match `ae oe ue`, `ß` also `ss`;
 * - `*` = any letters (inflection, or the rest of a compound); a leading `*` lets the term sit at the
 *   end or middle of a compound ("Krebs*erkrankung*"), otherwise the term starts a word;
 * - without a trailing `*` the term must end the word; a space matches any whitespace or hyphen;
 * - anything else is a regular expression fragment (so `\\.` for a literal dot, `(a|b)`, `?`).
 * `weak` entries are ambiguous on their own and get a lower confidence.
 */
export type LexiconEntry = { pattern: string; weak?: boolean; caseSensitive?: boolean };
export type Lexicon = { kind: SpecialKind; locale: Locale; entries: LexiconEntry[] };

/** A context rule: a hit is dropped when the whole word or its surroundings match. */
export type Exclusion = {
  id: string;
  /** Without a kind, the rule applies to every special category. */
  kind?: SpecialKind;
  /** Tested against the whole (lower-cased) word the hit lies in, hyphenated parts included. */
  word?: RegExp;
  /** Tested against up to 40 characters before the hit (lower-cased). */
  before?: RegExp;
  /** Tested against up to 40 characters after the hit (lower-cased). */
  after?: RegExp;
};

const e = (...patterns: string[]): LexiconEntry[] => patterns.map((pattern) => ({ pattern }));
const weak = (...patterns: string[]): LexiconEntry[] => patterns.map((pattern) => ({ pattern, weak: true }));
/** Case-sensitive entries: acronyms and names that are everyday words in lower case ("die linke Spalte"). */
const cs = (...patterns: string[]): LexiconEntry[] =>
  patterns.map((pattern) => ({ pattern, caseSensitive: true }));

export { cs, e, weak };

export const GERMAN_LEXICONS: Lexicon[] = [
  {
    kind: 'health',
    locale: 'de',
    entries: [
      ...e('*krank(e|er|en|em|es|t|te|ten)?', '*krankheit*', '*erkrank*', 'krankgeschrieben', 'krankmeld*'),
      ...e('krankschreib*', 'arbeitsunfähig*', 'au-bescheinigung*', 'diagnose*', 'diagnostiz*'),
      ...e('diabet*', 'krebs*', '*tumor*', 'chemo*', 'strahlentherapie*', 'schwanger*', 'mutterschutz*'),
      ...e('reha', 'reha-*', 'rehaklinik*', 'rehabilitation*', 'kur', 'depressi*', 'burn-?out*', 'psych*'),
      ...e(
        '*therapie*',
        '*therapeut*',
        'schwerbehindert*',
        '(geistig|körperlich|ist|sind) behindert*',
        '*behinderung*',
        'rollst(u|ü)hl*',
        'gehörlos*',
        'blind(e|er|en)?',
      ),
      ...e('medikament*', 'insulin*', 'antidepressiv*', '*allergi*', 'asthma*', 'hiv*', 'demenz*'),
      ...e(
        'alzheimer*',
        'epilep*',
        'herzinfarkt*',
        'schlaganfall*',
        'bandscheibe*',
        'pflegegrad*',
        'pflegestufe*',
      ),
      ...e(
        '(wurde|wird|werden|worden|ist|hat sich) operier*',
        'operier(t|en) (werden|worden|lassen)',
        'trisomie*',
      ),
      ...e(
        '(alkohol|drogen|spiel|mager|ess|medikamenten|nikotin|tabletten)sucht*',
        'sucht(krank|klinik|beratung)*',
      ),
      ...e(
        '(alkohol|drogen|medikamenten|opioid)abhängig*',
        'alkoholiker*',
        'entzugsklinik*',
        '(alkohol|drogen)entzug*',
      ),
      ...e('im entzug', 'multiple sklerose', 'gesundheitszustand*', 'gesundheitsproblem*', 'long covid'),
      ...e('(im|ins|aus dem) (krankenhaus|klinikum|klinik|spital)', 'klinikaufenthalt*', 'arzttermin*'),
      ...e(
        'beim (arzt|hausarzt|facharzt|zahnarzt|psychiater|kardiologen|onkologen)',
        'bluthochdruck*',
        'migräne*',
      ),
      ...e(
        'gesundheitlich*',
        'arztbesuch*',
        'facharzt*',
        'onkolog*',
        'kardiolog*',
        'dialyse*',
        'pflegebedürftig*',
      ),
      ...e(
        '*infektion*',
        'corona-?positiv',
        'covid*',
        'fehlgeburt*',
        '(bein|arm|fuß|hüft|rippen|handgelenk)bruch*',
      ),
      ...e(
        'gebrochen(e|en|es|er)? (bein|arm|hand|fuß|rippe|hüfte|handgelenk)',
        '(bein|arm|hand|fuß|hüfte) gebrochen',
      ),
      ...e('(nach|vor) (der|seiner|ihrer|einer) op', 'op-termin*', 'hörgerät*', 'autis*', 'adhs', 'bipolar*'),
      ...e('schizophren*', 'panikattacke*', 'angststörung*', 'essstörung*', 'magersucht*', 'krankenwagen*'),
      ...e(
        'herz(problem|erkrank|fehler|schwäche|rhythmusstörung|op)*',
        'blutverdünn*',
        'betablocker*',
        'schmerzmittel*',
      ),
      ...e(
        '*krebs',
        'parkinson*',
        'leukämie*',
        'sehbehindert*',
        'antibiotik*',
        '(k|c)ortison*',
        'chronische schmerzen',
        'rückenleiden*',
      ),
      ...weak('*kranken*', 'gips*', 'krücken', 'attest*', 'befund*'),
    ],
  },
  {
    kind: 'religion',
    locale: 'de',
    entries: [
      ...e(
        'katholi*',
        '(röm\\.-)?kath\\.',
        'evangeli*',
        'ev\\.-luth\\.?',
        'protestant*',
        'muslim*',
        'moslem*',
      ),
      ...e(
        'islam*',
        'jüdisch*',
        'jude',
        'jüdin',
        'juden',
        'judentum*',
        'synagoge*',
        'moschee*',
        'konfessionslos*',
      ),
      ...e('religi*', 'atheist*', 'buddhist*', 'hindu*', 'zeugen? jehovas', 'ramadan*', 'koscher*', 'halal'),
      ...e('kopftuch*', 'gottesdienst*', 'kirchensteuer*', 'kirchenaustritt*', 'taufe*', 'getauft'),
      ...e('konfirm*', 'kommunion*', 'firmung*', 'freikirch*', 'scientolog*', 'glaubensgemeinschaft*'),
      ...e(
        'sabbat*',
        'diwali',
        'aus der kirche ausgetreten',
        'gläubige(r|n)? (muslim|muslima|christ|christin|katholik|katholikin|jude|jüdin|hindu)',
      ),
      ...e(
        'kirchgänger*',
        'fastenbrechen*',
        'sikh*',
        'gläubig(e|en|em)?',
        '(sehr|streng|tief) gläubig*',
        'zur messe',
      ),
      ...e(
        '(in die|zur|in der) (kirche|moschee|synagoge)',
        'kirchenmitglied*',
        'christ(in)?',
        'christlich*',
        'pfingstgemeinde*',
      ),
    ],
  },
  {
    kind: 'ethnic_origin',
    locale: 'de',
    entries: [
      ...e(
        'ethni*',
        'migrationshintergrund*',
        'hautfarbe*',
        'sinti*',
        'abstammung*',
        'dunkelhäutig*',
        'afrodeutsch*',
      ),
      ...e('kurd(e|en|in|isch|ische|ischen|ischer)', 'volkszugehörigkeit*', 'schwarzafrikan*', 'jesid*'),
      ...e(
        '(türkische|arabische|afrikanische|asiatische|polnische|russische) wurzeln',
        'wurzeln in (der|den) \\p{L}+',
      ),
      ...weak('rasse', 'roma'),
    ],
  },
  {
    kind: 'political_opinion',
    locale: 'de',
    entries: [
      ...e('*partei*', 'bündnis 90', 'politisch*', 'stammwähler*', '*wähler(in|innen)?', 'linksextrem*'),
      ...e(
        'rechtsextrem*',
        'kommunist*',
        'sozialist*',
        'querdenker*',
        'monarchist*',
        'anarchist*',
        'wahlkampf*',
      ),
      ...e(
        '(demo|demonstration|kundgebung)(en)? (gegen|für)',
        'demonstrier(t|te|ten|en) (gegen|für)',
        'auf der demo',
      ),
      ...cs(
        'CDU*',
        'CSU*',
        'SPD*',
        'FDP*',
        'AfD*',
        'BSW*',
        'Grünen*',
        'Grüne',
        'Linke',
        'Linken',
        'Freie Wähler*',
      ),
      ...cs('Jusos', 'Junge Union'),
    ],
  },
  {
    kind: 'trade_union',
    locale: 'de',
    entries: [
      ...e(
        '*gewerkschaft*',
        'ver\\.di*',
        'ig metall*',
        'ig bce',
        'ig bau',
        'marburger bund',
        'vertrauensleut*',
      ),
      ...e('vertrauensmann', 'vertrauensfrau', 'streikposten', 'tarifkommission*'),
      ...cs('GEW', 'GEW-*', 'NGG', 'EVG', 'DGB', 'GdL', 'GDL', 'dbb', 'Verdi', 'Verdi-Mitglied*', 'IGM'),
    ],
  },
  {
    kind: 'sex_life',
    locale: 'de',
    entries: [
      ...e(
        'schwul*',
        'lesbisch*',
        'lesbe',
        'lesben',
        'bisexu*',
        'homosexu*',
        'heterosexu*',
        'queer*',
        'transgender*',
        'transsexu*',
      ),
      ...e(
        'trans(frau|mann)',
        'sexuell(e|en|er)? (orientierung|neigung|vorlieben|identität)',
        'sexualleben*',
      ),
      ...e('coming-?out', 'geschlechtsangleich*', 'geschlechtsumwandlung*', 'lgbt*', 'sexualpartner*'),
      ...e('gleichgeschlechtlich*', 'asexu*', 'pansexu*', 'swinger*', 'intim(leben|verkehr)*', 'sexsucht*'),
    ],
  },
  {
    kind: 'biometric',
    locale: 'de',
    entries: [
      ...e('fingerabdr(u|ü)ck*', '*gesichtserkennung*', 'gesichtsscan*', 'iris-?scan*', 'biometri*'),
      ...e('stimmprofil*', 'stimmabdruck*', 'handvenen*', 'netzhautscan*', 'retina-?scan*', 'face id'),
      ...e('gesichtsgeometrie*', 'gesichtsbild*', 'venenscan*', 'touch id'),
    ],
  },
  {
    kind: 'genetic',
    locale: 'de',
    entries: [
      ...cs('DNA*', 'DNS-Test*', 'BRCA*'),
      ...e('genetisch*', 'gentest*', 'dna-*', 'genanalyse*', 'genom*', 'gendefekt*', 'erbkrank*'),
      ...e('vaterschaftstest*', 'abstammungstest*', 'erbgut*', 'chromosom*', 'genmutation*', 'erblich'),
      ...e('erbliche vorbelastung', 'genträger*', 'anlageträger*'),
    ],
  },
];
