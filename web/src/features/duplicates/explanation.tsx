import { useTranslation } from 'react-i18next';
import type { DuplicateSuggestion } from './api';

/** Why a pair was suggested, in words: the fields that agree, then those that differ. */
export function Explanation({ suggestion }: { suggestion: DuplicateSuggestion }) {
  const { t } = useTranslation();
  const agree = suggestion.explanation.filter((c) => c.weight > 0);
  const differ = suggestion.explanation.filter((c) => c.weight < 0 && c.field !== 'locationCap');
  const words = (c: DuplicateSuggestion['explanation'][number]) =>
    `${t(`duplicates.fields.${c.field}`, { defaultValue: c.field })}: ${t(`duplicates.levels.${c.level}`, {
      defaultValue: c.level,
    })}`;
  return (
    <div className="text-xs text-slate-600" data-testid="duplicate-explanation">
      {suggestion.namesSwapped ? <div>{t('duplicates.namesSwapped')}</div> : null}
      {agree.length ? (
        <div>
          <span className="font-medium text-emerald-700">{t('duplicates.agree')}</span>{' '}
          {agree.map(words).join(' · ')}
        </div>
      ) : null}
      {differ.length ? (
        <div>
          <span className="font-medium text-red-700">{t('duplicates.differ')}</span>{' '}
          {differ.map(words).join(' · ')}
        </div>
      ) : null}
    </div>
  );
}
