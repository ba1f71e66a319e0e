import type { AppErrorCode } from '../domain/errors.ts';

export type Locale = 'de' | 'en';

type Template = string;

/** Human messages for every stable error code, in German and English; `{name}` is filled from params. */
const MESSAGES: Record<AppErrorCode, { de: Template; en: Template }> = {
  validation_failed: { de: 'Die Eingabe ist ungültig.', en: 'The input is invalid.' },
  invalid_json: { de: 'Der Anfragetext ist kein gültiges JSON.', en: 'The request body is not valid JSON.' },
  payload_too_large: { de: 'Der Anfragetext ist zu groß.', en: 'The request body is too large.' },
  unsupported_media_type: {
    de: 'Dieser Inhaltstyp wird nicht unterstützt; senden Sie application/json.',
    en: 'This content type is not supported; send application/json.',
  },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please log in.' },
  invalid_credentials: {
    de: 'E-Mail-Adresse oder Passwort ist falsch.',
    en: 'E-mail address or password is wrong.',
  },
  mfa_required: {
    de: 'Bitte bestätigen Sie die Anmeldung mit dem Code aus Ihrer Authenticator-App.',
    en: 'Please confirm the login with the code from your authenticator app.',
  },
  invalid_mfa_code: {
    de: 'Der Bestätigungscode ist falsch oder abgelaufen.',
    en: 'The verification code is wrong or expired.',
  },
  mfa_not_enabled: {
    de: 'Die Zwei-Faktor-Anmeldung ist nicht aktiv.',
    en: 'Two-factor login is not enabled.',
  },
  mfa_already_enabled: {
    de: 'Die Zwei-Faktor-Anmeldung ist bereits aktiv.',
    en: 'Two-factor login is already enabled.',
  },
  csrf_failed: {
    de: 'Die Anfrage enthält kein gültiges CSRF-Token (Header x-csrf-token).',
    en: 'The request lacks a valid CSRF token (header x-csrf-token).',
  },
  rate_limited: {
    de: 'Zu viele Versuche. Bitte warten Sie {retryAfter} Sekunden.',
    en: 'Too many attempts. Please wait {retryAfter} seconds.',
  },
  forbidden: { de: 'Ihre Rolle darf das nicht.', en: 'Your role is not allowed to do this.' },
  field_not_readable: {
    de: 'Ihre Rolle darf das Feld {field} nicht lesen.',
    en: 'Your role may not read the field {field}.',
  },
  field_not_writable: {
    de: 'Ihre Rolle darf das Feld {field} (Datenkategorie {category}) nicht ändern.',
    en: 'Your role may not change the field {field} (data category {category}).',
  },
  not_found: { de: '{entity} wurde nicht gefunden.', en: '{entity} was not found.' },
  conflict: {
    de: 'Der Vorgang steht im Konflikt mit vorhandenen Daten.',
    en: 'The operation conflicts with existing data.',
  },
  version_conflict: {
    de: 'Der Datensatz wurde inzwischen geändert (Version {current}). Bitte neu laden.',
    en: 'The record was changed meanwhile (version {current}). Please reload.',
  },
  already_initialized: {
    de: 'Custos ist bereits eingerichtet; es wurde nichts geändert.',
    en: 'Custos is already set up; nothing was changed.',
  },
  not_initialized: {
    de: 'Custos ist noch nicht eingerichtet. Führen Sie "npx custos init --admin-email E --admin-password P" aus.',
    en: 'Custos is not set up yet. Run "npx custos init --admin-email E --admin-password P".',
  },
  invalid_setup_code: {
    de: 'Der Einrichtungscode ist falsch. Er steht in der Konsolenausgabe des Servers.',
    en: 'The set-up code is wrong. It is printed in the server console output.',
  },
  email_taken: {
    de: 'Diese E-Mail-Adresse ist bereits vergeben.',
    en: 'This e-mail address is already in use.',
  },
  unknown_purpose: {
    de: 'Der Zweck "{purpose}" ist nicht deklariert.',
    en: 'The purpose "{purpose}" is not declared.',
  },
  purpose_exists: {
    de: 'Der Zweck "{purpose}" existiert bereits.',
    en: 'The purpose "{purpose}" already exists.',
  },
  legal_basis_not_allowed: {
    de: 'Der Zweck "{purpose}" erlaubt die Rechtsgrundlage "{legalBasis}" nicht (erlaubt: {allowed}).',
    en: 'The purpose "{purpose}" does not allow the legal basis "{legalBasis}" (allowed: {allowed}).',
  },
  special_category_basis_required: {
    de: 'Gesundheitsdaten (Art. 9 DSGVO) brauchen eine Ausnahme nach Art. 9 Abs. 2 (specialCategoryBasis).',
    en: 'Health data (Art. 9 GDPR) needs an Art. 9(2) condition (specialCategoryBasis).',
  },
  invalid_expiry: {
    de: 'Das Ablaufdatum muss nach der Erhebung liegen.',
    en: 'The expiry must be after collection.',
  },
  unknown_department: {
    de: 'Die Abteilung {id} existiert nicht.',
    en: 'The department {id} does not exist.',
  },
  unknown_organization: {
    de: 'Die Organisation {id} existiert nicht.',
    en: 'The organisation {id} does not exist.',
  },
  unknown_tag: { de: 'Das Schlagwort {id} existiert nicht.', en: 'The tag {id} does not exist.' },
  user_disabled: { de: 'Dieses Benutzerkonto ist deaktiviert.', en: 'This user account is disabled.' },
  last_admin: {
    de: 'Der letzte aktive Administrator kann nicht deaktiviert oder herabgestuft werden.',
    en: 'The last active administrator cannot be disabled or demoted.',
  },
  token_revoked: { de: 'Dieses API-Token wurde widerrufen.', en: 'This API token was revoked.' },
  invalid_amount: {
    de: 'Der Betrag {value} ist ungültig: erwartet wird eine Zahl mit höchstens zwei Nachkommastellen, z. B. 1234.50.',
    en: 'The amount {value} is invalid: expected a number with at most two decimals, e.g. 1234.50.',
  },
  invalid_currency: {
    de: 'Die Währung {value} ist kein ISO-4217-Code (z. B. EUR).',
    en: 'The currency {value} is not an ISO 4217 code (e.g. EUR).',
  },
  invalid_date_range: {
    de: 'Die Daten passen nicht zusammen: {detail}',
    en: 'The dates do not fit together: {detail}',
  },
  invalid_stage_move: {
    de: 'Dieser Phasenwechsel verletzt die Regeln der Pipeline: {reason}',
    en: 'This stage move breaks the pipeline rules: {reason}',
  },
  unknown_person: {
    de: 'Die Person {id} existiert nicht.',
    en: 'The person {id} does not exist.',
  },
  unknown_stage: {
    de: 'Die Pipeline-Phase {id} existiert nicht.',
    en: 'The pipeline stage {id} does not exist.',
  },
  unknown_customer_group: {
    de: 'Die Kundengruppe {id} existiert nicht.',
    en: 'The customer group {id} does not exist.',
  },
  unknown_user: {
    de: 'Der Benutzer {id} existiert nicht oder ist deaktiviert.',
    en: 'The user {id} does not exist or is disabled.',
  },
  customer_required: {
    de: 'Bitte eine Person oder Organisation als Kunden angeben.',
    en: 'Please name a person or an organisation as the customer.',
  },
  number_taken: {
    de: 'Die Nummer {number} ist bereits vergeben.',
    en: 'The number {number} is already taken.',
  },
  import_failed: {
    de: 'Der Import wurde nicht ausgeführt: {count} Zeilen sind fehlerhaft. Es wurde nichts gespeichert.',
    en: 'The import was not carried out: {count} rows are invalid. Nothing was saved.',
  },
  import_file_too_large: {
    de: 'Die Datei ist zu groß für einen Import (höchstens {limitMb} MB). Bitte teilen Sie sie auf.',
    en: 'The file is too large to import (at most {limitMb} MB). Please split it.',
  },
  import_file_unreadable: {
    de: 'Die Datei kann nicht gelesen werden (beschädigt oder kein unterstütztes Format). Erlaubt sind CSV, Excel (.xlsx) und vCard (.vcf).',
    en: 'The file cannot be read (damaged or not a supported format). CSV, Excel (.xlsx) and vCard (.vcf) are accepted.',
  },
  import_encoding_unknown: {
    de: 'Die Zeichenkodierung der Datei ist nicht erkennbar (keine Textdatei?). Bitte als CSV UTF-8 speichern.',
    en: 'The character encoding of the file cannot be recognised (not a text file?). Please save it as CSV UTF-8.',
  },
  import_mapping_invalid: {
    de: 'Die Spaltenzuordnung ist ungültig: jede Spalte und jedes Feld höchstens einmal, und der Name muss zugeordnet sein.',
    en: 'The column mapping is invalid: each column and each field at most once, and the name must be mapped.',
  },
  import_has_errors: {
    de: 'Der Import wurde nicht ausgeführt: {count} Zeilen sind fehlerhaft. Es wurde nichts gespeichert. Korrigieren Sie die Datei oder lassen Sie fehlerhafte Zeilen ausdrücklich aus.',
    en: 'The import was not carried out: {count} rows are invalid. Nothing was saved. Correct the file or explicitly leave the invalid rows out.',
  },
  import_not_staged: {
    de: 'Dieser Import ist bereits abgeschlossen oder verworfen ({status}).',
    en: 'This import is already finished or discarded ({status}).',
  },
  import_mapping_missing: {
    de: 'Für diesen Import fehlen noch Spaltenzuordnung, Rechtsgrundlage und Zwecke.',
    en: 'This import still needs its column mapping, legal basis and purposes.',
  },
  import_file_name_missing: {
    de: 'Der Dateiname fehlt (Parameter fileName oder Kopfzeile x-file-name).',
    en: 'The file name is missing (parameter fileName or header x-file-name).',
  },
  consistency_mapping_invalid: {
    de: 'Die Spaltenzuordnung ist ungültig: jede Spalte und jedes Feld höchstens einmal, nur bekannte Spalten und Felder, und der Name, die E-Mail-Adresse oder die Custos-ID muss zugeordnet sein.',
    en: 'The column mapping is invalid: each column and each field at most once, only known columns and fields, and the name, the e-mail address or the Custos id must be mapped.',
  },
  consistency_file_empty: {
    de: 'Die Datei enthält keine Datenzeilen. Erwartet wird eine Kopfzeile und mindestens eine Zeile darunter.',
    en: 'The file has no data rows. A header row and at least one row below it are expected.',
  },
  invalid_status_change: {
    de: 'Der Status kann nicht von {from} zu {to} wechseln.',
    en: 'The status cannot change from {from} to {to}.',
  },
  unknown_record: {
    de: '{entity} {id} existiert nicht oder ist für Sie nicht sichtbar.',
    en: '{entity} {id} does not exist or is not visible to you.',
  },
  stage_in_use: {
    de: 'Die Phase enthält noch Deals und kann nicht archiviert werden.',
    en: 'The stage still holds deals and cannot be archived.',
  },
  invalid_pipeline: {
    de: 'So bliebe die Pipeline nicht nutzbar: {reason}',
    en: 'The pipeline would not stay usable: {reason}',
  },
  unknown_deal: { de: 'Der Deal {id} existiert nicht.', en: 'The deal {id} does not exist.' },
  customer_number_taken: {
    de: 'Die Kundennummer {number} ist bereits vergeben.',
    en: 'The customer number {number} is already taken.',
  },
  customer_group_exists: {
    de: 'Die Kundengruppe "{name}" gibt es bereits.',
    en: 'The customer group "{name}" already exists.',
  },
  request_not_verified: {
    de: 'Die Identität der anfragenden Person ist noch nicht bestätigt; der Antrag kann noch nicht erfüllt werden.',
    en: "The requester's identity is not verified yet; the request cannot be fulfilled.",
  },
  request_closed: {
    de: 'Der Antrag ist bereits abgeschlossen ({status}); daran ändert sich nichts mehr.',
    en: 'The request is already closed ({status}); it cannot be changed any more.',
  },
  extension_too_late: {
    de: 'Eine Fristverlängerung muss innerhalb des ersten Monats (bis {dueAt}) mitgeteilt werden (Art. 12 Abs. 3 DSGVO).',
    en: 'An extension must be notified within the first month (by {dueAt}) (Art. 12(3) GDPR).',
  },
  request_already_extended: {
    de: 'Die Frist wurde bereits verlängert; mehr als zwei weitere Monate sind nicht zulässig.',
    en: 'The deadline was already extended; no more than two further months are allowed.',
  },
  field_locked: {
    de: 'Das Feld {field} ist für diese Person gesperrt: sie hat dieser Datenart widersprochen.',
    en: 'The field {field} is locked for this person: they refused this kind of data.',
  },
  person_restricted: {
    de: 'Die Verarbeitung dieser Person ist eingeschränkt (Art. 18 DSGVO); die Daten werden nur gespeichert.',
    en: 'Processing of this person is restricted (Art. 18 GDPR); the data is only stored.',
  },
  subject_suppressed: {
    de: 'Diese Person wurde auf eigenen Wunsch gelöscht ({kind} steht auf der Sperrliste); sie darf nicht unbemerkt neu angelegt werden.',
    en: 'This person was erased at their request ({kind} is on the suppression list); they must not be re-created unnoticed.',
  },
  marketing_objection: {
    de: 'Die Person hat der Werbung widersprochen (Art. 21 DSGVO); der Zweck Marketing ist ausgeschlossen.',
    en: 'The person objected to direct marketing (Art. 21 GDPR); the marketing purpose is excluded.',
  },
  phone_invalid: {
    de: 'Die Telefonnummer ist keine gültige Rufnummer; geben Sie sie mit Vorwahl ein, z. B. 030 1234567 oder +43 1 5123456.',
    en: 'The phone number is not a valid number; enter it with its area code, e.g. 030 1234567 or +43 1 5123456.',
  },
  export_not_available: {
    de: 'Ein Export gibt es nur für abgeschlossene Auskunfts- und Übertragbarkeitsanträge.',
    en: 'An export exists only for completed access and portability requests.',
  },
  backup_invalid: {
    de: 'Die Sicherungsdatei ist beschädigt oder keine Custos-Sicherung: {reason}',
    en: 'The backup file is damaged or not a Custos backup: {reason}',
  },
  unknown_recipient: {
    de: 'Der Empfänger {id} existiert nicht.',
    en: 'The recipient {id} does not exist.',
  },
  recipient_exists: {
    de: 'Den Empfänger "{name}" gibt es bereits.',
    en: 'The recipient "{name}" already exists.',
  },
  transfer_mechanism_invalid: {
    de: 'Der Übermittlungsmechanismus "{mechanism}" passt nicht zum Land "{country}": Innerhalb von EU/EWR ist keiner nötig, ein Angemessenheitsbeschluss gilt nur für Länder mit einem Beschluss der EU-Kommission, das EU-US Data Privacy Framework nur für zertifizierte Unternehmen in den USA.',
    en: 'The transfer mechanism "{mechanism}" does not fit the country "{country}": none is needed inside the EU/EEA, an adequacy decision only covers countries with a decision of the European Commission, the EU-US Data Privacy Framework only certified organisations in the US.',
  },
  avv_document_invalid: {
    de: 'Der Auftragsverarbeitungsvertrag muss eine PDF-Datei von höchstens {maxMb} MB sein.',
    en: 'The data processing agreement must be a PDF file of at most {maxMb} MB.',
  },
  invalid_template: {
    de: 'Die Vorlage verwendet den unbekannten Platzhalter {placeholder}.',
    en: 'The template uses the unknown placeholder {placeholder}.',
  },
  letter_unavailable: {
    de: 'Der Text dieses Schreibens ist nicht mehr lesbar: die Person wurde gelöscht und ihr Schlüssel vernichtet.',
    en: 'The text of this letter is no longer readable: the person was erased and their key shredded.',
  },
  letter_not_applicable: {
    de: 'Das Schreiben ({kind}) passt nicht zu Art oder Stand dieses Antrags.',
    en: 'The letter ({kind}) does not fit the type or state of this request.',
  },
  nothing_to_rectify: {
    de: 'Der Berichtigungsantrag enthält keine Korrekturen.',
    en: 'The rectification request holds no corrections.',
  },
  consent_wording_mismatch: {
    de: 'Der Einwilligungstext passt nicht zu Zweck, Kanal oder Sprache.',
    en: 'The consent wording does not fit the purpose, channel or language.',
  },
  consent_proof_required: {
    de: 'Für diese Art der Einwilligung fehlt der Nachweis ({detail}).',
    en: 'This kind of consent needs its proof ({detail}).',
  },
  consent_not_given: {
    de: 'Die Einwilligung wurde nicht ausdrücklich erteilt (Kästchen nicht angekreuzt).',
    en: 'Consent was not given expressly (the box was not ticked).',
  },
  consent_already_withdrawn: {
    de: 'Diese Einwilligung ist bereits widerrufen oder ersetzt.',
    en: 'This consent has already been withdrawn or superseded.',
  },
  form_inactive: {
    de: 'Dieses Anmeldeformular ist nicht mehr aktiv.',
    en: 'This sign-up form is no longer active.',
  },
  too_many_mails: {
    de: 'An diese Adresse wurden gerade zu viele E-Mails verschickt. Bitte später erneut versuchen.',
    en: 'Too many mails were just sent to this address. Please try again later.',
  },
  link_invalid: {
    de: 'Dieser Link ist ungültig.',
    en: 'This link is not valid.',
  },
  link_expired: {
    de: 'Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.',
    en: 'This link has expired. Please request a new one.',
  },
  link_used: {
    de: 'Dieser Link wurde bereits verwendet.',
    en: 'This link has already been used.',
  },
  email_undeliverable: {
    de: 'An diese E-Mail-Adresse kann nicht zugestellt werden.',
    en: 'Mail cannot be delivered to this e-mail address.',
  },
  mail_delivery_failed: {
    de: 'Der Mailserver ist gerade nicht erreichbar; die E-Mail wurde nicht verschickt.',
    en: 'The mail server cannot be reached; the mail was not sent.',
  },
  segment_name_taken: {
    de: 'Es gibt schon ein Segment mit diesem Namen.',
    en: 'A segment with this name already exists.',
  },
  segment_purpose_required: {
    de: 'Für Werbung muss das Segment einen Marketing-Zweck und einen Kanal angeben.',
    en: 'For advertising the segment must name a marketing purpose and a channel.',
  },
  segment_in_use: {
    de: 'Das Segment wird von einer geplanten Kampagne verwendet.',
    en: 'The segment is used by a scheduled campaign.',
  },
  campaign_not_editable: {
    de: 'Die Kampagne ist nicht mehr im Entwurf und kann nicht geändert werden.',
    en: 'The campaign is no longer a draft and cannot be changed.',
  },
  campaign_no_legal_basis: {
    de: 'Für keinen Empfänger dieses Segments gibt es eine Rechtsgrundlage für diesen Zweck und Kanal; es wurde nichts verschickt.',
    en: 'No recipient of this segment has a legal basis for this purpose and channel; nothing was sent.',
  },
  campaign_not_marketing: {
    de: 'Kampagnen brauchen einen Werbezweck (Einwilligung oder berechtigtes Interesse).',
    en: 'Campaigns need an advertising purpose (consent or legitimate interest).',
  },
  portal_session_required: {
    de: 'Bitte melden Sie sich über den Link in Ihrer E-Mail an.',
    en: 'Please log in through the link in your e-mail.',
  },
  tenant_required: {
    de: 'Bitte geben Sie an, an welches Unternehmen sich Ihre Anfrage richtet.',
    en: 'Please say which company your request is for.',
  },
  no_email_address: {
    de: 'Für diese Person ist keine E-Mail-Adresse gespeichert.',
    en: 'No e-mail address is on record for this person.',
  },
  breach_incomplete: {
    de: 'Für die Meldung an die Aufsichtsbehörde fehlen Angaben nach Art. 33 Abs. 3 DSGVO: {fields}.',
    en: 'The notification to the supervisory authority lacks the Art. 33(3) GDPR content: {fields}.',
  },
  breach_late_reason_required: {
    de: 'Die Meldung erfolgt nach mehr als 72 Stunden: Bitte die Gründe für die Verzögerung angeben (Art. 33 Abs. 1 DSGVO).',
    en: 'The notification comes later than 72 hours: please give the reasons for the delay (Art. 33(1) GDPR).',
  },
  breach_closed: {
    de: 'Diese Datenpanne ist abgeschlossen und kann nicht mehr geändert werden.',
    en: 'This breach is closed and can no longer be changed.',
  },
  retention_below_legal_minimum: {
    de: 'Die Löschfrist ist kürzer als die gesetzliche Aufbewahrungsfrist ({statute}): mindestens {minimum}.',
    en: 'The deletion period is shorter than the statutory retention period ({statute}): at least {minimum}.',
  },
  retention_rule_conflict: {
    de: 'Für diese Datensätze gilt bereits die Löschregel einer anderen Datenart ({dataType}). Je Datenart genau eine Regel, je Datensatz genau eine Datenart (DIN 66398).',
    en: 'These records already follow the deletion rule of another data type ({dataType}). Exactly one rule per data type and one data type per record (DIN 66398).',
  },
  retention_sweep_running: {
    de: 'Ein Löschlauf läuft bereits. Bitte warten Sie, bis er beendet ist.',
    en: 'A retention sweep is already running. Please wait until it has finished.',
  },
  legal_hold_released: {
    de: 'Diese Löschsperre ist bereits aufgehoben.',
    en: 'This legal hold has already been released.',
  },
  dpia_measures_missing: {
    de: 'Eine DSFA kann erst freigegeben werden, wenn für jedes Risiko Abhilfemaßnahmen festgelegt sind (Art. 35 Abs. 7 lit. d DSGVO).',
    en: 'A DPIA can only be signed off once measures are set for every risk (Art. 35(7)(d) GDPR).',
  },
  dpia_high_residual_risk: {
    de: 'Das Restrisiko ist weiterhin hoch: Vor der Verarbeitung muss die Aufsichtsbehörde konsultiert werden (Art. 36 DSGVO). Bitte die Konsultation dokumentieren.',
    en: 'The residual risk is still high: the supervisory authority must be consulted before processing (Art. 36 GDPR). Please document the consultation.',
  },
  dpia_signed_off: {
    de: 'Diese DSFA ist freigegeben und kann nicht mehr geändert werden. Legen Sie eine Überprüfung an.',
    en: 'This DPIA is signed off and can no longer be changed. Start a review instead.',
  },
  dpia_incomplete: {
    de: 'Für die Freigabe der DSFA fehlen Angaben (Art. 35 Abs. 7 DSGVO): {fields}.',
    en: 'The DPIA cannot be signed off yet; missing (Art. 35(7) GDPR): {fields}.',
  },
  ropa_incomplete: {
    de: 'Für die Bestätigung fehlen Angaben nach Art. 30 DSGVO: {fields}.',
    en: 'The entry lacks Art. 30 GDPR content needed for confirmation: {fields}.',
  },
  match_file_unreadable: {
    de: 'Die Datei {file} kann nicht gelesen werden ({reason}).',
    en: 'The file {file} cannot be read ({reason}).',
  },
  match_map_invalid: {
    de: 'Die Feldzuordnung (MAP.json) ist ungültig: {reason}.',
    en: 'The field mapping (MAP.json) is invalid: {reason}.',
  },
  match_column_missing: {
    de: 'Die Spalte "{column}" aus der Feldzuordnung fehlt in der CSV-Datei.',
    en: 'The column "{column}" named in the field mapping is missing from the CSV file.',
  },
  merge_same_person: {
    de: 'Eine Person kann nicht mit sich selbst zusammengeführt werden.',
    en: 'A person cannot be merged with itself.',
  },
  merge_person_restricted: {
    de: 'Die Verarbeitung einer der beiden Personen ist eingeschränkt (Art. 18 DSGVO); sie kann nicht zusammengeführt werden.',
    en: 'Processing of one of the two persons is restricted (Art. 18 GDPR); they cannot be merged.',
  },
  merge_open_request: {
    de: 'Zu einer der beiden Personen ist eine Betroffenenanfrage offen; erst nach deren Abschluss zusammenführen.',
    en: 'A data subject request about one of the two persons is open; merge them once it is closed.',
  },
  merge_legal_hold: {
    de: 'Für die zusammenzuführende Person besteht eine Aufbewahrungssperre (Legal Hold); sie darf nicht entfernt werden.',
    en: 'The person to be merged is under a legal hold and must not be removed.',
  },
  duplicate_already_decided: {
    de: 'Über diesen Dublettenvorschlag wurde bereits entschieden.',
    en: 'This duplicate suggestion has already been decided.',
  },
  photo_type_not_accepted: {
    de: 'Als Foto werden nur JPEG-, PNG- und WebP-Bilder angenommen.',
    en: 'Only JPEG, PNG and WebP images are accepted as a photo.',
  },
  photo_too_large: {
    de: 'Das Foto darf höchstens {maxMb} MB groß sein.',
    en: 'The photo must not be larger than {maxMb} MB.',
  },
  photo_unreadable: {
    de: 'Das Bild kann nicht gelesen werden; bitte eine unbeschädigte JPEG-, PNG- oder WebP-Datei hochladen.',
    en: 'The image cannot be read; please upload an intact JPEG, PNG or WebP file.',
  },
  photo_biometric_purpose: {
    de: 'Der Zweck "{purpose}" nennt eine biometrische Identifizierung (Art. 9 Abs. 1 DSGVO). Custos speichert Fotos nur zur Anzeige, nie zum Gesichtsabgleich.',
    en: 'The purpose "{purpose}" names biometric identification (Art. 9(1) GDPR). Custos keeps photos to show them, never for face matching.',
  },
  photo_retention_invalid: {
    de: 'Das Ende der Aufbewahrung des Fotos muss nach dem heutigen Tag liegen.',
    en: "The end of the photo's retention must be after today.",
  },
  service_unavailable: {
    de: 'Die Datenbank ist gerade nicht erreichbar. Bitte später erneut versuchen.',
    en: 'The database is unavailable right now. Please try again later.',
  },
  master_key_unavailable: {
    de: 'Diese Instanz hat den Hauptschlüssel {keyId} nicht; sie kann Schlüssel damit weder öffnen noch verpacken. Der Betrieb muss ihn in ihren Schlüsselbund aufnehmen (CUSTOS_MASTER_KEY_NEXT oder CUSTOS_MASTER_KEY_PREVIOUS).',
    en: 'This instance does not hold master key {keyId}; it can neither open nor wrap keys with it. Operators must add it to its keyring (CUSTOS_MASTER_KEY_NEXT or CUSTOS_MASTER_KEY_PREVIOUS).',
  },
  form_field_not_declared: {
    de: 'Das Formular kennt das Feld „{field}“ nicht; es wurde nichts gespeichert.',
    en: 'The form does not declare the field "{field}"; nothing was stored.',
  },
  web_form_invalid: {
    de: 'Das Formular ist so nicht zulässig: {problem}',
    en: 'The form is not allowed like this: {problem}',
  },
  submission_decided: {
    de: 'Über diese Einsendung wurde schon entschieden.',
    en: 'This submission has already been decided.',
  },
  redaction_decided: {
    de: 'Dieser Fund wurde schon geschwärzt oder verworfen ({status}).',
    en: 'This finding has already been redacted or dismissed ({status}).',
  },
  redaction_stale: {
    de: 'Der Text wurde seit der Prüfung geändert oder gelöscht; der Fund passt nicht mehr zu ihm.',
    en: 'The text was changed or deleted since it was scanned; the finding no longer matches it.',
  },
  redaction_spans_invalid: {
    de: 'Die gewählten Stellen gehören nicht zu diesem Fund.',
    en: 'The chosen spans are not hits of this finding.',
  },
  redaction_not_redacted: {
    de: 'Ein Hinweis an die Person geht erst nach einer Schwärzung.',
    en: 'A notice to the person can only be sent after a redaction.',
  },
  redaction_no_email: {
    de: 'Für diese Person ist keine E-Mail-Adresse gespeichert; der Hinweis kann nicht per E-Mail gehen.',
    en: 'No e-mail address is on record for this person; the notice cannot be sent by e-mail.',
  },
  internal_error: { de: 'Ein interner Fehler ist aufgetreten.', en: 'An internal error occurred.' },
};

const ENTITY_NAMES: Record<string, { de: string; en: string }> = {
  person: { de: 'Die Person', en: 'The person' },
  web_form: { de: 'Das Webformular', en: 'The web form' },
  web_form_submission: { de: 'Die Einsendung', en: 'The submission' },
  photo: { de: 'Das Foto', en: 'The photo' },
  data_type: { de: 'Die Datenart', en: 'The data type' },
  deletion_class: { de: 'Die Löschklasse', en: 'The deletion class' },
  retention_period: { de: 'Die Standardlöschfrist', en: 'The standard period' },
  legal_hold: { de: 'Die Löschsperre', en: 'The legal hold' },
  interaction: { de: 'Der Kontakt', en: 'The interaction' },
  consent: { de: 'Die Einwilligung', en: 'The consent' },
  organization: { de: 'Die Organisation', en: 'The organisation' },
  user: { de: 'Der Benutzer', en: 'The user' },
  token: { de: 'Das Token', en: 'The token' },
  route: { de: 'Die Adresse', en: 'The route' },
  tag: { de: 'Das Schlagwort', en: 'The tag' },
  deal: { de: 'Der Deal', en: 'The deal' },
  stage: { de: 'Die Pipeline-Phase', en: 'The pipeline stage' },
  quote: { de: 'Das Angebot', en: 'The quote' },
  order: { de: 'Der Auftrag', en: 'The order' },
  request: { de: 'Der Antrag', en: 'The request' },
  recipient: { de: 'Der Empfänger', en: 'The recipient' },
  avv_document: { de: 'Der Auftragsverarbeitungsvertrag', en: 'The data processing agreement' },
  letter: { de: 'Das Schreiben', en: 'The letter' },
  notification: { de: 'Die Benachrichtigung', en: 'The notification' },
  suppression: { de: 'Der Sperreintrag', en: 'The suppression entry' },
  disclosure: { de: 'Die Offenlegung', en: 'The disclosure' },
  invoice: { de: 'Die Rechnung', en: 'The invoice' },
  case: { de: 'Der Servicefall', en: 'The case' },
  task: { de: 'Die Aufgabe', en: 'The task' },
  customer_group: { de: 'Die Kundengruppe', en: 'The customer group' },
  ropa_activity: { de: 'Die Verarbeitungstätigkeit', en: 'The processing activity' },
};

/** Stable reason keys (invalid_stage_move, invalid_pipeline) in words, filled into {reason}. */
const REASONS: Record<string, { de: string; en: string }> = {
  same_stage: { de: 'Der Deal ist bereits in dieser Phase.', en: 'The deal is already in this stage.' },
  stage_archived: { de: 'Die Phase ist archiviert.', en: 'The stage is archived.' },
  won_needs_value: {
    de: 'Ein gewonnener Deal braucht einen Wert über 0.',
    en: 'A won deal needs a value above 0.',
  },
  lost_needs_reason: {
    de: 'Für einen verlorenen Deal bitte den Grund angeben.',
    en: 'Please give the reason why the deal was lost.',
  },
  closed_needs_reopen: {
    de: 'Ein gewonnener oder verlorener Deal muss ausdrücklich wieder geöffnet werden.',
    en: 'A won or lost deal must be reopened explicitly.',
  },
  reopen_needs_open_stage: {
    de: 'Wieder geöffnet wird in eine offene Phase.',
    en: 'A deal is reopened into an open stage.',
  },
  reopen_not_closed: {
    de: 'Nur gewonnene oder verlorene Deals können wieder geöffnet werden.',
    en: 'Only won or lost deals can be reopened.',
  },
  needs_open_stage: {
    de: 'Mindestens eine offene Phase muss bleiben.',
    en: 'At least one open stage must remain.',
  },
  needs_one_won_stage: {
    de: 'Es muss genau eine Gewonnen-Phase geben.',
    en: 'There must be exactly one won stage.',
  },
  needs_one_lost_stage: {
    de: 'Es muss genau eine Verloren-Phase geben.',
    en: 'There must be exactly one lost stage.',
  },
};

export const messageFor = (
  code: AppErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
) => {
  const filled: Record<string, string | number> = { ...params };
  if (typeof params.entity === 'string')
    filled.entity = ENTITY_NAMES[params.entity]?.[locale] ?? params.entity;
  if (typeof params.reason === 'string') filled.reason = REASONS[params.reason]?.[locale] ?? params.reason;
  // a param given in both languages (`minimum_de`, `minimum_en`) fills `{minimum}` in the client's one
  for (const [key, value] of Object.entries(params))
    if (key.endsWith(`_${locale}`)) filled[key.slice(0, -3)] = value;
  return MESSAGES[code][locale].replace(/\{(\w+)\}/g, (_, key: string) => String(filled[key] ?? `{${key}}`));
};

/**
 * German when the client prefers German to English (by q-value, then by order), English otherwise.
 * Also takes POSIX locales such as `de_DE.UTF-8` (the CLI passes LANG / LC_ALL).
 */
export const localeFrom = (acceptLanguage: string | undefined): Locale => {
  let best: { locale: Locale; q: number } | undefined;
  for (const range of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = range.split(';');
    const language = tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0];
    if (language !== 'de' && language !== 'en') continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0) || q > 1) continue;
    if (!best || q > best.q) best = { locale: language, q };
  }
  return best?.locale ?? 'en';
};
