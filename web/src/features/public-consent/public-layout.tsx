import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { Logo } from '../../components/logo';
import { changeLanguage, type Language } from '../../i18n';

const asLanguage = (value: unknown): Language | undefined =>
  value === 'de' || value === 'en' ? value : undefined;

const browserLanguage = (): Language =>
  typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en';

/**
 * Chooses the page language: ?lang= first, then the language the data names (the form's, the
 * recipient's), then the browser's. The first guess is applied before the first request (so the API's
 * messages come in it); data arriving later may refine it once. Afterwards the visitor's switch wins.
 */
export const usePublicLanguage = (fromUrl: unknown, fromData: unknown) => {
  const explicit = asLanguage(fromUrl);
  const data = asLanguage(fromData);
  const refined = useRef(false);
  useState(() => {
    void changeLanguage(explicit ?? data ?? browserLanguage());
    return null;
  });
  useEffect(() => {
    if (refined.current || explicit || !data) return;
    refined.current = true;
    void changeLanguage(data);
  }, [explicit, data]);
};

/** The frame of the pages people reach from an e-mail or a website, without login. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-xl items-center justify-between gap-2 px-4 py-2">
          <span className="text-brand-700" aria-hidden="true">
            <Logo />
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-6">
        <h1 className="mb-4 text-2xl font-semibold tracking-tight break-words">{title}</h1>
        {children}
      </main>
      <footer className="mx-auto w-full max-w-xl px-4 pb-6 text-xs text-slate-500">
        {t('publicConsent.footer')}
      </footer>
    </div>
  );
}
