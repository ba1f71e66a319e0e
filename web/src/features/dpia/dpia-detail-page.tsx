import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { dpiaQuery, pdfUrl } from './api';
import { StatusBadge } from './dpia-badges';
import { MeasuresStep } from './dpia-measures';
import { Questionnaire, Step } from './dpia-questionnaire';
import { RisksStep } from './dpia-risks';
import { SignOffStep } from './dpia-sign-off';

const route = getRouteApi('/_app/accountability/dpias/$dpiaId');

/** One DPIA, step by step after Art. 35(7): screening, description, necessity, risks, measures, sign-off. */
export function DpiaDetailPage() {
  const { t, i18n } = useTranslation();
  const { dpiaId } = route.useParams();
  const user = useCurrentUser();
  const query = useQuery(dpiaQuery(dpiaId));
  const dpia = query.data;
  if (query.isPending) return <Loading />;
  if (!dpia) return <ErrorMessage error={query.error} />;
  const editable = dpia.status === 'draft' && canDo(user?.role, 'dpia.manage');
  return (
    <div className="flex flex-col gap-4">
      <div>
        <PageHeader title={<span data-testid="dpia-title">{dpia.title}</span>}>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <StatusBadge status={dpia.status} />
            <span className="text-slate-600">{t('dpia.detail.revision', { revision: dpia.revision })}</span>
            <a
              href={pdfUrl(dpia.id, i18n.language)}
              download
              className={buttonClass('secondary', 'sm')}
              data-testid="dpia-pdf"
            >
              {t('dpia.detail.pdf')}
            </a>
            <Link to="/accountability/dpias" className="text-brand-700 hover:underline">
              {t('dpia.detail.back')}
            </Link>
          </div>
        </PageHeader>
        <AccountabilityTabs />
      </div>
      {dpia.status === 'signed_off' ? (
        <p role="note" className="text-sm text-slate-600">
          {t('dpia.detail.readOnly')}
        </p>
      ) : null}
      {dpia.status === 'superseded' ? (
        <p role="note" className="text-sm text-slate-600">
          {t('dpia.detail.superseded')}
        </p>
      ) : null}
      <Step title={t('dpia.detail.stepScreening')} testId="dpia-step-screening">
        <div className="flex flex-wrap gap-1">
          {dpia.triggers.length === 0 ? (
            <span className="text-sm text-slate-500">{t('dpia.noTriggers')}</span>
          ) : null}
          {dpia.triggers.map((key) => (
            <Badge key={key} tone={key.startsWith('auto_') ? 'warning' : 'neutral'}>
              {t(`dpia.criteria.${key}` as 'dpia.criteria.dsk_ai')}
            </Badge>
          ))}
        </div>
      </Step>
      <Questionnaire key={`q-${dpia.version}`} dpia={dpia} editable={editable} />
      <RisksStep dpia={dpia} editable={editable} />
      <MeasuresStep dpia={dpia} editable={editable} />
      <SignOffStep key={`s-${dpia.version}`} dpia={dpia} editable={editable} />
    </div>
  );
}
