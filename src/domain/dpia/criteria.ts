/**
 * The screening of a purpose for a data protection impact assessment (Schwellwertanalyse, Art. 35(1)):
 * the cases of Art. 35(3), the items of the German DSK "Muss-Liste" (Art. 35(4), version 1.1 of
 * 17 Oct 2018, non-public sector, paraphrased) and the nine criteria of the EDPB-endorsed WP248 rev.01
 * guidelines. Two triggers Custos detects in the live data itself (`auto_*`).
 *
 * A DPIA is required when an Art. 35(3) case or a DSK item applies, when two or more WP248 criteria
 * apply, or when special-category data (Art. 9) is stored for the purpose. The last is Custos' own,
 * conservative reading of Art. 35(3)(b) and the DSK list for a CRM (issue 7: a purpose that uses special
 * categories triggers a DPIA); the DPO documents the assessment instead of arguing about "large scale".
 */

export const ART35_CRITERIA = ['art35_3_a', 'art35_3_b', 'art35_3_c'] as const;

export const DSK_CRITERIA = [
  'dsk_biometric_genetic',
  'dsk_secrecy',
  'dsk_location',
  'dsk_merging_sources',
  'dsk_public_capture',
  'dsk_behaviour_scoring',
  'dsk_employee_monitoring',
  'dsk_profiles',
  'dsk_ai',
  'dsk_sensors_telemetry',
  'dsk_fraud_dlp',
  'dsk_anonymisation_art9',
] as const;

export const WP248_CRITERIA = [
  'wp248_evaluation',
  'wp248_automated_decision',
  'wp248_monitoring',
  'wp248_sensitive',
  'wp248_large_scale',
  'wp248_matching',
  'wp248_vulnerable',
  'wp248_innovative',
  'wp248_prevents_rights',
] as const;

/** What the DPO can tick in the screening. */
export const MANUAL_CRITERIA = [...ART35_CRITERIA, ...DSK_CRITERIA, ...WP248_CRITERIA] as const;
export type ManualCriterion = (typeof MANUAL_CRITERIA)[number];

/** What Custos finds in the live data by itself. */
export const AUTO_TRIGGERS = [
  /** persons with this purpose have special-category data (accessibility needs: data concerning health) */
  'auto_special_categories',
  /** segments of this purpose select people by their behaviour (interactions, deals, orders) */
  'auto_behaviour_segments',
] as const;
export type AutoTrigger = (typeof AUTO_TRIGGERS)[number];

export type Criterion = ManualCriterion | AutoTrigger;

/** The WP248 criterion an automatic trigger stands for. */
export const AUTO_IMPLIES: Record<AutoTrigger, ManualCriterion> = {
  auto_special_categories: 'wp248_sensitive',
  auto_behaviour_segments: 'wp248_evaluation',
};

export const REQUIRED_REASONS = ['art35', 'dsk', 'wp248_two_or_more', 'special_categories'] as const;
export type RequiredReason = (typeof REQUIRED_REASONS)[number];

export type ScreeningResult = {
  /** manual answers and automatic triggers, in catalogue order, without duplicates */
  triggers: Criterion[];
  /** the distinct WP248 criteria that apply (ticked or implied by an automatic trigger) */
  wp248: ManualCriterion[];
  required: boolean;
  reasons: RequiredReason[];
};

const ORDER: readonly Criterion[] = [...AUTO_TRIGGERS, ...MANUAL_CRITERIA];

const inGroup = (group: readonly string[]) => (c: string) => group.includes(c);

/** Whether the purpose needs a DPIA, and why. */
export const screen = (input: {
  manual: readonly string[];
  auto: readonly AutoTrigger[];
}): ScreeningResult => {
  const present = new Set<string>([...input.manual, ...input.auto]);
  const triggers = ORDER.filter((c) => present.has(c));
  const wp248Set = new Set<string>(triggers.filter(inGroup(WP248_CRITERIA)));
  for (const a of input.auto) wp248Set.add(AUTO_IMPLIES[a]);
  const wp248 = WP248_CRITERIA.filter((c) => wp248Set.has(c));
  const reasons: RequiredReason[] = [];
  if (triggers.some(inGroup(ART35_CRITERIA))) reasons.push('art35');
  if (triggers.some(inGroup(DSK_CRITERIA))) reasons.push('dsk');
  if (wp248.length >= 2) reasons.push('wp248_two_or_more');
  if (present.has('auto_special_categories')) reasons.push('special_categories');
  return { triggers, wp248, required: reasons.length > 0, reasons };
};

/** Labels for the PDF and the self-check detail (the UI has its own in the i18n files). */
export const CRITERION_LABELS: Record<Criterion, { de: string; en: string }> = {
  auto_special_categories: {
    de: 'Besondere Kategorien (Art. 9) für diesen Zweck gespeichert',
    en: 'Special categories (Art. 9) stored for this purpose',
  },
  auto_behaviour_segments: {
    de: 'Segmente wählen Personen nach ihrem Verhalten aus (Kontakte, Deals, Aufträge)',
    en: 'Segments select people by their behaviour (interactions, deals, orders)',
  },
  art35_3_a: {
    de: 'Art. 35 Abs. 3 lit. a: systematische, umfassende Bewertung persönlicher Aspekte mit Rechtswirkung',
    en: 'Art. 35(3)(a): systematic, extensive evaluation of personal aspects with legal effects',
  },
  art35_3_b: {
    de: 'Art. 35 Abs. 3 lit. b: umfangreiche Verarbeitung besonderer Kategorien (Art. 9, 10)',
    en: 'Art. 35(3)(b): large-scale processing of special categories (Art. 9, 10)',
  },
  art35_3_c: {
    de: 'Art. 35 Abs. 3 lit. c: systematische umfangreiche Überwachung öffentlich zugänglicher Bereiche',
    en: 'Art. 35(3)(c): systematic large-scale monitoring of publicly accessible areas',
  },
  dsk_biometric_genetic: {
    de: 'DSK: biometrische oder genetische Daten und ein weiteres Kriterium',
    en: 'DSK: biometric or genetic data with a further criterion',
  },
  dsk_secrecy: {
    de: 'DSK: umfangreiche Verarbeitung von Daten unter Sozial-, Berufs- oder Amtsgeheimnis',
    en: 'DSK: large-scale processing of data under social, professional or official secrecy',
  },
  dsk_location: { de: 'DSK: umfangreiche Standortdaten', en: 'DSK: large-scale location data' },
  dsk_merging_sources: {
    de: 'DSK: Zusammenführung von Daten aus verschiedenen Quellen und Weiterverarbeitung',
    en: 'DSK: merging data from different sources and processing it further',
  },
  dsk_public_capture: {
    de: 'DSK: zentrale Zusammenführung mehrerer Erfassungssysteme in öffentlichen Bereichen',
    en: 'DSK: central merging of several capture systems in public areas',
  },
  dsk_behaviour_scoring: {
    de: 'DSK: umfangreiche Erhebung zur Bewertung von Verhalten (Scoring, Bewertungsportale, Inkasso)',
    en: 'DSK: large-scale collection to assess behaviour (scoring, rating portals, debt collection)',
  },
  dsk_employee_monitoring: {
    de: 'DSK: Daten über das Verhalten von Beschäftigten zur Leistungsbewertung',
    en: 'DSK: data on the behaviour of employees that can assess their work',
  },
  dsk_profiles: {
    de: 'DSK: Profile über Interessen, Beziehungen oder Persönlichkeit (auch Kaufverhalten)',
    en: 'DSK: profiles of interests, relationships or personality (including purchasing behaviour)',
  },
  dsk_ai: {
    de: 'DSK: KI zur Steuerung der Interaktion mit Betroffenen oder Bewertung persönlicher Aspekte',
    en: 'DSK: AI steering interaction with data subjects or assessing personal aspects',
  },
  dsk_sensors_telemetry: {
    de: 'DSK: Telemedizin, Fahrzeugdaten oder Fitness-Sensoren',
    en: 'DSK: telemedicine, vehicle data or fitness sensors',
  },
  dsk_fraud_dlp: {
    de: 'DSK: Betrugsprävention oder Data-Loss-Prevention',
    en: 'DSK: fraud prevention or data-loss prevention',
  },
  dsk_anonymisation_art9: {
    de: 'DSK: Anonymisierung besonderer Kategorien (Art. 9)',
    en: 'DSK: anonymisation of special categories (Art. 9)',
  },
  wp248_evaluation: { de: 'WP248: Bewerten oder Einstufen (Scoring)', en: 'WP248: evaluation or scoring' },
  wp248_automated_decision: {
    de: 'WP248: automatisierte Entscheidung mit Rechtswirkung',
    en: 'WP248: automated decision with legal or similar effect',
  },
  wp248_monitoring: { de: 'WP248: systematische Überwachung', en: 'WP248: systematic monitoring' },
  wp248_sensitive: {
    de: 'WP248: vertrauliche oder höchstpersönliche Daten',
    en: 'WP248: sensitive or highly personal data',
  },
  wp248_large_scale: { de: 'WP248: Verarbeitung in großem Umfang', en: 'WP248: large-scale processing' },
  wp248_matching: {
    de: 'WP248: Abgleichen oder Zusammenführen von Datensätzen',
    en: 'WP248: matching or combining datasets',
  },
  wp248_vulnerable: { de: 'WP248: schutzbedürftige Betroffene', en: 'WP248: vulnerable data subjects' },
  wp248_innovative: {
    de: 'WP248: innovative Nutzung neuer Technologien',
    en: 'WP248: innovative use of new technology',
  },
  wp248_prevents_rights: {
    de: 'WP248: hindert Betroffene an der Ausübung eines Rechts oder der Nutzung einer Leistung',
    en: 'WP248: prevents data subjects from exercising a right or using a service',
  },
};
