import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import type { WebFormField } from './api';

export const FIELD_TYPES = ['text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'date'] as const;
export const FIELD_TARGETS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'street',
  'postalCode',
  'city',
  'message',
  'wishes',
] as const;
export const CATEGORIES = [
  'identity',
  'contact',
  'address',
  'communication',
  'interests',
  'organization',
  'contract',
  'service',
] as const;

/** The category a person field carries (the server refuses any other). */
export const TARGET_CATEGORY: Record<(typeof FIELD_TARGETS)[number], (typeof CATEGORIES)[number]> = {
  firstName: 'identity',
  lastName: 'identity',
  email: 'contact',
  phone: 'contact',
  jobTitle: 'identity',
  street: 'address',
  postalCode: 'address',
  city: 'address',
  message: 'communication',
  wishes: 'interests',
};

const cell = 'px-1 py-1 align-top';

/** The editable list of a form's declared fields: key, labels, type, required, person field, category. */
export function FieldRows({
  fields,
  onChange,
}: {
  fields: WebFormField[];
  onChange: (fields: WebFormField[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<WebFormField>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="web-form-fields">
        <thead>
          <tr className="text-left text-slate-600">
            <th className={cell}>{t('webForms.field.key')}</th>
            <th className={cell}>{t('webForms.field.labelDe')}</th>
            <th className={cell}>{t('webForms.field.labelEn')}</th>
            <th className={cell}>{t('webForms.field.type')}</th>
            <th className={cell}>{t('webForms.field.required')}</th>
            <th className={cell}>{t('webForms.field.maps')}</th>
            <th className={cell}>{t('webForms.field.category')}</th>
            <th className={cell}>
              <span className="sr-only">{t('webForms.field.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, keys may be empty
            <tr key={i} data-testid="web-form-field-row">
              <td className={cell}>
                <Input
                  aria-label={t('webForms.field.key')}
                  value={f.key}
                  onChange={(e) => set(i, { key: e.target.value })}
                />
              </td>
              <td className={cell}>
                <Input
                  aria-label={t('webForms.field.labelDe')}
                  value={f.label.de}
                  onChange={(e) => set(i, { label: { ...f.label, de: e.target.value } })}
                />
              </td>
              <td className={cell}>
                <Input
                  aria-label={t('webForms.field.labelEn')}
                  value={f.label.en}
                  onChange={(e) => set(i, { label: { ...f.label, en: e.target.value } })}
                />
              </td>
              <td className={cell}>
                <Select
                  aria-label={t('webForms.field.type')}
                  value={f.type}
                  onChange={(e) => set(i, { type: e.target.value as WebFormField['type'] })}
                >
                  {FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`webForms.types.${type}`)}
                    </option>
                  ))}
                </Select>
                {f.type === 'select' ? (
                  <Input
                    className="mt-1"
                    aria-label={t('webForms.field.options')}
                    placeholder={t('webForms.field.options')}
                    value={(f.options ?? []).map((o) => o.value).join(', ')}
                    onChange={(e) =>
                      set(i, {
                        options: e.target.value
                          .split(',')
                          .map((v) => v.trim())
                          .filter(Boolean)
                          .map((v) => ({ value: v, label: { de: v, en: v } })),
                      })
                    }
                  />
                ) : null}
              </td>
              <td className={`${cell} text-center`}>
                <input
                  type="checkbox"
                  aria-label={t('webForms.field.required')}
                  checked={f.required ?? false}
                  onChange={(e) => set(i, { required: e.target.checked })}
                />
              </td>
              <td className={cell}>
                <Select
                  aria-label={t('webForms.field.maps')}
                  value={f.maps ?? ''}
                  onChange={(e) => {
                    const maps = (e.target.value || null) as WebFormField['maps'];
                    set(i, { maps, ...(maps ? { category: TARGET_CATEGORY[maps] } : {}) });
                  }}
                >
                  <option value="">{t('webForms.field.noTarget')}</option>
                  {FIELD_TARGETS.map((target) => (
                    <option key={target} value={target}>
                      {t(`webForms.targets.${target}`)}
                    </option>
                  ))}
                </Select>
              </td>
              <td className={cell}>
                <Select
                  aria-label={t('webForms.field.category')}
                  value={f.category ?? ''}
                  onChange={(e) => set(i, { category: (e.target.value || null) as WebFormField['category'] })}
                >
                  <option value="">{t('webForms.field.noCategory')}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`webForms.categories.${c}`)}
                    </option>
                  ))}
                </Select>
              </td>
              <td className={cell}>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onChange(fields.filter((_, j) => j !== i))}
                  aria-label={t('webForms.field.remove')}
                >
                  ✕
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        size="sm"
        variant="secondary"
        className="mt-2"
        data-testid="web-form-add-field"
        onClick={() =>
          onChange([
            ...fields,
            { key: '', label: { de: '', en: '' }, type: 'text', required: false, maps: null, category: null },
          ])
        }
      >
        {t('webForms.field.add')}
      </Button>
    </div>
  );
}
