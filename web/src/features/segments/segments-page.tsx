import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Button, buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { MarketingTabs } from '../campaigns/marketing-tabs';
import { segmentsQuery, useArchiveSegment } from './api';
import { usePurposes } from './marketing-purposes';
import type { Segment } from './types';

const route = getRouteApi('/_app/marketing/segments');

/** Saved segments: their filter in short, their marketing use, and a link to the builder. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = route.useSearch();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'marketing.manage');
  const list = useQuery(segmentsQuery);
  const purposes = usePurposes();
  const archive = useArchiveSegment();
  const [archiving, setArchiving] = useState<Segment | null>(null);
  const items = list.data?.items ?? [];

  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <PageHeader
        title={t('segments.title')}
        actions={
          canManage ? (
            <Link to="/marketing/segments/new" className={buttonClass()} data-testid="segment-new">
              {t('segments.new')}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('segments.intro')}</p>
      </PageHeader>
      {search.saved ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="segment-saved"
        >
          {t('segments.saved', { name: search.saved })}
        </p>
      ) : null}
      <ErrorMessage error={list.error ?? archive.error} />
      <Card>
        <Table data-testid="segment-list" aria-busy={list.isFetching}>
          <THead>
            <tr>
              <Th scope="col">{t('segments.columns.name')}</Th>
              <Th scope="col">{t('segments.columns.conditions')}</Th>
              <Th scope="col">{t('segments.columns.use')}</Th>
              <Th scope="col">{t('segments.columns.updatedAt')}</Th>
              {canManage ? (
                <Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {list.data && items.length === 0 ? (
              <tr>
                <Td colSpan={5} className="py-8 text-center text-slate-500">
                  {t('segments.empty')}
                </Td>
              </tr>
            ) : (
              items.map((s) => (
                <Tr key={s.id} data-testid="segment-row" data-segment-id={s.id}>
                  <Td>
                    <Link
                      to="/marketing/segments/$segmentId"
                      params={{ segmentId: s.id }}
                      className="font-medium text-brand-700 hover:underline"
                      data-testid="segment-link"
                    >
                      {s.name}
                    </Link>
                    {s.description ? <p className="text-xs text-slate-500">{s.description}</p> : null}
                  </Td>
                  <Td>
                    {t('segments.conditionCount', { count: s.definition.conditions.length })}
                    {s.definition.conditions.length > 1 ? (
                      <span className="text-slate-500">
                        {' '}
                        · {t(`segments.form.matchesShort.${s.definition.match}`)}
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    {s.purposeId
                      ? `${purposes.label(s.purposeId)}${s.channel ? ` · ${t(`segments.channels.${s.channel}`)}` : ''}`
                      : '–'}
                  </Td>
                  <Td className="whitespace-nowrap">{format.date(s.updatedAt)}</Td>
                  {canManage ? (
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setArchiving(s)}
                        aria-label={t('segments.archiveNamed', { name: s.name })}
                      >
                        {t('segments.archive')}
                      </Button>
                    </Td>
                  ) : null}
                </Tr>
              ))
            )}
          </TBody>
        </Table>
      </Card>
      {archiving ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => {
            if (!open) setArchiving(null);
          }}
          title={t('segments.archiveTitle')}
          description={t('segments.archiveText', { name: archiving.name })}
          confirmLabel={t('segments.archive')}
          pending={archive.isPending}
          onConfirm={() => archive.mutate(archiving.id, { onSettled: () => setArchiving(null) })}
        />
      ) : null}
    </div>
  );
}
