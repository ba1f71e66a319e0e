import i18n from '../../i18n';

/** The key under which the UI remembers a language the user chose (see i18n/index.ts). */
const STORAGE_KEY = 'custos.language';

let applied = false;

/**
 * The portal speaks the browser's language (German or English) until the person picks one with the
 * switch, which is then remembered. Runs once per page load, before the first portal page renders.
 */
export const applyBrowserLanguage = () => {
  if (applied) return;
  applied = true;
  try {
    if (window.localStorage.getItem(STORAGE_KEY)) return;
  } catch {
    // no storage: follow the browser
  }
  const preferred = (navigator.languages ?? [navigator.language]).find((l) => /^(de|en)\b/i.test(l));
  const language = preferred?.toLowerCase().startsWith('en') ? 'en' : 'de';
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
};
