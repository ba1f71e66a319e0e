import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import type { ConsistencyReport } from './api';

function PersonLink({ id, first, last }: { id: string; first: string | null; last: string | null }) {
  return (
    <Link to="/persons/$personId" params={{ personId: id }} className="text-brand-700 hover:underline">
      {[first, last].filter(Boolean).join(' ') || id}
    </Link>
  );
}

/** The lists of the report: disagreements, only in Custos, only in the file. */
export function ReportLists({ report }: { report: ConsistencyReport }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      {report.truncated ? <p className="text-sm text-amber-700">{t('consistency.truncated')}</p> : null}
      <Card data-testid="consistency-disagreements">
        <CardHeader>
          <CardTitle>{t('consistency.disagreements', { count: report.disagreements.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <THead>
              <Tr>
                <Th>{t('consistency.row')}</Th>
                <Th>{t('consistency.person')}</Th>
                <Th>{t('consistency.field')}</Th>
                <Th>{t('consistency.custosValue')}</Th>
                <Th>{t('consistency.fileValue')}</Th>
              </Tr>
            </THead>
            <TBody>
              {report.disagreements.map((d) => (
                <Tr key={`${d.rowNumber}-${d.field}`} data-testid="consistency-disagreement">
                  <Td>{d.rowNumber}</Td>
                  <Td>
                    <PersonLink id={d.personId} first={d.firstName} last={d.lastName} />
                  </Td>
                  <Td>{t(`consistency.fields.${d.field}`)}</Td>
                  <Td>{d.custosValue}</Td>
                  <Td>{d.fileValue}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card data-testid="consistency-only-custos">
          <CardHeader>
            <CardTitle>{t('consistency.onlyInCustos', { count: report.summary.onlyInCustos })}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm">
              {report.onlyInCustos.map((p) => (
                <li key={p.personId}>
                  <PersonLink id={p.personId} first={p.firstName} last={p.lastName} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card data-testid="consistency-only-file">
          <CardHeader>
            <CardTitle>{t('consistency.onlyInFile', { count: report.summary.onlyInFile })}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm">
              {report.onlyInFile.map((r) => (
                <li key={r.rowNumber}>
                  {t('consistency.rowLabel', { row: r.rowNumber })}:{' '}
                  {[r.firstName, r.lastName].filter(Boolean).join(' ')}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
