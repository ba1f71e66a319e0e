import type { FieldDefinition } from '../../domain/web-forms/fields.ts';
import { esc, renderFields } from './web-forms.page.ts';

/** The embeddable snippet of a form: an <iframe> of the hosted page, or a plain HTML <form>. */
export const renderSnippet = (input: {
  publicUrl: string;
  form: { public_token: string; name: string; language: 'de' | 'en'; fields: FieldDefinition[] };
  consentWording: { id: string; text: string } | null;
}) => {
  const { publicUrl, form } = input;
  const hostedUrl = `${publicUrl}/forms/${form.public_token}`;
  const action = `${publicUrl}/api/v1/public/web-forms/${form.public_token}`;
  const iframe = `<iframe src="${esc(hostedUrl)}" title="${esc(form.name)}" width="100%" height="720" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
  const html = `<form method="post" action="${esc(action)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${form.language}">
${renderFields({ fields: form.fields, consentWording: input.consentWording }, form.language)}
<button type="submit">${form.language === 'de' ? 'Absenden' : 'Send'}</button>
</form>
<style>.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}</style>`;
  return { hostedUrl, iframe, html };
};
