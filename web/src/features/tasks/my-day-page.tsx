import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';
import { CaseRow } from '../cases/cases-list-page';
import { myDayQuery } from './api';
import { QuickAddTask } from './quick-add-task';
import { TaskList } from './task-list';

/** Decimal string from the API ("12500.00") in the UI's number format, without float arithmetic on cents. */
const useMoney = () => {
  const { locale } = useFormat();
  return (value: string, currency: string) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value));
    } catch {
      return `${value} ${currency}`;
    }
  };
};

export function MyDayPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const day = useQuery(myDayQuery);
  if (day.isPending) return <Loading />;
  if (day.isError) return <ErrorMessage error={day.error} />;
  const d = day.data;
  const sections = [
    { key: 'overdue', title: t('service.tasks.overdue'), tasks: d.overdueTasks },
    { key: 'today', title: t('service.tasks.today'), tasks: d.todayTasks },
    { key: 'reminders', title: t('service.tasks.reminders'), tasks: d.reminders },
  ].filter((s) => s.tasks.length > 0);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('service.myDay.title')}>
        <p className="text-sm text-slate-600" data-testid="my-day-date">
          {format.date(d.date)}
        </p>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('service.tasks.title')}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {sections.length === 0 ? (
              <p className="text-sm text-slate-600">{t('service.tasks.none')}</p>
            ) : null}
            {sections.map((s) => (
              <section key={s.key} aria-label={s.title}>
                <h3
                  className={
                    s.key === 'overdue' ? 'text-sm font-semibold text-red-700' : 'text-sm font-semibold'
                  }
                >
                  {s.title}
                </h3>
                <TaskList tasks={s.tasks} testId={`tasks-${s.key}`} />
              </section>
            ))}
            <div className="border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">{t('service.tasks.quickAdd')}</h3>
              <QuickAddTask />
            </div>
          </CardContent>
        </Card>
        <div className="flex flex-col gap-4">
          {d.hiddenFields.includes('cases') ? null : (
            <Card>
              <CardHeader>
                <CardTitle>{t('service.myDay.cases')}</CardTitle>
              </CardHeader>
              {d.cases.length === 0 ? (
                <CardContent>
                  <p className="text-sm text-slate-600">{t('service.myDay.noCases')}</p>
                </CardContent>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="my-cases">
                  {d.cases.map((c) => (
                    <CaseRow key={c.id} item={c} />
                  ))}
                </ul>
              )}
            </Card>
          )}
          {d.hiddenFields.includes('deals') ? null : (
            <Card>
              <CardHeader>
                <CardTitle>{t('service.myDay.deals')}</CardTitle>
              </CardHeader>
              <CardContent>
                {d.deals.length === 0 ? (
                  <p className="text-sm text-slate-600">{t('service.myDay.noDeals')}</p>
                ) : (
                  <ul className="divide-y divide-slate-100" data-testid="my-deals">
                    {d.deals.map((deal) => (
                      <li key={deal.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                        <div className="min-w-0">
                          <p className="text-sm font-medium break-words">{deal.title}</p>
                          <p className="text-xs text-slate-600">
                            {[
                              deal.customer,
                              i18n.language.startsWith('en') ? deal.stage.nameEn : deal.stage.nameDe,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </p>
                        </div>
                        <div className="text-right text-sm">
                          <p className="font-medium">{money(deal.value, deal.currency)}</p>
                          <p className="text-xs text-slate-600">
                            {t('service.myDay.expectedClose', { date: format.date(deal.expectedClose) })}
                          </p>
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
          )}
          <Link to="/cases" className="text-sm text-brand-700 hover:underline">
            {t('service.cases.title')} →
          </Link>
        </div>
      </div>
    </div>
  );
}
