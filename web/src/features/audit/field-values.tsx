import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { departmentsQuery } from '../departments/api';
import { organizationQuery } from '../organizations/api';
import { useCatalogue } from '../privacy/catalogue';
import { tagsQuery } from '../tags/api';

/**
 * Person fields as the audit trail and the change history name them (API field names; address parts
 * as `address.street`, `address.postal_code` …), with the labels the person forms use.
 */
const fieldLabels = (t: TFunction): Record<string, string> => ({
  kind: t('persons.fields.kind'),
  firstName: t('persons.fields.firstName'),
  lastName: t('persons.fields.lastName'),
  email: t('persons.fields.email'),
  phone: t('persons.fields.phone'),
  birthDate: t('persons.fields.birthDate'),
  jobTitle: t('persons.fields.jobTitle'),
  organization: t('persons.fields.organization'),
  organizationId: t('persons.fields.organization'),
  address: t('persons.fields.address'),
  notes: t('persons.fields.notes'),
  tags: t('persons.fields.tags'),
  tagIds: t('persons.fields.tags'),
  departments: t('persons.fields.departments'),
  departmentIds: t('persons.fields.departments'),
  accessibilityNeeds: t('persons.fields.accessibilityNeeds'),
  legalBasis: t('privacy.legalBasis'),
  purposes: t('privacy.purposes'),
  source: t('privacy.source'),
  collectedAt: t('privacy.collected'),
  expiresAt: t('privacy.expiresAt'),
  specialCategoryBasis: t('privacy.specialCategoryBasis'),
  interactions: t('interactions.title'),
  interaction: t('interactions.title'),
});

const addressParts = (t: TFunction): Record<string, string> => ({
  street: t('address.street'),
  postal_code: t('address.postalCode'),
  postalCode: t('address.postalCode'),
  city: t('address.city'),
  country: t('address.country'),
});

/** The localised label of a field name; unknown names are shown as they are. */
export const useFieldLabel = () => {
  const { t } = useTranslation();
  const labels = fieldLabels(t);
  const parts = addressParts(t);
  return (field: string): string => {
    const [base = field, part] = field.split('.', 2);
    const label = labels[base] ?? base;
    return part ? `${label}: ${parts[part] ?? part}` : label;
  };
};

const baseOf = (field: string) => field.split('.')[0] ?? field;
const isBlank = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
const shortId = (id: string) => id.slice(0, 8);
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

function Empty() {
  const { t } = useTranslation();
  return <span className="text-slate-400 italic">{t('audit.emptyValue')}</span>;
}

function OrganizationName({ id }: { id: string }) {
  const org = useQuery({ ...organizationQuery(id), retry: false });
  return (
    <Link
      to="/organizations/$organizationId"
      params={{ organizationId: id }}
      className="text-brand-700 hover:underline"
    >
      {org.data?.name ?? shortId(id)}
    </Link>
  );
}

function DepartmentNames({ ids }: { ids: string[] }) {
  const departments = useQuery({ ...departmentsQuery, retry: false });
  const name = (id: string) => departments.data?.items.find((d) => d.id === id)?.name ?? shortId(id);
  return <>{ids.map(name).join(', ')}</>;
}

function TagNames({ ids }: { ids: string[] }) {
  const tags = useQuery({ ...tagsQuery, retry: false });
  const name = (id: string) => tags.data?.items.find((tag) => tag.id === id)?.name ?? shortId(id);
  return <>{ids.map(name).join(', ')}</>;
}

/** One recorded value, readable: catalogue labels, names for ids, dates in the UI language. */
export function FieldValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const catalogue = useCatalogue();
  if (isBlank(value)) return <Empty />;
  const text = (() => {
    switch (baseOf(field)) {
      case 'kind':
        return t(`personKinds.${value}` as 'personKinds.customer', { defaultValue: String(value) });
      case 'legalBasis':
        return catalogue.legalBasisLabel(String(value));
      case 'specialCategoryBasis':
        return catalogue.specialBasisLabel(String(value));
      case 'purposes':
        return asList(value).map(catalogue.purposeLabel).join(', ');
      case 'birthDate':
      case 'expiresAt':
      case 'collectedAt':
        return typeof value === 'string' ? format.date(value) || value : null;
      case 'organizationId':
        return typeof value === 'string' ? <OrganizationName id={value} /> : null;
      case 'departmentIds':
        return <DepartmentNames ids={asList(value)} />;
      case 'tags':
      case 'tagIds':
        return <TagNames ids={asList(value)} />;
      default:
        return null;
    }
  })();
  if (text !== null) return <>{text}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') {
    const shown = String(value);
    // Long texts (notes) are clamped to a few lines; the whole text is in the tooltip.
    return shown.length > 120 ? (
      <span className="line-clamp-4 whitespace-pre-wrap" title={shown}>
        {shown}
      </span>
    ) : (
      <span className="whitespace-pre-wrap">{shown}</span>
    );
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return <>{value.join(', ')}</>;
  return <code className="font-mono text-xs break-all">{JSON.stringify(value)}</code>;
}

export type ValueChange = { old?: unknown; new?: unknown };

/** Old → new per field; entries without an old value (creation) show only the new one. */
export function ValueChanges({ changes, testId }: { changes: Record<string, ValueChange>; testId?: string }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const fields = Object.keys(changes);
  if (fields.length === 0) return null;
  return (
    <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {fields.map((field) => {
        const change = changes[field] ?? {};
        const hasOld = 'old' in change;
        return (
          <div key={field} className="contents" data-testid="value-change" data-field={field}>
            <dt className="text-slate-500">{label(field)}</dt>
            <dd className="min-w-0 break-words">
              {hasOld ? (
                <>
                  <del className="text-slate-500 decoration-slate-400" data-testid="value-old">
                    <span className="sr-only">{t('audit.before')}: </span>
                    <FieldValue field={field} value={change.old} />
                  </del>
                  <span aria-hidden="true" className="mx-1 text-slate-400">
                    →
                  </span>
                </>
              ) : null}
              <ins className="text-slate-900 no-underline" data-testid="value-new">
                {hasOld ? <span className="sr-only">{t('audit.after')}: </span> : null}
                <FieldValue field={field} value={change.new} />
              </ins>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The changes of an audit entry's values ({old, new}) keyed by field, in the order recorded. */
export const changesOf = (values: {
  old?: Record<string, unknown>;
  new?: Record<string, unknown>;
}): Record<string, ValueChange> => {
  const changes: Record<string, ValueChange> = {};
  for (const field of new Set([...Object.keys(values.new ?? {}), ...Object.keys(values.old ?? {})])) {
    const change: ValueChange = {};
    if (values.old && field in values.old) change.old = values.old[field];
    if (values.new && field in values.new) change.new = values.new[field];
    changes[field] = change;
  }
  return changes;
};
