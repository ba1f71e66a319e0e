import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n';
import { cn } from '../lib/cn';

/** DE | EN toggle; the choice is stored in localStorage. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset
      className={cn('flex overflow-hidden rounded-md border border-slate-300 text-xs', className)}
      aria-label={t('language.label')}
      data-testid="language-switch"
    >
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={active}
            aria-label={t(`language.${language}`)}
            title={t(`language.${language}`)}
            data-testid={`lang-${language}`}
            onClick={() => void changeLanguage(language)}
            className={cn(
              'px-2 py-1 font-semibold uppercase',
              active ? 'bg-brand-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-100',
            )}
          >
            {language}
          </button>
        );
      })}
    </fieldset>
  );
}
