import { detectIdentifiers } from './identifiers.ts';
import { detectSpecialCategories } from './special-categories.ts';
import { KIND_LABEL, type Locale, type SensitiveHit } from './types.ts';

/**
 * The one entry point of the sensitive-data detector: special-category terms (lexicons with context
 * rules, German and English; `locale` limits the lexicons to one language, identifiers are always
 * checked) and validated identifiers. Overlapping hits of the same kind are merged; hits are sorted
 * by offset. Pure: no I/O, and the result holds offsets, never the matched text.
 */
export const detectSensitive = ({ text, locale }: { text: string; locale?: Locale }): SensitiveHit[] => {
  const all = [...detectIdentifiers({ text }), ...detectSpecialCategories({ text, locale })].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const merged: SensitiveHit[] = [];
  for (const h of all) {
    const same = merged.find((m) => m.kind === h.kind && h.start < m.end && m.start < h.end);
    if (!same) {
      merged.push({ ...h });
      continue;
    }
    same.end = Math.max(same.end, h.end);
    if (h.confidence > same.confidence) {
      same.confidence = h.confidence;
      same.ruleId = h.ruleId;
    }
  }
  return merged.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
};

/**
 * Replaces the hit spans with a placeholder naming what was removed ("[entfernt: Gesundheit]",
 * "[removed: health]"). Overlapping spans become one placeholder that names every kind in them.
 */
export const redact = ({
  text,
  hits,
  locale = 'de',
}: {
  text: string;
  hits: SensitiveHit[];
  locale?: Locale;
}) => {
  const spans: { start: number; end: number; labels: string[] }[] = [];
  for (const h of [...hits].sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind))) {
    if (h.start < 0 || h.end > text.length || h.end <= h.start) continue;
    const label = KIND_LABEL[h.kind][locale];
    const last = spans.at(-1);
    if (last && h.start < last.end) {
      last.end = Math.max(last.end, h.end);
      if (!last.labels.includes(label)) last.labels.push(label);
    } else spans.push({ start: h.start, end: h.end, labels: [label] });
  }
  const word = locale === 'de' ? 'entfernt' : 'removed';
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}[${word}: ${s.labels.join(', ')}]`;
    at = s.end;
  }
  return out + text.slice(at);
};
