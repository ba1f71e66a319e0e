import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { Button, buttonClass } from '../../components/ui/button';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { type DuplicatePerson, dismissSuggestion, duplicatesQuery, scanDuplicates } from './api';
import { Explanation } from './explanation';

function PersonCell({ person }: { person: DuplicatePerson }) {
  const place = [person.street, [person.postalCode, person.city].filter(Boolean).join(' ')].filter(Boolean);
  return (
    <div>
      <Link
        to="/persons/$personId"
        params={{ personId: person.id }}
        className="font-medium text-brand-700 hover:underline"
      >
        {person.firstName} {person.lastName}
      </Link>
      <div className="text-xs text-slate-600">
        {[person.email, person.phone, person.birthDate, place.join(', ')].filter(Boolean).join(' · ')}
      </div>
    </div>
  );
}

/** Duplicate suggestions: best score first, why in words, compare-and-merge or "not the same person". */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const list = useQuery(duplicatesQuery({ page, pageSize }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['duplicates'] });
  const scan = useMutation({ mutationFn: scanDuplicates, onSuccess: refresh });
  const dismiss = useMutation({ mutationFn: dismissSuggestion, onSuccess: refresh });
  return (
    <div>
      <PageHeader
        title={t('duplicates.title')}
        actions={
          <Button onClick={() => scan.mutate()} disabled={scan.isPending} data-testid="duplicates-scan">
            {t('duplicates.scan')}
          </Button>
        }
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('duplicates.intro')}</p>
      <ErrorMessage error={list.error ?? scan.error ?? dismiss.error} />
      {scan.data ? (
        <p className="mb-2 text-sm" data-testid="duplicates-scan-result">
          {t('duplicates.scanResult', { count: scan.data.suggestions })}
        </p>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="duplicates-empty">
          {t('duplicates.empty')}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <Table>
            <THead>
              <Tr>
                <Th>{t('duplicates.score')}</Th>
                <Th>{t('duplicates.first')}</Th>
                <Th>{t('duplicates.second')}</Th>
                <Th>{t('duplicates.why')}</Th>
                <Th>{t('duplicates.actions')}</Th>
              </Tr>
            </THead>
            <TBody>
              {list.data.items.map((s) => (
                <Tr key={s.id} data-testid="duplicate-row">
                  <Td className="font-medium">{format.number(s.score)}</Td>
                  <Td>
                    <PersonCell person={s.a} />
                  </Td>
                  <Td>
                    <PersonCell person={s.b} />
                  </Td>
                  <Td>
                    <Explanation suggestion={s} />
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-2">
                      <Link
                        to="/duplicates/merge"
                        search={{ survivorId: s.a.id, mergedId: s.b.id }}
                        className={buttonClass('primary', 'sm')}
                        data-testid="duplicate-compare"
                      >
                        {t('duplicates.compare')}
                      </Link>
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => dismiss.mutate(s.id)}
                        disabled={dismiss.isPending}
                        data-testid="duplicate-dismiss"
                      >
                        {t('duplicates.dismiss')}
                      </Button>
                    </div>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={list.data.total}
            onPageChange={setPage}
            onPageSizeChange={(size) => {
              setPageSize(size);
              setPage(1);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
