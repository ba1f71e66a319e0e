import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/server-errors';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { optionalText, requiredText } from '../../lib/validation';
import { segmentPreviewQuery, segmentsQuery } from '../segments/api';
import { EvaluationView } from '../segments/evaluation-view';
import { usePurposes } from '../segments/marketing-purposes';
import { cleanDefinition } from '../segments/types';
import { useCreateCampaign } from './api';
import { MarketingTabs } from './marketing-tabs';
import { CAMPAIGN_KINDS, type CampaignInput, LANGUAGES, OCCASIONS, PLACEHOLDERS, RECURRENCES } from './types';

const route = getRouteApi('/_app/marketing/campaigns/new');

const schema = z
  .object({
    name: requiredText(200),
    kind: z.enum(CAMPAIGN_KINDS),
    occasion: z.enum(OCCASIONS),
    segmentId: z.string().min(1, 'validation.required'),
    purposeId: z.string().min(1, 'validation.required'),
    language: z.enum(LANGUAGES),
    subject: requiredText(200),
    body: requiredText(20_000),
    linkUrl: optionalText(2000).refine(
      (v) => v === '' || z.url({ protocol: /^https?$/ }).safeParse(v).success,
      'validation.url',
    ),
    recurrence: z.enum(RECURRENCES),
    recurrenceDate: z.string(),
  })
  .refine((v) => v.recurrence !== 'yearly' || /^\d{4}-\d{2}-\d{2}$/.test(v.recurrenceDate), {
    path: ['recurrenceDate'],
    message: 'validation.date',
  });
type Values = z.infer<typeof schema>;
const FIELDS = [
  'name',
  'kind',
  'occasion',
  'segmentId',
  'purposeId',
  'language',
  'subject',
  'body',
  'linkUrl',
  'recurrence',
  'recurrenceDate',
] as const;

/** Creates a campaign as a draft; sending happens on its page, after looking at who it reaches. */
export function CampaignCreatePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const search = route.useSearch();
  const segments = useQuery(segmentsQuery);
  const purposes = usePurposes();
  const create = useCreateCampaign();
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: '',
      kind: 'email',
      occasion: 'newsletter',
      segmentId: search.segmentId ?? '',
      purposeId: '',
      language: i18n.language.startsWith('en') ? 'en' : 'de',
      subject: '',
      body: '',
      linkUrl: '',
      recurrence: 'none',
      recurrenceDate: '',
    },
  });
  const { errors } = form.formState;
  const [kind, segmentId, purposeId, recurrence] = useWatch({
    control: form.control,
    name: ['kind', 'segmentId', 'purposeId', 'recurrence'],
  });
  const segment = segments.data?.items.find((s) => s.id === segmentId);
  const previewInput = useDebouncedValue(
    segment && purposeId
      ? { definition: cleanDefinition(segment.definition), purposeId, channel: kind }
      : null,
    300,
  );
  const preview = useQuery(segmentPreviewQuery(previewInput));

  const insertPlaceholder = (name: string) => {
    const token = `{{${name}}}`;
    const el = bodyRef.current;
    const current = form.getValues('body');
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    form.setValue('body', current.slice(0, start) + token + current.slice(end), { shouldDirty: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = form.handleSubmit((v) => {
    const body: CampaignInput = {
      name: v.name,
      kind: v.kind,
      occasion: v.occasion,
      segmentId: v.segmentId,
      purposeId: v.purposeId,
      language: v.language,
      subject: v.subject,
      body: v.body,
      recurrence: v.recurrence,
      ...(v.linkUrl ? { linkUrl: v.linkUrl } : {}),
      ...(v.recurrence === 'yearly' ? { recurrenceDate: v.recurrenceDate.slice(5) } : {}),
    };
    create.mutate(body, {
      onSuccess: (created) =>
        void navigate({ to: '/marketing/campaigns/$campaignId', params: { campaignId: created.id } }),
      onError: (error) => applyServerErrors(error, form.setError, FIELDS),
    });
  });

  const bodyField = form.register('body');
  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <Link to="/marketing/campaigns" className="text-sm text-brand-700 hover:underline">
        ← {t('campaigns.backToList')}
      </Link>
      <PageHeader title={t('campaigns.newTitle')} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardContent>
            <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="campaign-form">
              <Field label={t('campaigns.form.name')} error={errors.name} required>
                {(c) => <Input {...c} {...form.register('name')} data-testid="campaign-name" />}
              </Field>
              <div className="grid gap-3 sm:grid-cols-3">
                <Field label={t('campaigns.form.kind')} error={errors.kind} required>
                  {(c) => (
                    <Select {...c} {...form.register('kind')} data-testid="campaign-kind">
                      {CAMPAIGN_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`campaigns.kinds.${k}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label={t('campaigns.form.occasion')} error={errors.occasion} required>
                  {(c) => (
                    <Select {...c} {...form.register('occasion')} data-testid="campaign-occasion">
                      {OCCASIONS.map((o) => (
                        <option key={o} value={o}>
                          {t(`campaigns.occasions.${o}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label={t('campaigns.form.language')} error={errors.language} required>
                  {(c) => (
                    <Select {...c} {...form.register('language')} data-testid="campaign-language">
                      {LANGUAGES.map((l) => (
                        <option key={l} value={l}>
                          {t(`language.${l}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field
                  label={t('campaigns.form.segment')}
                  error={errors.segmentId}
                  required
                  hint={
                    segments.data && segments.data.items.length === 0
                      ? t('campaigns.form.noSegments')
                      : undefined
                  }
                >
                  {(c) => (
                    <Select {...c} {...form.register('segmentId')} data-testid="campaign-segment">
                      <option value="">{t('common.choose')}</option>
                      {(segments.data?.items ?? []).map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field
                  label={t('campaigns.form.purpose')}
                  error={errors.purposeId}
                  required
                  hint={t('campaigns.form.purposeHint')}
                >
                  {(c) => (
                    <Select {...c} {...form.register('purposeId')} data-testid="campaign-purpose">
                      <option value="">{t('common.choose')}</option>
                      {purposes.advertising.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <Field
                label={kind === 'letter' ? t('campaigns.form.letterSubject') : t('campaigns.form.subject')}
                error={errors.subject}
                required
              >
                {(c) => <Input {...c} {...form.register('subject')} data-testid="campaign-subject" />}
              </Field>
              <Field
                label={t('campaigns.form.body')}
                error={errors.body}
                required
                hint={t('campaigns.form.bodyHint')}
              >
                {(c) => (
                  <Textarea
                    {...c}
                    rows={10}
                    {...bodyField}
                    ref={(el) => {
                      bodyField.ref(el);
                      bodyRef.current = el;
                    }}
                    data-testid="campaign-body"
                  />
                )}
              </Field>
              <fieldset className="flex flex-wrap items-center gap-2">
                <legend className="float-left mr-1 text-xs text-slate-600">
                  {t('campaigns.form.placeholders')}:
                </legend>
                {PLACEHOLDERS.map((p) => (
                  <Button
                    key={p}
                    variant="secondary"
                    size="sm"
                    onClick={() => insertPlaceholder(p)}
                    title={t(`campaigns.placeholders.${p}`)}
                    data-testid={`placeholder-${p}`}
                  >
                    <code>{`{{${p}}}`}</code>
                    <span className="sr-only"> – {t(`campaigns.placeholders.${p}`)}</span>
                  </Button>
                ))}
              </fieldset>
              <ul className="-mt-2 list-inside list-disc text-xs text-slate-600">
                {PLACEHOLDERS.map((p) => (
                  <li key={p}>
                    <code>{`{{${p}}}`}</code>: {t(`campaigns.placeholders.${p}`)}
                  </li>
                ))}
                <li>
                  {kind === 'email' ? t('campaigns.form.footerEmail') : t('campaigns.form.footerLetter')}
                </li>
              </ul>
              <Field
                label={t('campaigns.form.linkUrl')}
                error={errors.linkUrl}
                hint={t('campaigns.form.linkUrlHint')}
              >
                {(c) => (
                  <Input
                    {...c}
                    type="url"
                    placeholder="https://"
                    {...form.register('linkUrl')}
                    data-testid="campaign-link-url"
                  />
                )}
              </Field>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label={t('campaigns.form.recurrence')} error={errors.recurrence}>
                  {(c) => (
                    <Select {...c} {...form.register('recurrence')} data-testid="campaign-recurrence">
                      {RECURRENCES.map((r) => (
                        <option key={r} value={r}>
                          {t(`campaigns.recurrences.${r}`)}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                {recurrence === 'yearly' ? (
                  <Field
                    label={t('campaigns.form.recurrenceDate')}
                    error={errors.recurrenceDate}
                    hint={t('campaigns.form.recurrenceDateHint')}
                    required
                  >
                    {(c) => (
                      <Input
                        {...c}
                        type="date"
                        {...form.register('recurrenceDate')}
                        data-testid="campaign-recurrence-date"
                      />
                    )}
                  </Field>
                ) : recurrence === 'birthday' ? (
                  <p className="self-end text-xs text-slate-600">{t('campaigns.form.birthdayHint')}</p>
                ) : null}
              </div>
              <ErrorMessage error={create.error} />
              <div>
                <Button type="submit" disabled={create.isPending} data-testid="campaign-submit">
                  {t('campaigns.form.submit')}
                </Button>
              </div>
            </form>
          </CardContent>
        </Card>
        <div>
          <Card className="lg:sticky lg:top-20" aria-labelledby="reach-title" data-testid="campaign-reach">
            <CardHeader>
              <div>
                <CardTitle id="reach-title">{t('campaigns.reach.title')}</CardTitle>
                <p className="text-sm text-slate-600">{t('campaigns.reach.createHint')}</p>
              </div>
            </CardHeader>
            <CardContent>
              {previewInput ? (
                <EvaluationView
                  evaluation={preview.data}
                  pending={preview.isPending}
                  fetching={preview.isFetching}
                  error={preview.error}
                  forUse
                />
              ) : (
                <p className="text-sm text-slate-600">{t('campaigns.reach.chooseFirst')}</p>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
