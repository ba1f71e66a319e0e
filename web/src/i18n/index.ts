import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setLanguageSource } from '../api/client';
import accountabilityDe from '../features/accountability/accountability.de.json';
import accountabilityEn from '../features/accountability/accountability.en.json';
import breachesDe from '../features/breaches/breaches.de.json';
import breachesEn from '../features/breaches/breaches.en.json';
import campaignsDe from '../features/campaigns/campaigns.de.json';
import campaignsEn from '../features/campaigns/campaigns.en.json';
import consentDe from '../features/consent/consent.de.json';
import consentEn from '../features/consent/consent.en.json';
import consistencyDe from '../features/consistency/consistency.de.json';
import consistencyEn from '../features/consistency/consistency.en.json';
import dataQualityDe from '../features/data-quality/data-quality.de.json';
import dataQualityEn from '../features/data-quality/data-quality.en.json';
import dpiaDe from '../features/dpia/dpia.de.json';
import dpiaEn from '../features/dpia/dpia.en.json';
import duplicatesDe from '../features/duplicates/duplicates.de.json';
import duplicatesEn from '../features/duplicates/duplicates.en.json';
import importDe from '../features/import/import.de.json';
import importEn from '../features/import/import.en.json';
import marketingAdminDe from '../features/marketing-settings/marketing-admin.de.json';
import marketingAdminEn from '../features/marketing-settings/marketing-admin.en.json';
import contactChecksDe from '../features/persons/contact-checks.de.json';
import contactChecksEn from '../features/persons/contact-checks.en.json';
import photosDe from '../features/photos/photos.de.json';
import photosEn from '../features/photos/photos.en.json';
import portalDe from '../features/portal/portal.de.json';
import portalEn from '../features/portal/portal.en.json';
import publicConsentDe from '../features/public-consent/public-consent.de.json';
import publicConsentEn from '../features/public-consent/public-consent.en.json';
import systemsDe from '../features/recipients/systems.de.json';
import systemsEn from '../features/recipients/systems.en.json';
import redactionDe from '../features/redaction/redaction.de.json';
import redactionEn from '../features/redaction/redaction.en.json';
import retentionDe from '../features/retention/retention.de.json';
import retentionEn from '../features/retention/retention.en.json';
import retentionSweepsDe from '../features/retention-sweeps/retention-sweeps.de.json';
import retentionSweepsEn from '../features/retention-sweeps/retention-sweeps.en.json';
import ropaDe from '../features/ropa/ropa.de.json';
import ropaEn from '../features/ropa/ropa.en.json';
import segmentsDe from '../features/segments/segments.de.json';
import segmentsEn from '../features/segments/segments.en.json';
import selfCheckDe from '../features/self-check/self-check.de.json';
import selfCheckEn from '../features/self-check/self-check.en.json';
import webFormsDe from '../features/web-forms/web-forms.de.json';
import webFormsEn from '../features/web-forms/web-forms.en.json';
import billingDe from './billing.de.json';
import billingEn from './billing.en.json';
import accountDe from './customer-account.de.json';
import accountEn from './customer-account.en.json';
import dashboardDe from './dashboard.de.json';
import dashboardEn from './dashboard.en.json';
import de from './de.json';
import en from './en.json';
import recipientsDe from './recipients.de.json';
import recipientsEn from './recipients.en.json';
import requestsDe from './requests.de.json';
import requestsEn from './requests.en.json';
import salesDe from './sales.de.json';
import salesEn from './sales.en.json';
import serviceDe from './service.de.json';
import serviceEn from './service.en.json';

/** The base texts and one file pair per everyday-CRM feature, each under its own top-level key. */
export const resources = {
  de: {
    translation: {
      ...de,
      ...salesDe,
      ...billingDe,
      ...serviceDe,
      ...accountDe,
      ...dashboardDe,
      ...requestsDe,
      ...recipientsDe,
      ...consentDe,
      ...marketingAdminDe,
      ...publicConsentDe,
      ...portalDe,
      ...segmentsDe,
      ...campaignsDe,
      ...breachesDe,
      ...accountabilityDe,
      ...retentionDe,
      ...retentionSweepsDe,
      ...ropaDe,
      ...dpiaDe,
      ...selfCheckDe,
      ...contactChecksDe,
      ...systemsDe,
      ...webFormsDe,
      ...photosDe,
      ...importDe,
      ...dataQualityDe,
      ...duplicatesDe,
      ...redactionDe,
      ...consistencyDe,
    },
  },
  en: {
    translation: {
      ...en,
      ...salesEn,
      ...billingEn,
      ...serviceEn,
      ...accountEn,
      ...dashboardEn,
      ...requestsEn,
      ...recipientsEn,
      ...consentEn,
      ...marketingAdminEn,
      ...publicConsentEn,
      ...portalEn,
      ...segmentsEn,
      ...campaignsEn,
      ...breachesEn,
      ...accountabilityEn,
      ...retentionEn,
      ...retentionSweepsEn,
      ...ropaEn,
      ...dpiaEn,
      ...selfCheckEn,
      ...contactChecksEn,
      ...systemsEn,
      ...webFormsEn,
      ...photosEn,
      ...importEn,
      ...dataQualityEn,
      ...duplicatesEn,
      ...redactionEn,
      ...consistencyEn,
    },
  },
};

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'custos.language';

const readStoredLanguage = (): Language => {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
};

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(),
  fallbackLng: 'de',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;
setLanguageSource(() => (i18n.language === 'en' ? 'en' : 'de'));

/** Switches the UI language and remembers it in localStorage. */
export const changeLanguage = async (language: Language) => {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
};

/** Picks the German or English variant of a catalogue entry. */
export const localized = <T extends { labelDe: string; labelEn: string }>(entry: T, language: string) =>
  language.startsWith('en') ? entry.labelEn : entry.labelDe;

export default i18n;
