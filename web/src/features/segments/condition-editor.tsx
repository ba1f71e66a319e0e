import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Input, Select } from '../../components/ui/input';
import { customerGroupsQuery } from '../customer-groups/api';
import { tagsQuery } from '../tags/api';
import { usePurposes } from './marketing-purposes';
import {
  type Condition,
  INTERACTION_KINDS,
  type InteractionKindValue,
  isComplete,
  ORGANIZATION_KINDS,
  type OrganizationKindValue,
  PERSON_KINDS,
  type PersonKindValue,
} from './types';

/** A label and its control side by side (the id ties them together for assistive technology). */
function Labelled({
  label,
  children,
  className,
}: {
  label: string;
  children: (id: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className ?? ''}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

const toDays = (value: string) => (value === '' ? Number.NaN : Number(value));

function DaysInput({
  label,
  value,
  onChange,
  min = 1,
  max,
  testId,
}: {
  label: string;
  value: number | undefined;
  onChange: (days: number) => void;
  min?: number;
  max: number;
  testId: string;
}) {
  return (
    <Labelled label={label} className="w-32">
      {(id) => (
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value === undefined || Number.isNaN(value) ? '' : String(value)}
          onChange={(e) => onChange(toDays(e.target.value))}
          data-testid={testId}
        />
      )}
    </Labelled>
  );
}

/** The inputs of one condition; what they are depends on the condition's field. */
function ConditionInputs({
  condition,
  onChange,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
}) {
  const { t } = useTranslation();
  const tags = useQuery(tagsQuery);
  const groups = useQuery(customerGroupsQuery);
  const purposes = usePurposes();
  const c = condition;
  switch (c.field) {
    case 'personKind':
      return (
        <CheckboxGroup
          legend={t('segments.conditions.personKind.values')}
          columns={3}
          value={c.values}
          onChange={(values) => onChange({ ...c, values: values as PersonKindValue[] })}
          options={PERSON_KINDS.map((k) => ({ value: k, label: t(`segments.personKinds.${k}`) }))}
        />
      );
    case 'organizationKind':
      return (
        <CheckboxGroup
          legend={t('segments.conditions.organizationKind.values')}
          columns={3}
          value={c.values}
          onChange={(values) => onChange({ ...c, values: values as OrganizationKindValue[] })}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`segments.organizationKinds.${k}`) }))}
        />
      );
    case 'customerGroup':
      return (
        <CheckboxGroup
          legend={t('segments.conditions.customerGroup.values')}
          columns={3}
          value={c.ids}
          onChange={(ids) => onChange({ ...c, ids })}
          emptyText={t('segments.conditions.customerGroup.none')}
          options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
      );
    case 'tag':
      return (
        <div className="flex flex-wrap gap-3">
          <Labelled label={t('segments.conditions.op')} className="w-44">
            {(id) => (
              <Select
                id={id}
                value={c.op}
                onChange={(e) => onChange({ ...c, op: e.target.value as 'has' | 'lacks' })}
                data-testid="condition-tag-op"
              >
                <option value="has">{t('segments.conditions.tag.has')}</option>
                <option value="lacks">{t('segments.conditions.tag.lacks')}</option>
              </Select>
            )}
          </Labelled>
          <Labelled label={t('segments.conditions.tag.tag')} className="min-w-48 flex-1">
            {(id) => (
              <Select
                id={id}
                value={c.tagId}
                onChange={(e) => onChange({ ...c, tagId: e.target.value })}
                data-testid="condition-tag"
              >
                <option value="">{t('common.choose')}</option>
                {(tags.data?.items ?? []).map((tag) => (
                  <option key={tag.id} value={tag.id}>
                    {tag.name}
                  </option>
                ))}
              </Select>
            )}
          </Labelled>
        </div>
      );
    case 'city':
      return (
        <Labelled label={t('segments.conditions.city.value')} className="max-w-sm">
          {(id) => (
            <Input
              id={id}
              value={c.value}
              maxLength={100}
              onChange={(e) => onChange({ ...c, value: e.target.value })}
              data-testid="condition-city"
            />
          )}
        </Labelled>
      );
    case 'postalCode':
      return (
        <Labelled label={t('segments.conditions.postalCode.prefix')} className="max-w-xs">
          {(id) => (
            <Input
              id={id}
              value={c.prefix}
              maxLength={10}
              inputMode="numeric"
              onChange={(e) => onChange({ ...c, prefix: e.target.value })}
              data-testid="condition-postal-code"
            />
          )}
        </Labelled>
      );
    case 'country':
      return (
        <Labelled label={t('segments.conditions.country.values')} className="max-w-sm">
          {(id) => (
            <Input
              id={id}
              defaultValue={c.values.join(', ')}
              placeholder="DE, AT, CH"
              onChange={(e) =>
                onChange({
                  ...c,
                  values: e.target.value
                    .split(/[\s,;]+/)
                    .map((v) => v.trim().toUpperCase())
                    .filter(Boolean),
                })
              }
              data-testid="condition-country"
            />
          )}
        </Labelled>
      );
    case 'birthday':
      return (
        <DaysInput
          label={t('segments.conditions.birthday.withinDays')}
          value={c.withinDays}
          min={0}
          max={366}
          onChange={(withinDays) => onChange({ ...c, withinDays })}
          testId="condition-birthday-days"
        />
      );
    case 'createdAt':
      return (
        <div className="flex flex-wrap gap-3">
          <Labelled label={t('segments.conditions.op')} className="w-44">
            {(id) => (
              <Select
                id={id}
                value={c.op}
                onChange={(e) => onChange({ ...c, op: e.target.value as 'before' | 'after' })}
              >
                <option value="after">{t('segments.conditions.createdAt.after')}</option>
                <option value="before">{t('segments.conditions.createdAt.before')}</option>
              </Select>
            )}
          </Labelled>
          <Labelled label={t('segments.conditions.createdAt.date')} className="w-48">
            {(id) => (
              <Input
                id={id}
                type="date"
                value={c.date}
                onChange={(e) => onChange({ ...c, date: e.target.value })}
                data-testid="condition-created-date"
              />
            )}
          </Labelled>
        </div>
      );
    case 'lastInteraction':
      return (
        <div className="flex flex-wrap gap-3">
          <Labelled label={t('segments.conditions.op')} className="w-56">
            {(id) => (
              <Select
                id={id}
                value={c.op}
                onChange={(e) => onChange({ ...c, op: e.target.value as 'within' | 'notWithin' })}
              >
                <option value="within">{t('segments.conditions.lastInteraction.within')}</option>
                <option value="notWithin">{t('segments.conditions.lastInteraction.notWithin')}</option>
              </Select>
            )}
          </Labelled>
          <DaysInput
            label={t('segments.conditions.days')}
            value={c.days}
            max={3660}
            onChange={(days) => onChange({ ...c, days })}
            testId="condition-interaction-days"
          />
          <Labelled label={t('segments.conditions.lastInteraction.kind')} className="w-48">
            {(id) => (
              <Select
                id={id}
                value={c.kind ?? ''}
                onChange={(e) => {
                  const { kind: _old, ...rest } = c;
                  onChange(e.target.value ? { ...rest, kind: e.target.value as InteractionKindValue } : rest);
                }}
              >
                <option value="">{t('segments.conditions.lastInteraction.anyKind')}</option>
                {INTERACTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`segments.interactionKinds.${k}`)}
                  </option>
                ))}
              </Select>
            )}
          </Labelled>
        </div>
      );
    case 'deal':
      return (
        <div className="flex flex-wrap gap-3">
          <Labelled label={t('segments.conditions.op')} className="w-64">
            {(id) => (
              <Select
                id={id}
                value={c.op}
                onChange={(e) =>
                  onChange(
                    e.target.value === 'open'
                      ? { field: 'deal', op: 'open' }
                      : { field: 'deal', op: 'wonWithin', days: c.days ?? 365 },
                  )
                }
              >
                <option value="open">{t('segments.conditions.deal.open')}</option>
                <option value="wonWithin">{t('segments.conditions.deal.wonWithin')}</option>
              </Select>
            )}
          </Labelled>
          {c.op === 'wonWithin' ? (
            <DaysInput
              label={t('segments.conditions.days')}
              value={c.days}
              max={3660}
              onChange={(days) => onChange({ ...c, days })}
              testId="condition-deal-days"
            />
          ) : null}
        </div>
      );
    case 'order':
      return (
        <div className="flex flex-wrap gap-3">
          <Labelled label={t('segments.conditions.op')} className="w-64">
            {(id) => (
              <Select
                id={id}
                value={c.op}
                onChange={(e) =>
                  onChange(
                    e.target.value === 'any'
                      ? { field: 'order', op: 'any' }
                      : { field: 'order', op: 'within', days: c.days ?? 365 },
                  )
                }
              >
                <option value="any">{t('segments.conditions.order.any')}</option>
                <option value="within">{t('segments.conditions.order.within')}</option>
              </Select>
            )}
          </Labelled>
          {c.op === 'within' ? (
            <DaysInput
              label={t('segments.conditions.days')}
              value={c.days}
              max={3660}
              onChange={(days) => onChange({ ...c, days })}
              testId="condition-order-days"
            />
          ) : null}
        </div>
      );
    case 'purpose':
      return (
        <Labelled label={t('segments.conditions.purpose.purpose')} className="max-w-sm">
          {(id) => (
            <Select
              id={id}
              value={c.purposeId}
              onChange={(e) => onChange({ ...c, purposeId: e.target.value })}
              data-testid="condition-purpose"
            >
              <option value="">{t('common.choose')}</option>
              {purposes.all.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          )}
        </Labelled>
      );
  }
}

/** One condition of the builder: its field as a heading, its inputs, and a remove button. */
export function ConditionEditor({
  condition,
  index,
  onChange,
  onRemove,
}: {
  condition: Condition;
  index: number;
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const complete = isComplete(condition);
  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3"
      aria-labelledby={headingId}
      data-testid="condition"
      data-field={condition.field}
    >
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {t('segments.conditions.numbered', {
              n: index + 1,
              field: t(`segments.fields.${condition.field}`),
            })}
          </h3>
          <p className="text-xs text-slate-500">{t(`segments.fieldHints.${condition.field}`)}</p>
        </div>
        <Button
          variant="ghost"
          size="sm"
          onClick={onRemove}
          aria-label={t('segments.conditions.removeNamed', { n: index + 1 })}
          data-testid="condition-remove"
        >
          {t('common.remove')}
        </Button>
      </div>
      <ConditionInputs condition={condition} onChange={onChange} />
      {complete ? null : (
        <p className="text-xs text-amber-800" data-testid="condition-incomplete">
          {t('segments.conditions.incomplete')}
        </p>
      )}
    </li>
  );
}
