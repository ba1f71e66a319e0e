import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { segmentPreviewQuery, useSaveSegment } from './api';
import { ConditionEditor } from './condition-editor';
import { EvaluationView } from './evaluation-view';
import { usePurposes } from './marketing-purposes';
import {
  CHANNELS,
  type Channel,
  CONDITION_FIELDS,
  type Condition,
  type ConditionField,
  cleanDefinition,
  type Definition,
  isComplete,
  MAX_CONDITIONS,
  newCondition,
  type PreviewInput,
  type Segment,
} from './types';

type Draft = {
  name: string;
  description: string;
  definition: Definition;
  purposeId: string;
  channel: Channel | '';
};

const draftOf = (segment: Segment | undefined): Draft => ({
  name: segment?.name ?? '',
  description: segment?.description ?? '',
  definition: segment?.definition ?? { match: 'all', conditions: [] },
  purposeId: segment?.purposeId ?? '',
  channel: segment?.channel ?? 'email',
});

/**
 * The segment builder: name, conditions (all or any), the marketing use (purpose and channel) and
 * a live preview that counts who matches, who may be reached and why the others may not.
 */
export function SegmentEditor({ segment }: { segment?: Segment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const purposes = usePurposes();
  const save = useSaveSegment(segment?.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(segment));
  // Stable keys for the condition list: an index would shift focus and state when one is removed.
  const [keys, setKeys] = useState<number[]>(() => draft.definition.conditions.map((_, i) => i));
  const [nextKey, setNextKey] = useState(draft.definition.conditions.length);
  const [adding, setAdding] = useState<ConditionField>('personKind');
  const [nameError, setNameError] = useState<string | undefined>();
  const matchId = useId();

  const conditions = draft.definition.conditions;
  const setConditions = (next: Condition[]) =>
    setDraft((d) => ({ ...d, definition: { ...d.definition, conditions: next } }));
  const addCondition = () => {
    if (conditions.length >= MAX_CONDITIONS) return;
    setConditions([...conditions, newCondition(adding)]);
    setKeys((k) => [...k, nextKey]);
    setNextKey((n) => n + 1);
  };
  const removeCondition = (index: number) => {
    setConditions(conditions.filter((_, i) => i !== index));
    setKeys((k) => k.filter((_, i) => i !== index));
  };

  const forUse = Boolean(draft.purposeId && draft.channel);
  const previewInput: PreviewInput = useMemo(
    () => ({
      definition: cleanDefinition(draft.definition),
      ...(draft.purposeId ? { purposeId: draft.purposeId } : {}),
      ...(draft.channel && draft.purposeId ? { channel: draft.channel } : {}),
    }),
    [draft.definition, draft.purposeId, draft.channel],
  );
  const debounced = useDebouncedValue(previewInput, 400);
  const preview = useQuery(segmentPreviewQuery(debounced));
  const incomplete = conditions.filter((c) => !isComplete(c)).length;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!draft.name.trim()) {
      setNameError('validation.required');
      return;
    }
    setNameError(undefined);
    if (incomplete > 0) return;
    save.mutate(
      {
        name: draft.name.trim(),
        ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
        definition: cleanDefinition(draft.definition),
        ...(draft.purposeId ? { purposeId: draft.purposeId } : {}),
        ...(draft.purposeId && draft.channel ? { channel: draft.channel } : {}),
        ...(segment ? { version: segment.version } : {}),
      },
      {
        onSuccess: (saved) => void navigate({ to: '/marketing/segments', search: { saved: saved.name } }),
      },
    );
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-testid="segment-form">
        <Card>
          <CardContent className="flex flex-col gap-3">
            <Field
              label={t('segments.form.name')}
              required
              error={nameError ? { message: nameError } : undefined}
            >
              {(c) => (
                <Input
                  {...c}
                  value={draft.name}
                  maxLength={200}
                  onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
                  data-testid="segment-name"
                />
              )}
            </Field>
            <Field label={t('segments.form.description')}>
              {(c) => (
                <Textarea
                  {...c}
                  rows={2}
                  value={draft.description}
                  maxLength={2000}
                  onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
                  data-testid="segment-description"
                />
              )}
            </Field>
          </CardContent>
        </Card>

        <Card aria-labelledby="conditions-title">
          <CardHeader>
            <CardTitle id="conditions-title">{t('segments.form.conditions')}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <fieldset className="flex flex-wrap items-center gap-4" aria-describedby={`${matchId}-hint`}>
              <legend className="sr-only">{t('segments.form.match')}</legend>
              {(['all', 'any'] as const).map((m) => (
                <label key={m} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="match"
                    value={m}
                    className="size-4 accent-brand-700"
                    checked={draft.definition.match === m}
                    onChange={() => setDraft((d) => ({ ...d, definition: { ...d.definition, match: m } }))}
                    data-testid={`segment-match-${m}`}
                  />
                  {t(`segments.form.matches.${m}`)}
                </label>
              ))}
              <p id={`${matchId}-hint`} className="basis-full text-xs text-slate-500">
                {conditions.length === 0 ? t('segments.form.noConditions') : t('segments.form.matchHint')}
              </p>
            </fieldset>
            <ol className="flex flex-col gap-3" data-testid="conditions">
              {conditions.map((condition, index) => (
                <ConditionEditor
                  key={keys[index]}
                  condition={condition}
                  index={index}
                  onChange={(next) => setConditions(conditions.map((c, i) => (i === index ? next : c)))}
                  onRemove={() => removeCondition(index)}
                />
              ))}
            </ol>
            <div className="flex flex-wrap items-end gap-2">
              <Field label={t('segments.form.addField')} className="min-w-56">
                {(c) => (
                  <Select
                    {...c}
                    value={adding}
                    onChange={(e) => setAdding(e.target.value as ConditionField)}
                    data-testid="condition-field"
                  >
                    {CONDITION_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`segments.fields.${f}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Button
                variant="secondary"
                onClick={addCondition}
                disabled={conditions.length >= MAX_CONDITIONS}
                data-testid="condition-add"
              >
                {t('segments.form.addCondition')}
              </Button>
            </div>
            {conditions.length >= MAX_CONDITIONS ? (
              <p className="text-xs text-slate-600">
                {t('segments.form.maxConditions', { max: MAX_CONDITIONS })}
              </p>
            ) : null}
          </CardContent>
        </Card>

        <Card aria-labelledby="use-title">
          <CardHeader>
            <div>
              <CardTitle id="use-title">{t('segments.form.use')}</CardTitle>
              <p className="text-sm text-slate-600">{t('segments.form.useHint')}</p>
            </div>
          </CardHeader>
          <CardContent className="grid gap-3 sm:grid-cols-2">
            <Field label={t('segments.form.purpose')} hint={t('segments.form.purposeHint')}>
              {(c) => (
                <Select
                  {...c}
                  value={draft.purposeId}
                  onChange={(e) => setDraft((d) => ({ ...d, purposeId: e.target.value }))}
                  data-testid="segment-purpose"
                >
                  <option value="">{t('segments.form.noPurpose')}</option>
                  {purposes.advertising.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('segments.form.channel')}>
              {(c) => (
                <Select
                  {...c}
                  value={draft.channel}
                  disabled={!draft.purposeId}
                  onChange={(e) => setDraft((d) => ({ ...d, channel: e.target.value as Channel }))}
                  data-testid="segment-channel"
                >
                  {CHANNELS.map((ch) => (
                    <option key={ch} value={ch}>
                      {t(`segments.channels.${ch}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </CardContent>
        </Card>

        {incomplete > 0 ? (
          <p className="text-sm text-amber-800" role="note" data-testid="segment-incomplete">
            {t('segments.form.incomplete', { count: incomplete })}
          </p>
        ) : null}
        <ErrorMessage error={save.error} />
        <div className="flex gap-2">
          <Button type="submit" disabled={save.isPending || incomplete > 0} data-testid="segment-save">
            {segment ? t('common.save') : t('segments.form.create')}
          </Button>
          <Button variant="secondary" onClick={() => void navigate({ to: '/marketing/segments' })}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>

      <div>
        <Card className="lg:sticky lg:top-20" aria-labelledby="preview-title" data-testid="segment-preview">
          <CardHeader>
            <div>
              <CardTitle id="preview-title">{t('segments.preview.title')}</CardTitle>
              <p className="text-sm text-slate-600">
                {forUse
                  ? t('segments.preview.forUse', {
                      purpose: purposes.label(draft.purposeId),
                      channel: t(`segments.channels.${draft.channel as Channel}`),
                    })
                  : t('segments.preview.noUse')}
              </p>
            </div>
          </CardHeader>
          <CardContent>
            {incomplete > 0 ? (
              <p className="mb-3 text-xs text-slate-600">{t('segments.preview.incompleteIgnored')}</p>
            ) : null}
            <EvaluationView
              evaluation={preview.data}
              pending={preview.isPending}
              fetching={preview.isFetching}
              error={preview.error}
              forUse={forUse}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
