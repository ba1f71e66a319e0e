import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { MAIL_KINDS, MAIL_STATUSES, type MailKind, type MailStatus } from '../consent/types';
import { marketingSettingsQuery, outboxMailQuery, outboxQuery } from './api';
import { MarketingAreaTabs } from './marketing-area-tabs';

const route = getRouteApi('/_app/marketing/outbox');

const STATUS_TONE: Record<MailStatus, 'neutral' | 'brand' | 'success' | 'warning' | 'danger'> = {
  outbox: 'warning',
  queued: 'brand',
  sent: 'success',
  failed: 'danger',
  bounced: 'danger',
};

/**
 * /marketing/outbox: every mail the system wrote. Without SMTP the mails stay here (status "outbox"),
 * so this is where they can be read.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const settings = useQuery(marketingSettingsQuery());
  const list = useInfiniteQuery(outboxQuery({ kind: search.kind, status: search.status }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('marketingAdmin.outbox.title')} />
      <MarketingAreaTabs />
      {settings.data && !settings.data.smtpConfigured ? (
        <p
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          role="note"
        >
          {t('marketingAdmin.outbox.noSmtp')}
        </p>
      ) : null}
      <div className="grid gap-3 sm:max-w-lg sm:grid-cols-2">
        <Field label={t('marketingAdmin.outbox.kind')}>
          {(c) => (
            <Select
              {...c}
              value={search.kind ?? ''}
              onChange={(e) =>
                void navigate({ search: (s) => ({ ...s, kind: (e.target.value || undefined) as MailKind }) })
              }
            >
              <option value="">{t('marketingAdmin.all')}</option>
              {MAIL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`marketingAdmin.outbox.kinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('marketingAdmin.outbox.status')}>
          {(c) => (
            <Select
              {...c}
              value={search.status ?? ''}
              onChange={(e) =>
                void navigate({
                  search: (s) => ({ ...s, status: (e.target.value || undefined) as MailStatus }),
                })
              }
            >
              <option value="">{t('marketingAdmin.all')}</option>
              {MAIL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`marketingAdmin.outbox.statuses.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardContent className="px-0 py-0">
            {list.isPending ? <Loading /> : null}
            <ErrorMessage error={list.error} className="m-3" />
            <div className="overflow-x-auto">
              <Table data-testid="outbox-table" aria-busy={list.isFetching}>
                <THead>
                  <tr>
                    <Th>{t('marketingAdmin.outbox.time')}</Th>
                    <Th>{t('marketingAdmin.outbox.kind')}</Th>
                    <Th>{t('marketingAdmin.outbox.to')}</Th>
                    <Th>{t('marketingAdmin.outbox.subject')}</Th>
                    <Th>{t('marketingAdmin.outbox.status')}</Th>
                  </tr>
                </THead>
                <TBody>
                  {list.data && items.length === 0 ? (
                    <tr>
                      <Td colSpan={5} className="py-8 text-center text-slate-500">
                        {t('marketingAdmin.outbox.empty')}
                      </Td>
                    </tr>
                  ) : null}
                  {items.map((mail) => (
                    <Tr
                      key={mail.id}
                      data-testid="outbox-row"
                      data-selected={search.mail === mail.id ? 'true' : undefined}
                      className={search.mail === mail.id ? 'bg-brand-50' : undefined}
                    >
                      <Td className="whitespace-nowrap">{format.dateTime(mail.createdAt)}</Td>
                      <Td>{t(`marketingAdmin.outbox.kinds.${mail.kind}`)}</Td>
                      <Td className="break-all">{mail.to}</Td>
                      <Td>
                        <Link
                          to="/marketing/outbox"
                          search={{ kind: search.kind, status: search.status, mail: mail.id }}
                          className="text-brand-700 hover:underline"
                          data-testid="outbox-open"
                        >
                          {mail.subject}
                        </Link>
                      </Td>
                      <Td>
                        <Badge tone={STATUS_TONE[mail.status]}>
                          {t(`marketingAdmin.outbox.statuses.${mail.status}`)}
                        </Badge>
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
            {list.hasNextPage ? (
              <div className="p-3">
                <Button
                  variant="secondary"
                  onClick={() => void list.fetchNextPage()}
                  disabled={list.isFetchingNextPage}
                >
                  {t('marketingAdmin.outbox.more')}
                </Button>
              </div>
            ) : null}
          </CardContent>
        </Card>
        {search.mail ? <MailDetail id={search.mail} /> : null}
      </div>
    </div>
  );
}

function MailDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const format = useFormat();
  const query = useQuery(outboxMailQuery(id));
  const mail = query.data;
  return (
    <Card aria-labelledby="mail-title" data-testid="outbox-detail" className="lg:self-start">
      <CardHeader>
        <CardTitle id="mail-title">{mail?.subject ?? t('marketingAdmin.outbox.mail')}</CardTitle>
        <Link
          to="/marketing/outbox"
          search={{ kind: search.kind, status: search.status }}
          className="text-sm text-brand-700"
        >
          {t('common.close')}
        </Link>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {query.isPending ? <Loading /> : null}
        <ErrorMessage error={query.error} />
        {mail ? (
          <>
            <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5">
              <dt className="text-slate-500">{t('marketingAdmin.outbox.to')}</dt>
              <dd className="break-all">{mail.to}</dd>
              <dt className="text-slate-500">{t('marketingAdmin.outbox.time')}</dt>
              <dd>{format.dateTime(mail.createdAt)}</dd>
              {mail.sentAt ? (
                <>
                  <dt className="text-slate-500">{t('marketingAdmin.outbox.sentAt')}</dt>
                  <dd>{format.dateTime(mail.sentAt)}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t('marketingAdmin.outbox.status')}</dt>
              <dd>{t(`marketingAdmin.outbox.statuses.${mail.status}`)}</dd>
              {mail.error ? (
                <>
                  <dt className="text-slate-500">{t('marketingAdmin.outbox.error')}</dt>
                  <dd className="text-red-800">{mail.error}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">Message-ID</dt>
              <dd className="font-mono text-xs break-all">{mail.messageId}</dd>
            </dl>
            <pre
              className="max-h-[60dvh] overflow-auto rounded-md bg-slate-50 p-3 font-sans whitespace-pre-wrap break-words text-slate-900"
              data-testid="outbox-text"
            >
              {mail.text}
            </pre>
            {Object.keys(mail.headers ?? {}).length > 0 ? (
              <details>
                <summary className="cursor-pointer text-slate-600">
                  {t('marketingAdmin.outbox.headers')}
                </summary>
                <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 font-mono text-xs">
                  {Object.entries(mail.headers).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-slate-500">{k}</dt>
                      <dd className="break-all">{v}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            ) : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
