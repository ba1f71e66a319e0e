import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencySelect } from '../../components/currency-select';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { PersonPicker, type PersonRef } from '../../components/person-picker';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { OrganizationPicker } from '../organizations/organization-picker';
import { stagesQuery, useCreateDeal } from './api';
import { toApiAmount, useStageName } from './money';

/** A new deal for a person and/or an organisation; it starts in an open stage. */
export function DealCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stageName = useStageName();
  const stages = useQuery(stagesQuery);
  const create = useCreateDeal();
  const [title, setTitle] = useState('');
  const [person, setPerson] = useState<PersonRef | null>(null);
  const [organization, setOrganization] = useState<{ id: string; name: string } | null>(null);
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [stageId, setStageId] = useState('');
  const [probability, setProbability] = useState('');
  const [expectedClose, setExpectedClose] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const openStages = (stages.data?.items ?? []).filter((s) => s.outcome === 'open' && !s.archived);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!title.trim()) problems.title = t('common.required');
    if (!value.trim()) problems.value = t('common.required');
    if (!person && !organization) problems.customer = t('sales.deals.noCustomer');
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const deal = await create.mutateAsync({
        title: title.trim(),
        personId: person?.id,
        organizationId: organization?.id,
        value: toApiAmount(value),
        currency,
        stageId: stageId || undefined,
        probability: probability === '' ? undefined : Number(probability),
        expectedClose: expectedClose || undefined,
      });
      await navigate({ to: '/deals/$dealId', params: { dealId: deal.id } });
    } catch {
      // shown below the form
    }
  };
  const error = (key: string) => (missing[key] ? { message: missing[key], type: 'server' } : undefined);

  return (
    <div className="max-w-3xl">
      <PageHeader title={t('sales.deals.new')} />
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="deal-form">
        <Card>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field
              label={t('sales.deals.fields.title')}
              required
              error={error('title')}
              className="sm:col-span-2"
            >
              {(c) => (
                <Input {...c} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
              )}
            </Field>
            <Field label={t('sales.deals.fields.organization')} error={error('customer')}>
              {(c) => <OrganizationPicker {...c} value={organization} onChange={setOrganization} />}
            </Field>
            <Field label={t('sales.deals.fields.person')}>
              {(c) => (
                <PersonPicker
                  {...c}
                  value={person}
                  onChange={setPerson}
                  placeholder={t('sales.personPicker.placeholder')}
                  noMatchText={t('sales.personPicker.noMatch')}
                />
              )}
            </Field>
            <Field
              label={t('sales.deals.fields.value')}
              required
              error={error('value')}
              hint={t('sales.deals.valueHint')}
            >
              {(c) => (
                <Input {...c} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
              )}
            </Field>
            <Field label={t('sales.deals.fields.currency')}>
              {(c) => <CurrencySelect {...c} value={currency} onChange={setCurrency} />}
            </Field>
            <Field label={t('sales.deals.fields.stage')}>
              {(c) => (
                <Select {...c} value={stageId} onChange={(e) => setStageId(e.target.value)}>
                  {openStages.map((s, i) => (
                    <option key={s.id} value={i === 0 ? '' : s.id}>
                      {stageName(s)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('sales.deals.fields.probability')} hint={t('sales.deals.fields.probabilityHint')}>
              {(c) => (
                <Input
                  {...c}
                  type="number"
                  min={0}
                  max={100}
                  value={probability}
                  onChange={(e) => setProbability(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('sales.deals.fields.expectedClose')}>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={expectedClose}
                  onChange={(e) => setExpectedClose(e.target.value)}
                />
              )}
            </Field>
          </CardContent>
        </Card>
        <ErrorMessage error={create.error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={create.isPending}>
            {t('sales.deals.create')}
          </Button>
          <Button variant="secondary" onClick={() => void navigate({ to: '/deals' })}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
