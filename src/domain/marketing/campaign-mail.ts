/*
 * What one campaign mail or letter says: the body with its placeholders filled, the personal links of
 * the recipient (one-click withdrawal, preference page, tracked link), the marketing footer with the
 * § 7(3) UWG objection notice, and the one-click headers of RFC 8058.
 */

export type CampaignLanguage = 'de' | 'en';

/** The personal links of one recipient, all opened by the same random token. */
export type RecipientLinks = { unsubscribeUrl: string; preferencesUrl: string; trackedUrl: string };

export const recipientLinks = (publicUrl: string, token: string): RecipientLinks => {
  const base = publicUrl.replace(/\/+$/, '');
  const t = encodeURIComponent(token);
  return {
    unsubscribeUrl: `${base}/api/v1/public/unsubscribe/${t}`,
    preferencesUrl: `${base}/preferences?token=${t}`,
    trackedUrl: `${base}/api/v1/public/c/${t}`,
  };
};

/** "Guten Tag Anna Müller" / "Dear Anna Müller" (no gender guessed from a name). */
export const salutation = (language: CampaignLanguage, firstName: string, lastName: string): string => {
  const name = [firstName, lastName]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  const greeting = language === 'de' ? 'Guten Tag' : 'Dear';
  return name ? `${greeting} ${name}` : language === 'de' ? 'Guten Tag' : 'Dear Sir or Madam';
};

/** The placeholders a campaign body may use. */
export const CAMPAIGN_PLACEHOLDERS = ['firstName', 'lastName', 'salutation', 'link'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders of a text that campaigns do not know (refused when the campaign is saved). */
export const unknownPlaceholders = (text: string): string[] =>
  [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].filter(
    (name) => !(CAMPAIGN_PLACEHOLDERS as readonly string[]).includes(name),
  );

/**
 * Fills {{firstName}}, {{lastName}}, {{salutation}} and {{link}} (the tracked link, when the campaign
 * has a link; else empty). Values go in as plain text; anything else stays as written.
 */
export const renderCampaignText = (
  text: string,
  input: { language: CampaignLanguage; firstName: string; lastName: string; trackedUrl: string | null },
): string => {
  const vars: Record<string, string> = {
    firstName: input.firstName,
    lastName: input.lastName,
    salutation: salutation(input.language, input.firstName, input.lastName),
    link: input.trackedUrl ?? '',
  };
  return text.replace(
    PLACEHOLDER,
    (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name] : whole) ?? '',
  );
};

/** § 7(3) UWG (and Art. 21(4) GDPR): the notice of the right to object, in every advertising mail. */
export const objectionNotice = (language: CampaignLanguage): string =>
  language === 'de'
    ? 'Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen, ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen.'
    : 'You may object to the use of your data for advertising at any time, without any costs other than the transmission costs at the basic rates.';

/**
 * The footer of a campaign mail: the tenant's rendered marketing footer, completed by whatever it
 * lacks of what every advertising mail must carry (the objection notice, the one-click link and the
 * preference link), so an edited template can never drop them.
 */
export const completeFooter = (
  rendered: string,
  input: { language: CampaignLanguage; unsubscribeUrl: string; preferencesUrl: string },
): string => {
  const lines = [rendered.trim()];
  const de = input.language === 'de';
  if (!/widersprechen|object/i.test(rendered)) lines.push(objectionNotice(input.language));
  if (!rendered.includes(input.unsubscribeUrl))
    lines.push(`${de ? 'Abmelden mit einem Klick' : 'Unsubscribe with one click'}: ${input.unsubscribeUrl}`);
  if (!rendered.includes(input.preferencesUrl))
    lines.push(`${de ? 'Ihre Einstellungen' : 'Your preferences'}: ${input.preferencesUrl}`);
  return lines.filter(Boolean).join('\n');
};

/** The body and the footer of one mail. */
export const composeMailText = (body: string, footer: string): string => `${body.trimEnd()}\n\n${footer}\n`;

/** RFC 2369 List-Unsubscribe with the RFC 8058 one-click POST. */
export const listUnsubscribeHeaders = (unsubscribeUrl: string): Record<string, string> => ({
  'List-Unsubscribe': `<${unsubscribeUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

/** What a letter of a campaign ends with: the objection notice and the preference page (Art. 21(4)). */
export const letterFooter = (language: CampaignLanguage, preferencesUrl: string): string =>
  language === 'de'
    ? `${objectionNotice('de').replace(', ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen', '')} Ihre Einstellungen: ${preferencesUrl}`
    : `${objectionNotice('en').replace(', without any costs other than the transmission costs at the basic rates', '')} Your preferences: ${preferencesUrl}`;
