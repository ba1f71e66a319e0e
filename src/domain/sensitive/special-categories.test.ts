import { describe, expect, it } from 'vitest';
import { detectSensitive } from './detect.ts';
import {
  detectSpecialCategories,
  exclusionFor,
  expandToWord,
  fold,
  patternSource,
} from './special-categories.ts';
import type { SpecialKind } from './types.ts';

const kinds = (text: string, locale?: 'de' | 'en') =>
  detectSensitive({ text, locale }).map((h) => `${h.kind}:${text.slice(h.start, h.end)}`);

describe('lexicon patterns', () => {
  it.each([
    ['krank*', 'krankgeschrieben', true],
    ['krank*', 'Schrank', false],
    ['*erkrankung*', 'Krebserkrankungen', true],
    ['schwanger*', 'Schwangerschaft', true],
    ['gläubig', 'glaeubig', true], // umlaut written out
    ['fußball', 'Fussball', true],
    ['reha', 'Rehabilitation', false], // no trailing star: whole word only
    ['ig metall', 'IG-Metall', true], // a space matches a hyphen
    ['kath\\.', 'kath.', true],
  ])('%s matches %s: %s', (pattern, text, matches) =>
    expect(new RegExp(patternSource(pattern), 'iu').test(text)).toBe(matches),
  );
});

describe('detectSpecialCategories', () => {
  it.each<[string, string[]]>([
    // German compounds, inflection, umlaut spellings
    ['Sie hat eine Krebserkrankung.', ['health:Krebserkrankung']],
    ['Er ist Gewerkschaftsmitglied.', ['trade_union:Gewerkschaftsmitglied']],
    ['Kundin ist schwanger.', ['health:schwanger']],
    ['Er ist herzkrank.', ['health:herzkrank']],
    ['Sie ist glaeubige Muslima.', ['religion:glaeubige Muslima']],
    ['Konfession: röm.-kath.', ['religion:röm.-kath.']],
    ['Chemotherapie ab Montag', ['health:Chemotherapie']],
    ['Rückruf nach der Reha', ['health:Reha']],
    ['SPD-Mitglied seit 1998', ['political_opinion:SPD-Mitglied']],
    ['Sie ist lesbisch.', ['sex_life:lesbisch']],
    ['Gentest beim Humangenetiker', ['genetic:Gentest']],
    ['Zugang per Fingerabdruck', ['biometric:Fingerabdruck']],
    ['Er hat einen Migrationshintergrund.', ['ethnic_origin:Migrationshintergrund']],
    // English
    ['She was diagnosed with diabetes.', ['health:diagnosed', 'health:diabetes']],
    ['He is a shop steward.', ['trade_union:shop steward']],
    ['Votes Labour.', ['political_opinion:Votes Labour']],
    ['She is Jewish.', ['religion:Jewish']],
    // context rules and hard negatives
    ['Gesundheit!', []],
    ['Die Vertragsparteien vereinbaren Schriftform.', []],
    ['Beide Parteien haben unterschrieben.', []],
    ['Union Investment ruft zurück.', []],
    ['Anlieferung über den Krankenhaus-Parkplatz.', []],
    ['Kunde sucht ein Angebot.', []],
    ['Herr Krebs ruft an.', []],
    ['Sternzeichen Krebs', []],
    ['Krankenkasse: TK', []],
    ['Die linke Spalte', []],
    ['Der Kunde wählt Tarif B.', []],
    ['Gläubiger ist die Bank.', []],
    ['Fehlerdiagnose am Drucker', []],
    ['Warnstreik bei Verdi', []],
    ['The product is coming out next month.', []],
    ['Check the SSH key fingerprint.', []],
    ['The account was disabled.', []],
    ['We are sick of waiting.', []],
    ['Both parties agree.', []],
    ['Her faith in us is restored.', []],
    ['Cancer Research UK ordered pins.', []],
    ['The fingerprint reader is in stock.', []],
    ['Die Schrift ist nicht mehr lesbar.', []],
    ['dsk_biometric_genetic', []], // code identifiers are not free text
    ['The table is keyed by a fingerprint column.', []],
    ['Sie ist Lesbe.', ['sex_life:Lesbe']],
  ])('%s', (text, expected) => expect(kinds(text)).toEqual(expected));

  it('limits the lexicons to one language when a locale is given', () => {
    expect(kinds('She is pregnant.', 'de')).toEqual([]);
    expect(kinds('She is pregnant.', 'en')).toEqual(['health:pregnant']);
    expect(kinds('Sie ist schwanger.', 'en')).toEqual([]);
  });

  it('marks ambiguous terms with a lower confidence and names the lexicon, never the term', () => {
    const [weak] = detectSpecialCategories({ text: 'Er ist im Gips.', locale: 'de' });
    const [strong] = detectSpecialCategories({ text: 'Er ist schwanger.', locale: 'de' });
    expect(weak).toMatchObject({
      kind: 'health',
      category: 'special_health',
      ruleId: 'lexicon.health.de.weak',
      confidence: 0.6,
    });
    expect(strong).toMatchObject({ ruleId: 'lexicon.health.de', confidence: 0.9 });
  });
});

describe('context rules', () => {
  it.each<[SpecialKind, string, string, string | undefined]>([
    ['political_opinion', 'Die Vertragspartei zahlt.', 'Vertragspartei', 'ctx.political.legal-party'],
    ['political_opinion', 'Die Partei des Käufers zahlt.', 'Partei', 'ctx.political.contract-party'],
    ['political_opinion', 'Er ist in der Partei.', 'Partei', undefined],
    ['health', 'Herr Krebs', 'Krebs', 'ctx.any.surname'],
    ['health', 'Lungenkrebs', 'Lungenkrebs', undefined],
    ['biometric', 'browser fingerprint', 'fingerprint', 'ctx.biometric.digital'],
    ['trade_union', 'Streik bei Verdi', 'Verdi', 'ctx.union.strike-news-before'],
  ])('%s in %s', (kind, text, word, rule) => {
    const start = text.indexOf(word);
    expect(exclusionFor(kind, text, start, start + word.length)?.id).toBe(rule);
  });

  it('widens a hit to the whole hyphenated word and folds umlauts', () => {
    const text = 'Die AfD-Wähler kamen.';
    expect(expandToWord(text, 4, 7)).toEqual([4, 14]);
    expect(fold('Gläubiger Größe')).toBe('glaeubiger groesse');
  });
});
