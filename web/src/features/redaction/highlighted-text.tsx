import { useTranslation } from 'react-i18next';
import type { RedactionHit } from './api';

const key = (h: RedactionHit) => `${h.kind}:${h.start}:${h.end}`;

/** The text with each hit marked and a checkbox per hit (checked = will be redacted). */
export function HighlightedText({
  text,
  hits,
  selected,
  onToggle,
}: {
  text: string;
  hits: RedactionHit[];
  selected: Set<string>;
  onToggle: (hitKey: string) => void;
}) {
  const { t } = useTranslation();
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const h of [...hits].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    if (h.start > at) parts.push(text.slice(at, h.start));
    parts.push(
      <mark
        key={key(h)}
        className="rounded bg-amber-200 px-0.5"
        title={t(`redaction.kind.${h.kind}`)}
        data-testid="redaction-hit"
        data-kind={h.kind}
      >
        {text.slice(h.start, h.end)}
      </mark>,
    );
    at = h.end;
  }
  parts.push(text.slice(at));
  return (
    <div className="space-y-3">
      <p
        className="whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3"
        data-testid="redaction-text"
      >
        {parts}
      </p>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t('redaction.hits')}</legend>
        {hits.map((h) => (
          <label key={key(h)} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={selected.has(key(h))}
              onChange={() => onToggle(key(h))}
              data-testid={`redaction-hit-check-${h.kind}`}
            />
            <span className="font-medium">{t(`redaction.kind.${h.kind}`)}</span>
            <span className="text-slate-600">„{text.slice(h.start, h.end)}“</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export const hitKey = key;
