import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationSummary } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useDebouncedSearch } from '../../lib/use-debounced-search';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { organizationsListQuery } from './api';
import { type OrganizationsSearch, toOrganizationListQuery } from './organization-search';

type OrganizationSort = NonNullable<OrganizationsSearch['sort']>;

const route = getRouteApi('/_app/organizations');
const SORTABLE: readonly OrganizationSort[] = ['name', 'updatedAt'];

export function OrganizationsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = toOrganizationListQuery(search);
  const list = useQuery(organizationsListQuery(query));
  const applySearch = useCallback(
    (q: string | undefined) =>
      void navigate({ search: (prev) => ({ ...prev, q, page: undefined }), replace: true }),
    [navigate],
  );
  const [text, setText] = useDebouncedSearch({
    current: search.q,
    listPath: '/organizations',
    apply: applySearch,
  });

  const columns = useMemo<ColumnDef<OrganizationSummary>[]>(
    () => [
      {
        id: 'name',
        header: t('organizations.fields.name'),
        cell: ({ row }) => (
          <Link
            to="/organizations/$organizationId"
            params={{ organizationId: row.original.id }}
            className="font-medium text-brand-700 hover:underline"
            data-testid="organization-link"
          >
            {row.original.name}
          </Link>
        ),
      },
      {
        id: 'kind',
        header: t('organizations.fields.kind'),
        cell: ({ row }) => <Badge tone="brand">{t(`organizationKinds.${row.original.kind}`)}</Badge>,
      },
      { id: 'city', header: t('address.city'), cell: ({ row }) => row.original.city },
      { id: 'email', header: t('organizations.fields.email'), cell: ({ row }) => row.original.email },
      { id: 'phone', header: t('organizations.fields.phone'), cell: ({ row }) => row.original.phone },
      {
        id: 'personCount',
        header: t('organizations.personCount'),
        cell: ({ row }) => format.number(row.original.personCount),
      },
      {
        id: 'updatedAt',
        header: t('common.updatedAt'),
        cell: ({ row }) => format.date(row.original.updatedAt),
      },
    ],
    [t, format.number, format.date],
  );

  return (
    <div>
      <PageHeader
        title={t('organizations.title')}
        actions={
          canDo(user?.role, 'records.create') ? (
            <Link to="/organizations/new" className={buttonClass()} data-testid="new-organization">
              {t('organizations.new')}
            </Link>
          ) : null
        }
      />
      <Field label={t('organizations.search')} className="mb-3">
        {(c) => (
          <Input
            {...c}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="organization-search"
          />
        )}
      </Field>
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId="organizations-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          sortable={SORTABLE}
          sorting={{ sort: query.sort ?? 'name', order: query.order ?? 'asc' }}
          onSortChange={({ sort, order }) =>
            void navigate({ search: (prev) => ({ ...prev, sort, order, page: undefined }) })
          }
          emptyText={list.isPending ? t('common.loading') : t('organizations.empty')}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={query.page ?? 1}
            pageSize={query.pageSize ?? 50}
            total={list.data?.total ?? 0}
            onPageChange={(page) =>
              void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })
            }
            onPageSizeChange={(pageSize) =>
              void navigate({ search: (prev) => ({ ...prev, pageSize, page: undefined }) })
            }
          />
        </div>
      </Card>
    </div>
  );
}
