import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Pagination } from '../../components/pagination';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { useCurrentUser } from '../auth/session';
import { markVerified, type QualityCategory, type QualityCheck, qualityListQuery } from './api';

/** One list to work through: persons by name with what is wrong (never the value), paged. */
export function QualityListPanel({ check, category }: { check: QualityCheck; category?: QualityCategory }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const role = useCurrentUser()?.role;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const list = useQuery(qualityListQuery({ check, category, page, pageSize }));
  const verify = useMutation({
    mutationFn: markVerified,
    onSuccess: () => client.invalidateQueries({ queryKey: ['data-quality'] }),
  });
  // marking verified needs write access to identity data: not marketing (see ACTION_ROLES, CATEGORY_ACCESS)
  const mayVerify = role !== undefined && role !== 'marketing';
  const title = category
    ? `${t(`dataQuality.check.${check}`)}: ${t(`dataQuality.categories.${category}`)}`
    : t(`dataQuality.check.${check}`);
  return (
    <Card data-testid="quality-list">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {list.isPending ? <Loading /> : null}
        <ErrorMessage error={list.error ?? verify.error} />
        {list.data ? (
          <>
            <Table>
              <THead>
                <Tr>
                  <Th>{t('dataQuality.person')}</Th>
                  <Th>{t('dataQuality.whatIsWrong')}</Th>
                  <Th />
                </Tr>
              </THead>
              <TBody>
                {list.data.items.map((item) => (
                  <Tr key={`${item.person.id}-${item.suggestionId ?? ''}`} data-testid="quality-list-row">
                    <Td>
                      <Link
                        to="/persons/$personId"
                        params={{ personId: item.person.id }}
                        className="text-brand-700 hover:underline"
                      >
                        {item.person.firstName} {item.person.lastName}
                      </Link>
                      {item.duplicateOf ? (
                        <>
                          {' ↔ '}
                          <Link
                            to="/persons/$personId"
                            params={{ personId: item.duplicateOf.id }}
                            className="text-brand-700 hover:underline"
                          >
                            {item.duplicateOf.firstName} {item.duplicateOf.lastName}
                          </Link>
                        </>
                      ) : null}
                    </Td>
                    <Td className="text-sm">
                      {item.findings
                        .map((f) =>
                          f.field
                            ? `${t(`dataQuality.fields.${f.field}`)}: ${t(`dataQuality.problem.${f.problem}`)}`
                            : t(`dataQuality.problem.${f.problem}`),
                        )
                        .join(' · ')}
                      {item.lastConfirmedAt
                        ? ` (${t('dataQuality.lastConfirmed', { date: format.date(item.lastConfirmedAt) })})`
                        : ''}
                      {item.duplicateOf
                        ? ` (${t('dataQuality.score', { score: item.duplicateOf.score })})`
                        : ''}
                    </Td>
                    <Td className="text-right">
                      {mayVerify && check !== 'duplicates' ? (
                        <Button
                          variant="secondary"
                          disabled={verify.isPending}
                          onClick={() => verify.mutate(item.person.id)}
                          data-testid="quality-mark-verified"
                        >
                          {t('dataQuality.markVerified')}
                        </Button>
                      ) : null}
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
      </CardContent>
    </Card>
  );
}
