import { DATA_CATEGORY_INFO, type DataCategory } from '../privacy/data-categories.ts';
import type { ActivityFacts } from './ropa-facts.ts';
import {
  type Bilingual,
  FIELD_LABELS,
  fill,
  HEADER_LABELS,
  MECHANISM_LABELS,
  PART_HEADINGS,
  RECIPIENT_KIND_LABELS,
  ROPA_TITLE,
  type RopaField,
  type RopaLanguage,
  STATUS_LABELS,
  SUBJECT_KIND_LABELS,
  TEXTS,
} from './ropa-labels.ts';

/**
 * The record of processing activities as a document: the same structure for the PDF, the CSV and the
 * JSON export and for the screen. Each field is the DPO's text where one was written, otherwise the
 * text the live system gives (marked as such), so nothing the DPO confirmed is silently replaced.
 */

export type RopaPart = 'controller' | 'processor';

export type RopaSettingsInput = {
  controllerName: string | null;
  controllerAddress: string | null;
  controllerContact: string | null;
  jointControllers: string | null;
  representative: string | null;
  dpoName: string | null;
  dpoContact: string | null;
  toms: string | null;
};

/** The texts the DPO keeps for an activity; null = as the live system says. */
export type ActivityTexts = {
  name: string | null;
  description: string | null;
  legalBases: string | null;
  subjectCategories: string | null;
  dataCategories: string | null;
  recipients: string | null;
  transfers: string | null;
  erasure: string | null;
  toms: string | null;
  controllerName: string | null;
  controllerContact: string | null;
  controllerRepresentative: string | null;
  controllerDpo: string | null;
  processingCategories: string | null;
};

export type ActivityInput = ActivityTexts & {
  id: string;
  part: RopaPart;
  purposeId: string | null;
  status: 'draft' | 'confirmed';
  confirmedAt: Date | null;
  /** true when the live facts differ from those confirmed */
  changed: boolean;
};

export type DocumentField = {
  key: RopaField;
  label: string;
  value: string;
  /** where the text comes from: the DPO's own text, or the live system */
  source: 'manual' | 'live';
};

export type DocumentActivity = {
  id: string;
  part: RopaPart;
  purposeId: string | null;
  title: string;
  status: 'draft' | 'confirmed' | 'changed';
  statusText: string;
  fields: DocumentField[];
};

export type DocumentPart = {
  part: RopaPart;
  heading: string;
  header: { label: string; value: string }[];
  activities: DocumentActivity[];
};

export type RopaDocument = {
  language: RopaLanguage;
  title: string;
  generatedAt: string;
  parts: DocumentPart[];
};

const dateText = (d: Date | string, language: RopaLanguage) =>
  new Date(d).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
  });

const nonEmpty = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';
const lines = (...values: (string | null | undefined)[]) => values.filter(nonEmpty).join('\n');

/** The texts the live system gives for each field of a controller activity. */
export const liveTexts = (input: {
  facts: ActivityFacts;
  purpose: { label: Bilingual; description: Bilingual } | null;
  generalToms: string | null;
  language: RopaLanguage;
}): Partial<Record<RopaField, string>> => {
  const { facts, language: l } = input;
  const categoryLabel = (c: string) => DATA_CATEGORY_INFO[c as DataCategory]?.[l] ?? c;
  const dpia = facts.dpia;
  let dpiaText: string = TEXTS.dpiaUnknown[l];
  if (dpia) {
    if (dpia.status === 'signed_off')
      dpiaText = fill(TEXTS.dpiaSignedOff[l], {
        date: dpia.signedOffAt ? dateText(dpia.signedOffAt, l) : '?',
        review: dpia.reviewAt ? dateText(dpia.reviewAt, l) : '?',
      });
    else if (dpia.status === 'review_due')
      dpiaText = fill(TEXTS.dpiaReviewDue[l], { review: dpia.reviewAt ? dateText(dpia.reviewAt, l) : '?' });
    else if (dpia.status === 'draft') dpiaText = TEXTS.dpiaDraft[l];
    else dpiaText = dpia.required ? TEXTS.dpiaMissing[l] : TEXTS.dpiaNotRequired[l];
  }
  return {
    name: input.purpose?.label[l] ?? '',
    purposes: input.purpose?.description[l] ?? '',
    legalBases: lines(
      ...facts.legalBases.map((b) => `${b.article} (${b.label[l]})`),
      ...facts.retentionBases,
      facts.special ? TEXTS.specialBasis[l] : null,
    ),
    subjectCategories: [
      ...facts.subjectKinds.map((k) => SUBJECT_KIND_LABELS[k]?.[l] ?? k),
      ...facts.subjectGroups,
    ]
      .filter((v, i, all) => all.indexOf(v) === i)
      .join(', '),
    dataCategories: facts.dataCategories.map(categoryLabel).join(', '),
    recipients: lines(
      ...facts.recipients.map((r) => {
        const kind = RECIPIENT_KIND_LABELS[r.kind]?.[l] ?? r.kind;
        return `${r.name} (${[kind, r.country].filter(nonEmpty).join(', ')})`;
      }),
    ),
    transfers:
      facts.transfers.length === 0
        ? TEXTS.noTransfers[l]
        : lines(
            ...facts.transfers.map(
              (t) =>
                `${t.name}: ${t.country}, ${t.mechanism ? (MECHANISM_LABELS[t.mechanism]?.[l] ?? t.mechanism) : TEXTS.noMechanism[l]}`,
            ),
          ),
    erasure: lines(
      ...facts.erasure.map((e) => `${e.name[l]}: ${e.period[l]}; ${TEXTS.startEvent[l]}: ${e.startEvent}`),
    ),
    toms: input.generalToms ?? '',
    dpia: dpiaText,
  };
};

const CONTROLLER_FIELDS: RopaField[] = [
  'name',
  'purposes',
  'legalBases',
  'subjectCategories',
  'dataCategories',
  'recipients',
  'transfers',
  'erasure',
  'toms',
  'dpia',
];
const PROCESSOR_FIELDS: RopaField[] = [
  'name',
  'controller',
  'processingCategories',
  'processorTransfers',
  'processorToms',
];

/** The DPO's text for a field (null: none written). */
const manualText = (a: ActivityTexts, key: RopaField, l: RopaLanguage): string | null => {
  switch (key) {
    case 'purposes':
      return a.description;
    case 'controller':
      return nonEmpty(a.controllerName)
        ? lines(
            a.controllerName,
            a.controllerContact,
            nonEmpty(a.controllerRepresentative)
              ? `${TEXTS.representative[l]}: ${a.controllerRepresentative}`
              : null,
            nonEmpty(a.controllerDpo) ? `${TEXTS.dpo[l]}: ${a.controllerDpo}` : null,
          )
        : null;
    case 'processorTransfers':
      return a.transfers;
    case 'processorToms':
      return a.toms;
    case 'status':
    case 'dpia':
      return null;
    default:
      return a[key];
  }
};

export const activityFields = (input: {
  activity: ActivityInput;
  live: Partial<Record<RopaField, string>>;
  language: RopaLanguage;
}): DocumentField[] => {
  const { activity, live, language: l } = input;
  const keys = activity.part === 'controller' ? CONTROLLER_FIELDS : PROCESSOR_FIELDS;
  return keys.map((key) => {
    const manual = manualText(activity, key, l);
    if (key === 'processorToms' && !nonEmpty(manual) && nonEmpty(live.toms))
      return { key, label: FIELD_LABELS[key][l], value: live.toms, source: 'live' };
    return nonEmpty(manual)
      ? { key, label: FIELD_LABELS[key][l], value: manual, source: 'manual' }
      : { key, label: FIELD_LABELS[key][l], value: live[key] ?? '', source: 'live' };
  });
};

/** Which Art. 30 content an activity still lacks before the DPO may confirm it. */
export const missingForConfirmation = (input: {
  settings: RopaSettingsInput;
  part: RopaPart;
  fields: DocumentField[];
}): string[] => {
  const missing: string[] = [];
  if (!nonEmpty(input.settings.controllerName)) missing.push('controllerName');
  if (!nonEmpty(input.settings.controllerContact)) missing.push('controllerContact');
  const required: RopaField[] =
    input.part === 'controller'
      ? ['name', 'purposes', 'subjectCategories', 'dataCategories']
      : ['name', 'controller', 'processingCategories'];
  for (const key of required)
    if (!nonEmpty(input.fields.find((f) => f.key === key)?.value)) missing.push(key);
  return missing;
};

export const statusOf = (a: Pick<ActivityInput, 'status' | 'changed'>): DocumentActivity['status'] =>
  a.status === 'confirmed' ? (a.changed ? 'changed' : 'confirmed') : 'draft';

const headerOf = (settings: RopaSettingsInput, part: RopaPart, l: RopaLanguage) =>
  [
    {
      label: HEADER_LABELS[part][l],
      value: lines(settings.controllerName, settings.controllerAddress, settings.controllerContact),
    },
    { label: HEADER_LABELS.jointControllers[l], value: settings.jointControllers ?? '' },
    { label: HEADER_LABELS.representative[l], value: settings.representative ?? '' },
    { label: HEADER_LABELS.dpo[l], value: lines(settings.dpoName, settings.dpoContact) },
    { label: HEADER_LABELS.generalToms[l], value: settings.toms ?? '' },
  ].filter((h) => part === 'controller' || h.label !== HEADER_LABELS.jointControllers[l]);

export const buildRopaDocument = (input: {
  language: RopaLanguage;
  now: Date;
  settings: RopaSettingsInput;
  parts: RopaPart[];
  activities: { activity: ActivityInput; live: Partial<Record<RopaField, string>> }[];
}): RopaDocument => {
  const l = input.language;
  return {
    language: l,
    title: ROPA_TITLE[l],
    generatedAt: input.now.toISOString(),
    parts: input.parts.map((part) => ({
      part,
      heading: PART_HEADINGS[part][l],
      header: headerOf(input.settings, part, l),
      activities: input.activities
        .filter((a) => a.activity.part === part)
        .map(({ activity, live }) => {
          const fields = activityFields({ activity, live, language: l });
          const status = statusOf(activity);
          const statusText =
            activity.confirmedAt && status !== 'draft'
              ? `${STATUS_LABELS[status][l]} (${fill(TEXTS.confirmedOn[l], { date: dateText(activity.confirmedAt, l) })})`
              : STATUS_LABELS[status][l];
          return {
            id: activity.id,
            part,
            purposeId: activity.purposeId,
            title: fields.find((f) => f.key === 'name')?.value || activity.id,
            status,
            statusText,
            fields,
          };
        }),
    })),
  };
};
