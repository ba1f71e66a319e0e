import { type FieldDefinition, HONEYPOT_FIELD, MAX_LENGTH } from '../../domain/web-forms/fields.ts';
import type { FieldIssue } from '../../domain/web-forms/submission.ts';

/**
 * The hosted page of a web form: server-rendered HTML without scripts, trackers or external
 * resources (CSP: default-src 'none'), labelled inputs, errors linked to their fields.
 */

export type Lang = 'de' | 'en';

export const esc = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const TEXT = {
  de: {
    required: 'Pflichtfeld',
    send: 'Absenden',
    sent: 'Vielen Dank, Ihre Nachricht ist angekommen.',
    errors: 'Bitte prüfen Sie die markierten Felder.',
    purpose: 'Wozu wir Ihre Angaben verwenden',
    basis: 'Rechtsgrundlage',
    privacy: 'Wir speichern nur die Felder dieses Formulars, keine IP-Adresse und keine Browserdaten.',
    honeypot: 'Dieses Feld bitte leer lassen',
    consent: 'Einwilligung',
    issue: {
      required: 'Bitte ausfüllen.',
      too_long: 'Der Text ist zu lang.',
      invalid_email: 'Bitte eine gültige E-Mail-Adresse angeben.',
      invalid_phone: 'Bitte eine gültige Telefonnummer angeben.',
      invalid_date: 'Bitte ein gültiges Datum angeben.',
      invalid_option: 'Bitte eine der Möglichkeiten wählen.',
      invalid_value: 'Dieser Wert ist ungültig.',
    },
  },
  en: {
    required: 'required',
    send: 'Send',
    sent: 'Thank you, your message has arrived.',
    errors: 'Please check the marked fields.',
    purpose: 'What we use your details for',
    basis: 'Legal basis',
    privacy: 'We store only the fields of this form, no IP address and no browser data.',
    honeypot: 'Please leave this field empty',
    consent: 'Consent',
    issue: {
      required: 'Please fill this in.',
      too_long: 'The text is too long.',
      invalid_email: 'Please enter a valid e-mail address.',
      invalid_phone: 'Please enter a valid phone number.',
      invalid_date: 'Please enter a valid date.',
      invalid_option: 'Please choose one of the options.',
      invalid_value: 'This value is not valid.',
    },
  },
} as const;

export type PageForm = {
  name: string;
  fields: FieldDefinition[];
  purposeLabel: string;
  legalBasisLabel: string;
  consentWording: { id: string; text: string } | null;
  successText: string;
};

const inputFor = (f: FieldDefinition, lang: Lang, value: string | boolean | undefined, invalid: boolean) => {
  const id = `f_${f.key}`;
  const common = `id="${id}" name="${esc(f.key)}"${f.required ? ' required' : ''}${invalid ? ` aria-invalid="true" aria-describedby="${id}_err"` : ''}`;
  const max = f.maxLength ?? MAX_LENGTH[f.type];
  const text = typeof value === 'string' ? esc(value) : '';
  switch (f.type) {
    case 'textarea':
      return `<textarea ${common} rows="6" maxlength="${max}">${text}</textarea>`;
    case 'select':
      return `<select ${common}><option value=""></option>${(f.options ?? [])
        .map(
          (o) =>
            `<option value="${esc(o.value)}"${o.value === value ? ' selected' : ''}>${esc(o.label[lang])}</option>`,
        )
        .join('')}</select>`;
    case 'checkbox':
      return `<input type="checkbox" ${common}${value === true || value === 'on' ? ' checked' : ''}>`;
    case 'email':
      return `<input type="email" autocomplete="email" ${common} maxlength="${max}" value="${text}">`;
    case 'phone':
      return `<input type="tel" autocomplete="tel" ${common} maxlength="${max}" value="${text}">`;
    case 'date':
      return `<input type="date" ${common} value="${text}">`;
    default:
      return `<input type="text" ${common} maxlength="${max}" value="${text}">`;
  }
};

/** The fields of the form as HTML (the hosted page and the plain-HTML snippet share it). */
export const renderFields = (
  form: Pick<PageForm, 'fields' | 'consentWording'>,
  lang: Lang,
  input: { values?: Record<string, string | boolean>; issues?: FieldIssue[] } = {},
) => {
  const t = TEXT[lang];
  const rows = form.fields.map((f) => {
    const issue = input.issues?.find((i) => i.field === f.key);
    const label = `${esc(f.label[lang])}${f.required ? ` <span class="req">(${t.required})</span>` : ''}`;
    const control = inputFor(f, lang, input.values?.[f.key], Boolean(issue));
    const error = issue ? `<p class="err" id="f_${f.key}_err">${t.issue[issue.code]}</p>` : '';
    return f.type === 'checkbox'
      ? `<div class="row check">${control} <label for="f_${f.key}">${label}</label>${error}</div>`
      : `<div class="row"><label for="f_${f.key}">${label}</label>${control}${error}</div>`;
  });
  if (form.consentWording)
    rows.push(
      `<div class="row check"><input type="checkbox" id="f_consent" name="consent" required> <label for="f_consent">${esc(form.consentWording.text)}</label></div>`,
    );
  // the honeypot: hidden from people and screen readers, filled only by bots
  rows.push(
    `<div class="hp" aria-hidden="true"><label for="f_hp">${t.honeypot}</label><input type="text" id="f_hp" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>`,
  );
  return rows.join('\n');
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;color:#111;line-height:1.5}
label{display:block;font-weight:600;margin-bottom:.25rem}.check label{display:inline;font-weight:400}
input,textarea,select{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #666;border-radius:4px;font:inherit}
input[type=checkbox]{width:auto}.row{margin-bottom:1rem}.req{font-weight:400;color:#555}
.err{color:#a00;margin:.25rem 0 0}[aria-invalid=true]{border-color:#a00}
button{padding:.6rem 1.2rem;font:inherit;background:#1d4ed8;color:#fff;border:0;border-radius:4px;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.note{color:#444;font-size:.9rem}
.done{padding:1rem;border:1px solid #15803d;border-radius:4px}`;

export const renderPage = (input: {
  form: PageForm;
  lang: Lang;
  action: string;
  sent?: boolean;
  values?: Record<string, string | boolean>;
  issues?: FieldIssue[];
}) => {
  const { form, lang } = input;
  const t = TEXT[lang];
  const body = input.sent
    ? `<p class="done" role="status">${esc(form.successText || t.sent)}</p>`
    : `${input.issues?.length ? `<p class="err" role="alert">${t.errors}</p>` : ''}
<form method="post" action="${esc(input.action)}" accept-charset="utf-8" novalidate>
<input type="hidden" name="lang" value="${lang}">
${renderFields(form, lang, input)}
<button type="submit">${t.send}</button>
</form>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(form.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(form.name)}</h1>
${body}
<p class="note">${t.purpose}: ${esc(form.purposeLabel)}. ${t.basis}: ${esc(form.legalBasisLabel)}. ${t.privacy}</p>
</main>
</body>
</html>
`;
};

/** The hosted page allows only its own inline style and posting to itself; it may be framed (the snippet). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors *";
