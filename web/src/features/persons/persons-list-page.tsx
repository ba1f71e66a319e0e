import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonKind } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { ErrorMessage } from '../../components/error-message';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { buttonClass } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { useDebouncedSearch } from '../../lib/use-debounced-search';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { personsListQuery } from './api';
import { personColumns } from './person-columns';
import { PERSON_KINDS, type PersonSort, toPersonListQuery } from './person-search';

const route = getRouteApi('/_app/persons');
const SORTABLE: readonly PersonSort[] = ['lastName', 'firstName', 'updatedAt'];

export function PersonsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = toPersonListQuery(search);
  const list = useQuery(personsListQuery(query));

  const applySearch = useCallback(
    (q: string | undefined) =>
      void navigate({ search: (prev) => ({ ...prev, q, page: undefined }), replace: true }),
    [navigate],
  );
  const [text, setText] = useDebouncedSearch({ current: search.q, listPath: '/persons', apply: applySearch });

  const columns = useMemo(() => personColumns(t, format.date), [t, format.date]);

  return (
    <div>
      <PageHeader
        title={t('persons.title')}
        actions={
          canDo(user?.role, 'records.create') ? (
            <Link to="/persons/new" className={buttonClass()} data-testid="new-person">
              {t('persons.new')}
            </Link>
          ) : null
        }
      />
      <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t('persons.search')} className="flex-1">
          {(c) => (
            <Input
              {...c}
              type="search"
              value={text}
              placeholder={t('persons.searchPlaceholder')}
              onChange={(event) => setText(event.target.value)}
              data-testid="person-search"
            />
          )}
        </Field>
        <Field label={t('persons.kindFilter')} className="sm:w-56">
          {(c) => (
            <Select
              {...c}
              value={search.kind ?? ''}
              onChange={(event) =>
                void navigate({
                  search: (prev) => ({
                    ...prev,
                    kind: (event.target.value || undefined) as PersonKind | undefined,
                    page: undefined,
                  }),
                })
              }
            >
              <option value="">{t('persons.allKinds')}</option>
              {PERSON_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`personKinds.${kind}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <ErrorMessage error={list.error} className="mb-3" />
      <Card>
        <DataTable
          testId="persons-table"
          columns={columns}
          data={list.data?.items ?? []}
          getRowId={(row) => row.id}
          sortable={SORTABLE}
          sorting={{ sort: query.sort ?? 'lastName', order: query.order ?? 'asc' }}
          onSortChange={({ sort, order }) =>
            void navigate({ search: (prev) => ({ ...prev, sort, order, page: undefined }) })
          }
          emptyText={list.isPending ? t('common.loading') : t('persons.empty')}
          busy={list.isFetching}
        />
        <div className="border-t border-slate-100 px-3">
          <Pagination
            page={query.page ?? 1}
            pageSize={query.pageSize ?? 50}
            total={list.data?.total ?? 0}
            totalCapped={list.data?.totalCapped ?? false}
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
