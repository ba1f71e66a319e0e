import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useCatalogue } from '../privacy/catalogue';
import { PurposeForm } from './purpose-form';

/** The catalogue of processing purposes (Art. 5(1)(b)) and the legal bases each may rest on. */
export function PurposesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { catalogue, isPending, error, purposeLabel, purposeDescription, legalBasisLabel, legalBasis } =
    useCatalogue();
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('purposes.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="mb-4 text-sm text-slate-600">{t('purposes.intro')}</p>
          {isPending ? <Loading /> : null}
          <ErrorMessage error={error} />
          <ul className="divide-y divide-slate-100" data-testid="purposes">
            {catalogue?.purposes.map((purpose) => (
              <li key={purpose.id} className="py-3" data-testid="purpose">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{purposeLabel(purpose.id)}</span>
                  <code className="text-xs text-slate-500">{purpose.id}</code>
                  {purpose.builtIn ? (
                    <Badge>{t('purposes.builtIn')}</Badge>
                  ) : (
                    <Badge tone="brand">{t('purposes.custom')}</Badge>
                  )}
                </div>
                <p className="mt-1 text-sm text-slate-600">{purposeDescription(purpose)}</p>
                <ul className="mt-2 flex flex-wrap gap-1">
                  {purpose.legalBases.map((id) => (
                    <li key={id}>
                      <Badge tone="neutral" title={legalBasis(id)?.article}>
                        {legalBasisLabel(id)}
                        {legalBasis(id) ? ` · ${legalBasis(id)?.article}` : ''}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      {canDo(user?.role, 'purposes.manage') ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('purposes.add')}</CardTitle>
          </CardHeader>
          <CardContent>
            <PurposeForm />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
