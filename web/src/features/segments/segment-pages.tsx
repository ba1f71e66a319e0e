import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { MarketingTabs } from '../campaigns/marketing-tabs';
import { segmentQuery } from './api';
import { SegmentEditor } from './segment-editor';

const editRoute = getRouteApi('/_app/marketing/segments/$segmentId');

const Back = () => {
  const { t } = useTranslation();
  return (
    <Link to="/marketing/segments" className="text-sm text-brand-700 hover:underline">
      ← {t('segments.backToList')}
    </Link>
  );
};

export function SegmentCreatePage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <Back />
      <PageHeader title={t('segments.newTitle')}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('segments.builderIntro')}</p>
      </PageHeader>
      <SegmentEditor />
    </div>
  );
}

export function SegmentEditPage() {
  const { t } = useTranslation();
  const { segmentId } = editRoute.useParams();
  const query = useQuery(segmentQuery(segmentId));
  return (
    <div className="flex flex-col gap-4">
      <MarketingTabs />
      <Back />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} />
      ) : (
        <>
          <PageHeader title={t('segments.editTitle', { name: query.data.name })} />
          <SegmentEditor key={`${query.data.id}-${query.data.version}`} segment={query.data} />
        </>
      )}
    </div>
  );
}
