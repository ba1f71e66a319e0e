import { EXCLUSIONS } from './context-rules.ts';
import type { Exclusion, Lexicon, LexiconEntry } from './lexicon.ts';
import { GERMAN_LEXICONS } from './lexicon.ts';
import { ENGLISH_LEXICONS } from './lexicon-en.ts';
import { KIND_CATEGORY, type Locale, type SensitiveHit, type SpecialKind } from './types.ts';

/** Confidence of a lexicon hit: unambiguous terms and phrases vs terms marked weak. */
export const STRONG_CONFIDENCE = 0.9;
export const WEAK_CONFIDENCE = 0.6;

const LETTER = /[\p{L}\p{M}\p{N}]/u;
const SPELLINGS: Record<string, string> = { ä: '(?:ä|ae)', ö: '(?:ö|oe)', ü: '(?:ü|ue)', ß: '(?:ß|ss)' };

/** Turns one lexicon pattern (see lexicon.ts) into a regular expression source. */
export const patternSource = (pattern: string): string => {
  const leadingStar = pattern.startsWith('*');
  const trailingStar = pattern.endsWith('*') && !pattern.endsWith('\\*');
  const core = pattern.slice(leadingStar ? 1 : 0, trailingStar ? -1 : undefined);
  let body = '';
  for (const ch of core) {
    if (SPELLINGS[ch.toLowerCase()]) body += SPELLINGS[ch.toLowerCase()]!;
    else if (ch === ' ') body += '[\\s\\-]+';
    else if (ch === '*') body += '\\p{L}*';
    else body += ch;
  }
  const start = `(?<![\\p{L}\\p{M}\\p{N}_])${leadingStar ? '[\\p{L}\\p{M}]*?' : ''}`;
  const end = trailingStar ? '' : '(?![\\p{L}\\p{M}\\p{N}_])';
  return `${start}(?:${body})${end}`;
};

type CompiledRule = { kind: SpecialKind; ruleId: string; confidence: number; regex: RegExp };

const compileLexicon = (lexicon: Lexicon): CompiledRule[] => {
  const groups = new Map<string, LexiconEntry[]>();
  for (const entry of lexicon.entries) {
    const key = `${entry.weak ? 'weak' : 'strong'}.${entry.caseSensitive ? 'cs' : 'ci'}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([key, entries]) => ({
    kind: lexicon.kind,
    ruleId: `lexicon.${lexicon.kind}.${lexicon.locale}${key.startsWith('weak') ? '.weak' : ''}`,
    confidence: key.startsWith('weak') ? WEAK_CONFIDENCE : STRONG_CONFIDENCE,
    regex: new RegExp(
      entries.map((en) => patternSource(en.pattern)).join('|'),
      key.endsWith('cs') ? 'gu' : 'giu',
    ),
  }));
};

const RULES: Record<Locale, CompiledRule[]> = {
  de: GERMAN_LEXICONS.flatMap(compileLexicon),
  en: ENGLISH_LEXICONS.flatMap(compileLexicon),
};

/** Widens a span to the whole word(s) it touches, hyphenated compounds included. */
export const expandToWord = (text: string, start: number, end: number): [number, number] => {
  const joins = (i: number) =>
    LETTER.test(text[i] ?? '') ||
    ((text[i] === '-' || text[i] === '.') &&
      LETTER.test(text[i - 1] ?? '') &&
      LETTER.test(text[i + 1] ?? ''));
  let s = start;
  let e = end;
  while (s > 0 && joins(s - 1)) s--;
  while (e < text.length && joins(e)) e++;
  return [s, e];
};

/** Lower case with umlauts and ß spelled out, so context rules are written once. */
export const fold = (s: string) =>
  s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

const excluded = (rule: Exclusion, word: string, before: string, after: string) =>
  (!rule.word || rule.word.test(word)) &&
  (!rule.before || rule.before.test(before)) &&
  (!rule.after || rule.after.test(after));

/** The context rule that drops a hit, if any (exported for the unit tests). */
export const exclusionFor = (kind: SpecialKind, text: string, start: number, end: number) => {
  const word = fold(text.slice(start, end));
  const before = fold(text.slice(Math.max(0, start - 40), start));
  const after = fold(text.slice(end, end + 40));
  return EXCLUSIONS.find(
    (r) => (r.kind === undefined || r.kind === kind) && excluded(r, word, before, after),
  );
};

/** Special-category terms (Art. 9 GDPR) in German and English free text. */
export const detectSpecialCategories = ({
  text,
  locale,
}: {
  text: string;
  locale?: Locale;
}): SensitiveHit[] => {
  const rules = locale ? RULES[locale] : [...RULES.de, ...RULES.en];
  const hits: SensitiveHit[] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.regex)) {
      if (m[0].length === 0) continue;
      const [start, end] = expandToWord(text, m.index, m.index + m[0].length);
      if (exclusionFor(rule.kind, text, start, end)) continue;
      hits.push({
        kind: rule.kind,
        category: KIND_CATEGORY[rule.kind],
        start,
        end,
        confidence: rule.confidence,
        ruleId: rule.ruleId,
      });
    }
  }
  return hits;
};
