import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import type { AuditVerification } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { useMediaQuery, WIDE_SCREEN } from '../../lib/use-media-query';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { auditQuery, useVerifyAudit } from './api';
import { AuditCards, AuditTable } from './audit-entries';
import { AuditFilterForm } from './audit-filter-form';
import { type AuditSearch, toAuditFilter } from './audit-search';

const route = getRouteApi('/_app/audit');

/** Shown to every role but the DPO (the server answers 403 to them as well). */
function NoAccess() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-2 py-12" role="alert" data-testid="audit-no-access">
      <h1 className="text-xl font-semibold">{t('audit.noAccessTitle')}</h1>
      <p className="text-sm text-slate-600">{t('audit.noAccessText')}</p>
    </div>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = format.number(result.verified);
  if (result.ok)
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        data-testid="audit-chain-ok"
      >
        {t('audit.chainIntact', { n })}
      </p>
    );
  const broken = result.broken;
  const reason = broken
    ? t(`audit.brokenReasons.${broken.reason}` as 'audit.brokenReasons.gap', { defaultValue: broken.reason })
    : '';
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="audit-chain-broken"
    >
      <p className="font-semibold">{t('audit.chainBroken', { seq: broken?.seq ?? '?', reason })}</p>
      <p className="mt-1">{t('audit.chainBrokenHint', { n })}</p>
    </div>
  );
}

/** The audit trail for the data protection officer: filters, entries with their values, chain check. */
export function AuditPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = canDo(user?.role, 'audit.read');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const wide = useMediaQuery(WIDE_SCREEN);
  const entries = useInfiniteQuery({ ...auditQuery(toAuditFilter(search)), enabled: allowed });
  const verify = useVerifyAudit();

  if (!allowed || (isApiError(entries.error) && entries.error.status === 403)) return <NoAccess />;

  const apply = (next: AuditSearch) => void navigate({ search: next });
  const filterSubject = (subjectId: string) => apply({ ...search, subjectId });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const List = wide ? AuditTable : AuditCards;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('audit.title')}
        actions={
          <Button
            variant="secondary"
            onClick={() => verify.mutate()}
            disabled={verify.isPending}
            data-testid="audit-verify"
          >
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </Button>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('audit.intro')}</p>
      </PageHeader>
      {verify.data ? <VerificationResult result={verify.data} /> : null}
      <ErrorMessage error={verify.error} />
      <Card>
        <CardHeader>
          <CardTitle>{t('audit.filters')}</CardTitle>
        </CardHeader>
        <CardContent>
          <AuditFilterForm key={JSON.stringify(search)} search={search} onApply={apply} />
        </CardContent>
      </Card>
      <ErrorMessage error={entries.error} />
      <Card aria-busy={entries.isFetching}>
        {entries.isPending && allowed ? <Loading /> : null}
        {entries.isSuccess && items.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500" data-testid="audit-empty">
            {t('audit.empty')}
          </p>
        ) : null}
        {items.length ? (
          <List entries={items} subjectId={search.subjectId} onFilterSubject={filterSubject} />
        ) : null}
        {entries.hasNextPage ? (
          <div className="border-t border-slate-100 px-4 py-3">
            <Button
              variant="secondary"
              onClick={() => void entries.fetchNextPage()}
              disabled={entries.isFetchingNextPage}
              data-testid="audit-load-older"
            >
              {entries.isFetchingNextPage ? t('common.loading') : t('audit.loadOlder')}
            </Button>
          </div>
        ) : items.length && (entries.data?.pages.length ?? 0) > 1 ? (
          <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-500">{t('audit.noOlder')}</p>
        ) : null}
      </Card>
    </div>
  );
}
