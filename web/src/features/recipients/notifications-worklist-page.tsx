import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Card, CardContent } from '../../components/ui/card';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { NotificationRow } from '../requests/notifications-card';
import { openNotificationsQuery } from './api';

/** The DPO's Art. 19 worklist: every recipient still to tell or to hear back from, oldest first. */
export function NotificationsWorklistPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'requests.manage');
  const list = useQuery(openNotificationsQuery());
  const items = list.data?.items ?? [];
  return (
    <div>
      <PageHeader title={t('recipients.worklist.title')} />
      <p className="mb-3 text-sm text-slate-600">{t('recipients.worklist.intro')}</p>
      <Card>
        <CardContent>
          {list.isPending ? <Loading /> : null}
          <ErrorMessage error={list.error} />
          {list.data && items.length === 0 ? (
            <p className="py-4 text-sm text-slate-600" data-testid="worklist-empty">
              {t('recipients.worklist.empty')}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="worklist" aria-busy={list.isFetching}>
              {items.map((item) => (
                <NotificationRow key={item.id} item={item} requestId={item.requestId} canManage={canManage}>
                  <Link
                    to="/requests/$requestId"
                    params={{ requestId: item.requestId }}
                    className="font-mono text-brand-700 hover:underline"
                    data-testid="worklist-request"
                  >
                    {item.requestNumber}
                  </Link>
                  <span className="text-slate-500" data-testid="worklist-age">
                    {item.ageDays === 0
                      ? t('recipients.worklist.ageToday')
                      : t('recipients.worklist.age', { count: item.ageDays })}
                  </span>
                </NotificationRow>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
