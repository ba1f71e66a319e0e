/**
 * The built-in letter and e-mail templates (German and English) a tenant starts with; the DPO can
 * replace each one (letter_templates). Placeholders and rendering: letter-templates.ts.
 */
import type { LetterKind, LetterLocale, LetterTemplate } from './letter-templates.ts';

const DE_CLOSING = 'Mit freundlichen Grüßen\n\n{{companyName}}\nDatenschutz';
const EN_CLOSING = 'Yours sincerely,\n\n{{companyName}}\nData Protection';
const DE_RECIPIENTS_NOTIFIED =
  'Soweit wir Ihre Daten an Empfänger weitergegeben haben, haben wir diese nach Art. 19 DSGVO unterrichtet. Auf Wunsch nennen wir Ihnen diese Empfänger.';
const EN_RECIPIENTS_NOTIFIED =
  'Where we disclosed your data to recipients, we have informed them in accordance with Art. 19 GDPR. On request we will tell you who they are.';

const de = (subject: string, ...paragraphs: string[]): LetterTemplate => ({
  subject,
  body: ['Sehr geehrte/r {{personName}},', ...paragraphs, DE_CLOSING].join('\n\n'),
});
const en = (subject: string, ...paragraphs: string[]): LetterTemplate => ({
  subject,
  body: ['Dear {{personName}},', ...paragraphs, EN_CLOSING].join('\n\n'),
});

export const DEFAULT_LETTER_TEMPLATES: Record<LetterKind, Record<LetterLocale, LetterTemplate>> = {
  acknowledgement: {
    de: de(
      'Eingangsbestätigung zu Ihrem Antrag {{requestNumber}}',
      'wir bestätigen den Eingang Ihres Antrags auf {{requestType}} vom {{receivedAt}}. Wir führen ihn unter dem Aktenzeichen {{requestNumber}}; bitte geben Sie es bei Rückfragen an.',
      'Nach Art. 12 Abs. 3 DSGVO beantworten wir Ihren Antrag unverzüglich, spätestens bis zum {{dueAt}}. Sollte eine Verlängerung dieser Frist wegen der Komplexität oder der Anzahl der Anträge erforderlich sein, teilen wir Ihnen dies innerhalb dieser Frist unter Angabe der Gründe mit.',
    ),
    en: en(
      'Acknowledgement of your request {{requestNumber}}',
      'We confirm receipt of your request for {{requestType}} of {{receivedAt}}. Its reference number is {{requestNumber}}; please quote it in any correspondence.',
      'In accordance with Art. 12(3) GDPR we will answer your request without undue delay and by {{dueAt}} at the latest. Should an extension of this period be necessary because of the complexity or number of requests, we will inform you within this period and give the reasons.',
    ),
  },
  identity_request: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Bitte um Bestätigung Ihrer Identität',
      'wir haben Ihren Antrag auf {{requestType}} vom {{receivedAt}} erhalten (Aktenzeichen {{requestNumber}}).',
      'Damit wir personenbezogene Daten nur der berechtigten Person offenlegen, müssen wir uns vergewissern, dass der Antrag von Ihnen stammt. Nach Art. 12 Abs. 6 DSGVO bitten wir Sie daher um zusätzliche Informationen zur Bestätigung Ihrer Identität: etwa eine Antwort von der E-Mail-Adresse, die bei uns hinterlegt ist, oder Angaben, die nur Sie kennen können, wie Ihre Kundennummer oder Ihre bei uns bekannte Anschrift.',
      'Bitte senden Sie uns keine Kopie Ihres Personalausweises, solange wir nicht ausdrücklich darum bitten. Sobald Ihre Identität bestätigt ist, bearbeiten wir Ihren Antrag umgehend, spätestens bis zum {{dueAt}}.',
    ),
    en: en(
      'Your request {{requestNumber}}: please confirm your identity',
      'We have received your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}).',
      'To make sure we disclose personal data only to the person entitled to it, we need to confirm that the request comes from you. In accordance with Art. 12(6) GDPR we therefore ask you for additional information to confirm your identity: for instance a reply from the e-mail address we hold for you, or details only you can know, such as your customer number or the postal address we have on file.',
      'Please do not send us a copy of your identity card unless we expressly ask for it. As soon as your identity is confirmed we will process your request without delay, by {{dueAt}} at the latest.',
    ),
  },
  extension_notice: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Verlängerung der Frist',
      'zu Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) müssen wir Ihnen leider mitteilen, dass wir die Frist zur Beantwortung nach Art. 12 Abs. 3 Satz 2 DSGVO verlängern. Wir werden Ihren Antrag spätestens bis zum {{extendedDueAt}} beantworten.',
      'Gründe für die Verlängerung: {{extensionReason}}',
      'Wir bitten um Ihr Verständnis und informieren Sie, sobald die Bearbeitung abgeschlossen ist.',
    ),
    en: en(
      'Your request {{requestNumber}}: extension of the time limit',
      'Regarding your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}), we regret to inform you that we are extending the period for our answer in accordance with Art. 12(3) GDPR. We will answer your request by {{extendedDueAt}} at the latest.',
      'Reasons for the extension: {{extensionReason}}',
      'Thank you for your understanding; we will let you know as soon as we have completed your request.',
    ),
  },
  access_answer: {
    de: de(
      'Auskunft nach Art. 15 DSGVO zu Ihrem Antrag {{requestNumber}}',
      'wir beantworten hiermit Ihren Antrag auf {{requestType}} vom {{receivedAt}}. Wir bestätigen, dass wir personenbezogene Daten zu Ihrer Person verarbeiten, und teilen Ihnen nach Art. 15 Abs. 1 DSGVO Folgendes mit:',
      '{{art15Facts}}',
      'Eine Kopie Ihrer personenbezogenen Daten (Art. 15 Abs. 3 DSGVO) erhalten Sie in einem gängigen elektronischen Format (JSON und CSV). Sie umfasst folgende Datensätze:',
      '{{dataSummary}}',
      'Die erste Kopie ist für Sie unentgeltlich. Sie haben außerdem das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO).',
    ),
    en: en(
      'Access to your personal data under Art. 15 GDPR (request {{requestNumber}})',
      'We hereby answer your request for {{requestType}} of {{receivedAt}}. We confirm that we process personal data about you and, in accordance with Art. 15(1) GDPR, inform you as follows:',
      '{{art15Facts}}',
      'You receive a copy of your personal data (Art. 15(3) GDPR) in a commonly used electronic format (JSON and CSV). It holds the following records:',
      '{{dataSummary}}',
      'The first copy is free of charge. You also have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).',
    ),
  },
  erasure_confirmation: {
    de: de(
      'Bestätigung der Löschung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und Ihre personenbezogenen Daten nach Art. 17 DSGVO gelöscht.',
      'Soweit wir Daten aufgrund gesetzlicher Aufbewahrungspflichten (insbesondere § 147 AO und § 257 HGB für Rechnungen) weiter aufbewahren müssen, ist ihre Verarbeitung eingeschränkt; sie werden nach Ablauf der Aufbewahrungsfrist gelöscht (Art. 17 Abs. 3 lit. b DSGVO). Damit Sie nicht versehentlich erneut in unseren Bestand gelangen, haben wir Ihre E-Mail-Adresse und Telefonnummer ausschließlich in unumkehrbar verschlüsselter Form in einer Sperrliste vermerkt.',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of erasure (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and erased your personal data in accordance with Art. 17 GDPR.',
      'Where statutory retention obligations (in particular § 147 AO and § 257 HGB for invoices) require us to keep certain data, its processing is restricted and it will be erased when the retention period ends (Art. 17(3)(b) GDPR). So that you are not added to our records again by mistake, we keep your e-mail address and phone number in a suppression list, solely in irreversibly hashed form.',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  rectification_confirmation: {
    de: de(
      'Bestätigung der Berichtigung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und Ihre personenbezogenen Daten nach Art. 16 DSGVO berichtigt beziehungsweise vervollständigt.',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of rectification (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and rectified or completed your personal data in accordance with Art. 16 GDPR.',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  restriction_confirmation: {
    de: de(
      'Bestätigung der Einschränkung der Verarbeitung zu Ihrem Antrag {{requestNumber}}',
      'wir haben Ihrem Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) entsprochen und die Verarbeitung Ihrer personenbezogenen Daten nach Art. 18 DSGVO eingeschränkt.',
      'Ihre Daten werden – von ihrer Speicherung abgesehen – nur noch mit Ihrer Einwilligung, zur Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen, zum Schutz der Rechte einer anderen Person oder aus Gründen eines wichtigen öffentlichen Interesses verarbeitet (Art. 18 Abs. 2 DSGVO). Bevor die Einschränkung aufgehoben wird, unterrichten wir Sie (Art. 18 Abs. 3 DSGVO).',
      DE_RECIPIENTS_NOTIFIED,
    ),
    en: en(
      'Confirmation of the restriction of processing (request {{requestNumber}})',
      'We have complied with your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}) and restricted the processing of your personal data in accordance with Art. 18 GDPR.',
      'Apart from storage, your data will only be processed with your consent, for the establishment, exercise or defence of legal claims, for the protection of the rights of another person or for reasons of important public interest (Art. 18(2) GDPR). We will inform you before the restriction is lifted (Art. 18(3) GDPR).',
      EN_RECIPIENTS_NOTIFIED,
    ),
  },
  objection_confirmation: {
    de: de(
      'Bestätigung Ihres Widerspruchs {{requestNumber}}',
      'wir haben Ihren Widerspruch vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) erhalten und umgesetzt.',
      'Ihre personenbezogenen Daten werden nicht mehr für Zwecke der Direktwerbung verarbeitet (Art. 21 Abs. 3 DSGVO). Soweit wir Daten auf Grundlage berechtigter Interessen verarbeiten, haben wir diese Verarbeitung eingestellt, es sei denn, zwingende schutzwürdige Gründe überwiegen oder sie dient der Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen (Art. 21 Abs. 1 DSGVO). Damit Ihr Widerspruch dauerhaft beachtet wird, haben wir ihn bei Ihren Daten vermerkt.',
    ),
    en: en(
      'Confirmation of your objection {{requestNumber}}',
      'We have received your objection of {{receivedAt}} (reference {{requestNumber}}) and acted on it.',
      'Your personal data will no longer be processed for direct marketing purposes (Art. 21(3) GDPR). Where we process data on the basis of legitimate interests, we have stopped doing so unless there are compelling legitimate grounds that override your interests or the processing serves the establishment, exercise or defence of legal claims (Art. 21(1) GDPR). So that your objection is respected permanently, we have recorded it with your data.',
    ),
  },
  refusal: {
    de: de(
      'Ihr Antrag {{requestNumber}}: Unsere Entscheidung',
      'wir haben Ihren Antrag auf {{requestType}} vom {{receivedAt}} (Aktenzeichen {{requestNumber}}) sorgfältig geprüft. Leider können wir ihm nicht entsprechen.',
      'Gründe: {{refusalReason}}\n{{refusalDetails}}',
      'Nach Art. 12 Abs. 4 DSGVO weisen wir Sie darauf hin, dass Sie das Recht haben, Beschwerde bei einer Datenschutz-Aufsichtsbehörde einzulegen (Art. 77 DSGVO), insbesondere in dem Mitgliedstaat Ihres Aufenthaltsorts, Ihres Arbeitsplatzes oder des Orts des mutmaßlichen Verstoßes, sowie einen gerichtlichen Rechtsbehelf einzulegen (Art. 79 DSGVO).',
    ),
    en: en(
      'Your request {{requestNumber}}: our decision',
      'We have carefully examined your request for {{requestType}} of {{receivedAt}} (reference {{requestNumber}}). Unfortunately we cannot comply with it.',
      'Reasons: {{refusalReason}}\n{{refusalDetails}}',
      'In accordance with Art. 12(4) GDPR we inform you that you have the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR), in particular in the Member State of your habitual residence, place of work or place of the alleged infringement, and to seek a judicial remedy (Art. 79 GDPR).',
    ),
  },
};

// ---- which letter fits which request ---------------------------------------------------------------
