import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { type RedactionStatus, redactionsQuery } from './api';

const STATUSES: RedactionStatus[] = ['open', 'redacted', 'dismissed'];

/** Prüfliste sensibler Daten: the findings of the detector, newest first; kinds only, never text. */
export function RedactionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<RedactionStatus>('open');
  const list = useQuery(redactionsQuery(status));
  return (
    <div>
      <PageHeader title={t('redaction.title')} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('redaction.intro')}</p>
      <div className="mb-4 flex gap-2">
        {STATUSES.map((s) => (
          <Button
            key={s}
            size="sm"
            variant={s === status ? 'primary' : 'secondary'}
            aria-pressed={s === status}
            onClick={() => setStatus(s)}
            data-testid={`redactions-status-${s}`}
          >
            {t(`redaction.status.${s}`)}
          </Button>
        ))}
      </div>
      <ErrorMessage error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : !list.data?.items.length ? (
        <p className="text-sm text-slate-600">{t('redaction.empty')}</p>
      ) : (
        <Table data-testid="redactions-table">
          <THead>
            <Tr>
              <Th>{t('redaction.detectedAt')}</Th>
              <Th>{t('redaction.person')}</Th>
              <Th>{t('redaction.source')}</Th>
              <Th>{t('redaction.kinds')}</Th>
              <Th />
            </Tr>
          </THead>
          <TBody>
            {list.data.items.map((f) => (
              <Tr key={f.id} data-testid="redaction-row">
                <Td className="whitespace-nowrap">{format.dateTime(f.detectedAt)}</Td>
                <Td>
                  {f.person ? (
                    <Link
                      to="/persons/$personId"
                      params={{ personId: f.person.id }}
                      className="text-brand-700 hover:underline"
                    >
                      {f.person.name}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Td>
                <Td>
                  {t(`redaction.sources.${f.source.kind}`)}{' '}
                  <span className="text-xs text-slate-500">({t(`redaction.origin.${f.origin}`)})</span>
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {f.kinds.map((k) => (
                      <Badge key={k} tone="warning">
                        {t(`redaction.kind.${k}`)}
                      </Badge>
                    ))}
                  </span>
                </Td>
                <Td>
                  <Link
                    to="/redactions/$findingId"
                    params={{ findingId: f.id }}
                    className="text-brand-700 hover:underline"
                    data-testid="redaction-open"
                  >
                    {t('redaction.open')}
                  </Link>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
