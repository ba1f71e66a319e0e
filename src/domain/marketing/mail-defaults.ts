import { AppError } from '../errors.ts';

/*
 * The built-in mail templates (German and English) and the `{{placeholder}}` rules of mail templates.
 * A tenant's own version replaces a built-in one (version 0) per key and language.
 */

export const MAIL_TEMPLATE_KEYS = [
  'double_opt_in',
  'portal_login',
  'marketing_footer',
  'redaction_notice',
] as const;
export type MailTemplateKeyName = (typeof MAIL_TEMPLATE_KEYS)[number];
export type MailLanguage = 'de' | 'en';

/** The placeholders each template may use; any other is refused when a template is saved. */
export const MAIL_PLACEHOLDERS: Record<MailTemplateKeyName, readonly string[]> = {
  double_opt_in: ['link', 'purpose', 'senderName', 'firstName', 'lastName', 'expiresAt'],
  portal_login: ['link', 'minutes', 'senderName', 'firstName'],
  marketing_footer: ['unsubscribeLink', 'preferencesLink', 'postalAddress', 'senderName', 'firstName'],
  /** the notice after a redaction (ADR 0032): what kind of information was removed, never the information */
  redaction_notice: ['senderName', 'firstName', 'lastName', 'removed', 'date'],
};

/** The placeholders a template must contain (a confirmation mail without its link is useless). */
export const REQUIRED_PLACEHOLDERS: Record<MailTemplateKeyName, readonly string[]> = {
  double_opt_in: ['link'],
  portal_login: ['link'],
  marketing_footer: ['unsubscribeLink'],
  redaction_notice: ['removed'],
};

export type MailTemplateText = { subject: string; body: string };

export const DEFAULT_MAIL_TEMPLATES: Record<MailTemplateKeyName, Record<MailLanguage, MailTemplateText>> = {
  // only the confirmation: no advertising in a double opt-in mail (BGH I ZR 218/07 line of cases)
  double_opt_in: {
    de: {
      subject: 'Bitte bestätigen Sie Ihre Anmeldung',
      body: [
        'Guten Tag,',
        'Sie haben sich bei {{senderName}} angemeldet für: {{purpose}}.',
        'Bitte bestätigen Sie Ihre Anmeldung über diesen Link:\n{{link}}',
        'Erst mit Ihrer Bestätigung wird die Einwilligung wirksam. Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail bitte; Sie erhalten dann keine weiteren Nachrichten von uns.',
        'Ihre Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen.',
        '{{senderName}}',
      ].join('\n\n'),
    },
    en: {
      subject: 'Please confirm your sign-up',
      body: [
        'Hello,',
        'You signed up with {{senderName}} for: {{purpose}}.',
        'Please confirm your sign-up with this link:\n{{link}}',
        'Your consent takes effect only once you confirm. If you did not sign up, please ignore this e-mail; you will not hear from us again.',
        'You may withdraw your consent at any time with effect for the future.',
        '{{senderName}}',
      ].join('\n\n'),
    },
  },
  portal_login: {
    de: {
      subject: 'Ihr Anmeldelink zum Datenschutzportal',
      body: [
        'Guten Tag,',
        'mit diesem Link melden Sie sich im Datenschutzportal von {{senderName}} an:\n{{link}}',
        'Der Link gilt {{minutes}} Minuten und nur einmal. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail bitte.',
        '{{senderName}}',
      ].join('\n\n'),
    },
    en: {
      subject: 'Your login link to the privacy portal',
      body: [
        'Hello,',
        'Use this link to log in to the privacy portal of {{senderName}}:\n{{link}}',
        'The link is valid for {{minutes}} minutes and only once. If you did not ask for it, please ignore this e-mail.',
        '{{senderName}}',
      ].join('\n\n'),
    },
  },
  marketing_footer: {
    de: {
      subject: 'Fußzeile',
      body: [
        '--',
        '{{senderName}}\n{{postalAddress}}',
        'Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen, ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen.',
        'Abmelden mit einem Klick: {{unsubscribeLink}}\nIhre Einstellungen: {{preferencesLink}}',
      ].join('\n'),
    },
    en: {
      subject: 'Footer',
      body: [
        '--',
        '{{senderName}}\n{{postalAddress}}',
        'You may object to the use of your data for advertising at any time, without any costs other than the transmission costs at the basic rates.',
        'Unsubscribe with one click: {{unsubscribeLink}}\nYour preferences: {{preferencesLink}}',
      ].join('\n'),
    },
  },
  // after a redaction (ADR 0032): names the kind of information removed, never the information itself
  redaction_notice: {
    de: {
      subject: 'Wir haben Angaben über Sie gelöscht',
      body: [
        'Guten Tag {{firstName}} {{lastName}},',
        'bei der Prüfung unserer Unterlagen haben wir am {{date}} Angaben über Sie gefunden, die wir nicht hätten speichern sollen: {{removed}}.',
        'Wir haben diese Angaben unwiderruflich gelöscht. Sie sind auch in unseren internen Protokollen nicht mehr lesbar. Sie müssen nichts weiter tun.',
        'Wenn Sie Fragen haben oder Auskunft über die Daten wünschen, die wir über Sie speichern (Art. 15 DSGVO), antworten Sie bitte auf diese E-Mail.',
        '{{senderName}}',
      ].join('\n\n'),
    },
    en: {
      subject: 'We deleted information about you',
      body: [
        'Hello {{firstName}} {{lastName}},',
        'When reviewing our records on {{date}}, we found information about you that we should not have stored: {{removed}}.',
        'We have deleted this information irreversibly. It can no longer be read in our internal logs either. You do not need to do anything.',
        'If you have questions or would like to know which data we hold about you (Art. 15 GDPR), please reply to this e-mail.',
        '{{senderName}}',
      ].join('\n\n'),
    },
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a text uses, in order of appearance (duplicates removed). */
export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')),
];

/**
 * Refuses (`invalid_template`, params.placeholder) a template with a placeholder the key does not
 * know, a stray `{{` or `}}`, or without a placeholder it must contain (e.g. the link).
 */
export const validateMailTemplate = (key: MailTemplateKeyName, template: MailTemplateText): void => {
  const known = new Set(MAIL_PLACEHOLDERS[key]);
  for (const text of [template.subject, template.body]) {
    for (const name of placeholdersIn(text))
      if (!known.has(name))
        throw new AppError('invalid_template', { params: { placeholder: `{{${name}}}` } });
    const rest = text.replace(PLACEHOLDER, '');
    const stray = rest.match(/\{\{|\}\}/);
    if (stray) {
      const at = stray.index ?? 0;
      throw new AppError('invalid_template', {
        params: { placeholder: rest.slice(Math.max(0, at - 10), at + 20).trim() },
      });
    }
  }
  const used = new Set(placeholdersIn(template.body));
  for (const name of REQUIRED_PLACEHOLDERS[key])
    if (!used.has(name)) throw new AppError('invalid_template', { params: { placeholder: `{{${name}}}` } });
};

/**
 * Fills the placeholders with plain text. A placeholder without a value renders empty; an unknown one
 * (which saving refuses) stays visible as written, so nothing disappears silently.
 */
export const renderMailText = (text: string, vars: Record<string, string | null | undefined>): string =>
  text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(vars, name) ? (vars[name] ?? '') : KNOWN_ANYWHERE.has(name) ? '' : whole,
  );

const KNOWN_ANYWHERE = new Set(Object.values(MAIL_PLACEHOLDERS).flat());

export const renderMailTemplateText = (
  template: MailTemplateText,
  vars: Record<string, string | null | undefined>,
): { subject: string; text: string } => ({
  subject: renderMailText(template.subject, vars).replace(/\s+/g, ' ').trim(),
  text: renderMailText(template.body, vars)
    .replace(/\n{3,}/g, '\n\n')
    .trim(),
});
