import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { stagesQuery, useCreateStage, useUpdateStage } from './api';
import { useStageName } from './money';
import type { PipelineStage } from './types';

/** Administrators rename, re-weight, reorder and archive the pipeline's stages. */
export function PipelineSettingsPage() {
  const { t } = useTranslation();
  const stages = useQuery(stagesQuery);
  const update = useUpdateStage();
  if (stages.isPending) return <Loading />;
  if (stages.error) return <ErrorMessage error={stages.error} />;
  const items = stages.data.items;
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('sales.pipeline.title')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-slate-600">{t('sales.pipeline.description')}</p>
          <ErrorMessage error={update.error} />
          <ol className="flex flex-col gap-3" data-testid="pipeline-stages">
            {items.map((stage, index) => (
              <StageRow
                key={`${stage.id}-${stage.nameDe}-${stage.nameEn}-${stage.probability}`}
                stage={stage}
                first={index === 0}
                last={index === items.length - 1}
                busy={update.isPending}
                onChange={(patch) => update.mutate({ id: stage.id, ...patch })}
              />
            ))}
          </ol>
        </CardContent>
      </Card>
      <NewStageCard />
    </div>
  );
}

function StageRow({
  stage,
  first,
  last,
  busy,
  onChange,
}: {
  stage: PipelineStage;
  first: boolean;
  last: boolean;
  busy: boolean;
  onChange: (patch: {
    nameDe?: string;
    nameEn?: string;
    probability?: number;
    position?: number;
    archived?: boolean;
  }) => void;
}) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const [nameDe, setNameDe] = useState(stage.nameDe);
  const [nameEn, setNameEn] = useState(stage.nameEn);
  const [probability, setProbability] = useState(String(stage.probability));
  const name = stageName(stage);
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="pipeline-stage">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <Badge tone={stage.outcome === 'won' ? 'success' : stage.outcome === 'lost' ? 'danger' : 'brand'}>
          {t(`sales.pipeline.outcome.${stage.outcome}`)}
        </Badge>
        {stage.archived ? <Badge>{t('sales.pipeline.archived')}</Badge> : null}
        <span className="text-xs text-slate-500">
          {t('sales.pipeline.openDeals', { count: stage.openDeals })}
        </span>
        <span className="ml-auto flex gap-1">
          <Button
            variant="ghost"
            size="sm"
            disabled={first || busy}
            aria-label={t('sales.pipeline.up', { name })}
            onClick={() => onChange({ position: stage.position - 1 })}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={last || busy}
            aria-label={t('sales.pipeline.down', { name })}
            onClick={() => onChange({ position: stage.position + 1 })}
          >
            ↓
          </Button>
        </span>
      </div>
      <form
        noValidate
        className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem_auto] sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ nameDe, nameEn, probability: Number(probability) });
        }}
      >
        <Field label={t('sales.pipeline.nameDe')}>
          {(c) => <Input {...c} maxLength={60} value={nameDe} onChange={(e) => setNameDe(e.target.value)} />}
        </Field>
        <Field label={t('sales.pipeline.nameEn')}>
          {(c) => <Input {...c} maxLength={60} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
        </Field>
        <Field label={t('sales.pipeline.probability')}>
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
        <div className="flex gap-2">
          <Button type="submit" disabled={busy} aria-label={t('sales.pipeline.save', { name })}>
            {t('common.save')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => onChange({ archived: !stage.archived })}>
            {stage.archived ? t('sales.pipeline.restore') : t('sales.pipeline.archive')}
          </Button>
        </div>
      </form>
    </li>
  );
}

function NewStageCard() {
  const { t } = useTranslation();
  const create = useCreateStage();
  const [nameDe, setNameDe] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [probability, setProbability] = useState('50');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create.mutateAsync({ nameDe, nameEn, probability: Number(probability), outcome: 'open' });
      setNameDe('');
      setNameEn('');
    } catch {
      // shown below
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('sales.pipeline.add')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          onSubmit={submit}
          className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem_auto] sm:items-end"
        >
          <Field label={t('sales.pipeline.nameDe')} required>
            {(c) => (
              <Input {...c} maxLength={60} value={nameDe} onChange={(e) => setNameDe(e.target.value)} />
            )}
          </Field>
          <Field label={t('sales.pipeline.nameEn')} required>
            {(c) => (
              <Input {...c} maxLength={60} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
            )}
          </Field>
          <Field label={t('sales.pipeline.probability')}>
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
          <Button type="submit" disabled={create.isPending}>
            {t('sales.pipeline.add')}
          </Button>
        </form>
        <ErrorMessage error={create.error} className="mt-3" />
      </CardContent>
    </Card>
  );
}
