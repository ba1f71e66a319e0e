import { type LabelledSentence, sentence } from './labelling.ts';

const de = sentence('de');
const en = sentence('en');

/**
 * Sentences written after the lexicons and context rules were last changed and scored once, as they
 * were: a check that the figures on the main set are not just the rules fitted to it.
 */
export const LABELLED_HOLDOUT: LabelledSentence[] = [
  de('Frau Albers ist zurzeit in der Psychiatrie, Vertrag ruht.', ['health', 'Psychiatrie']),
  de('Kunde hat Parkinson, zittert beim Unterschreiben.', ['health', 'Parkinson']),
  de('Die Tochter ist Asthmatikerin, bitte keine Duftproben beilegen.', ['health', 'Asthmatikerin']),
  de('Er kommt gerade aus der Suchtklinik.', ['health', 'Suchtklinik']),
  de('Ihr Mann ist an Lungenkrebs gestorben, Konto auf sie umschreiben.', ['health', 'Lungenkrebs']),
  de('Die Kundin ist Buddhistin und isst kein Fleisch.', ['religion', 'Buddhistin']),
  de('Herr Aziz geht freitags in die Moschee, Termine lieber donnerstags.', ['religion', 'in die Moschee']),
  de(
    'Er ist CSU-Kreisrat und will Werbeflächen für den Wahlkampf.',
    ['political_opinion', 'CSU-Kreisrat'],
    ['political_opinion', 'Wahlkampf'],
  ),
  de('Sie ist bei Fridays for Future und bei den Grünen aktiv.', ['political_opinion', 'Grünen']),
  de('Der Kunde ist Betriebsrat und Mitglied bei ver.di.', ['trade_union', 'ver.di']),
  de('Laut Kollegin ist er homosexuell.', ['sex_life', 'homosexuell']),
  de('Handvenenscanner am Eingang hat ihn nicht erkannt, Vorlage neu anlegen.', ['biometric', 'Handvenen']),
  de('Der Kunde hat einen genetischen Defekt, der vererbt wird.', ['genetic', 'genetischen']),
  de('Sie stammt aus einer Sinti-Familie.', ['ethnic_origin', 'Sinti-Familie']),
  de('Neue IBAN: DE02 1203 0000 0000 2020 51.', ['iban', 'DE02 1203 0000 0000 2020 51']),
  de('Visa 4917 6100 0000 0000 als Zahlungsmittel notiert.', ['payment_card', '4917 6100 0000 0000']),
  de('Steuer-ID 64 018 273 509 für die Lohnsteuer.', ['tax_id', '64 018 273 509']),
  de('Versicherungsnummer 04 300488 B 557 laut Sozialversicherungsausweis.', [
    'pension_insurance_number',
    '04 300488 B 557',
  ]),
  de('Die Vertragspartner sind sich über den Preis einig.'),
  de('Das Krankenhaus Nord hat 40 Lizenzen verlängert.'),
  de('Die Partei des Käufers hat die Ware abgenommen.'),
  de('Kunde ist sauer, weil die Lieferung krankheitsbedingt beim Spediteur ausfiel.'),
  de('Paketnummer 4926 1000 0000 0001 bei Hermes.'),
  de('Bitte Angebot bis Freitag, Kunde vergleicht mit Wettbewerber.'),
  de('Der Vertreter der Gewerkschaftsbank kommt am Dienstag.'),
  en('She is in remission after leukaemia treatment.', ['health', 'leukaemia']),
  en('Customer is visually impaired; send large-print letters.', ['health', 'visually impaired']),
  en('He was sectioned last year, his brother handles the account.', ['health', 'sectioned']),
  en('Customer is a Hindu and will be away for Diwali.', ['religion', 'Hindu'], ['religion', 'Diwali']),
  en('He is a Tory councillor and asked for a campaign discount.', ['political_opinion', 'Tory']),
  en('She is an active member of the Communist Party.', ['political_opinion', 'Communist Party']),
  en('Customer is a GMB member and asked about the union discount.', ['trade_union', 'GMB']),
  en('He told us he is bisexual and recently divorced.', ['sex_life', 'bisexual']),
  en('Face ID enrolment data for her tablet is managed by us.', ['biometric', 'Face ID']),
  en(
    'Her genetic test showed a predisposition to breast cancer.',
    ['genetic', 'genetic test'],
    ['health', 'breast cancer'],
  ),
  en('Customer identifies as Romani and asked about community discounts.', ['ethnic_origin', 'Romani']),
  en('Refund IBAN: AT61 1904 3002 3457 3201.', ['iban', 'AT61 1904 3002 3457 3201']),
  en('Amex 3782 822463 10005 given over the phone.', ['payment_card', '3782 822463 10005']),
  en('ID card number CF3HJ2K1N6 on the copy we received.', ['id_document', 'CF3HJ2K1N6']),
  en('The parties shall meet quarterly to review the service levels.'),
  en('Hospital Trust renewed the maintenance contract.'),
  en('Customer is sick and tired of waiting for the replacement.'),
  en('Parcel 9405 5036 9930 0123 4567 89 is in transit.'),
  en('Our union of the two product lines launches in May.'),
  en('The report covers health and safety training for drivers.'),
];
