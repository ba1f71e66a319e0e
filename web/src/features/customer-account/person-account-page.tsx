import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { ContactLinks, HiddenSectionsNote } from './account-card';
import { AccountPrivacyCard } from './account-privacy-card';
import { personAccountQuery } from './api';
import { InvoicesCard } from './invoices-card';
import { CasesCard, DealsCard, OrdersCard, TasksCard } from './records-cards';
import { TimelineCard } from './timeline-card';

const route = getRouteApi('/_app/persons/$personId/account');

/**
 * "Kundenkonto": the page a service agent opens during a call. One column on a phone (what matters
 * in a call first: open invoices, last contacts, cases), two columns from large screens on.
 */
export function PersonAccountPage() {
  const { t } = useTranslation();
  const { personId } = route.useParams();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const query = useQuery(personAccountQuery(personId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const account = query.data;
  const { person } = account;
  const name = `${person.firstName} ${person.lastName}`;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: personAccountQuery(personId).queryKey });
    // the contact page's timeline shows the new entry too
    void queryClient.invalidateQueries({ queryKey: ['persons', 'detail', personId] });
  };
  return (
    <div className="flex flex-col gap-4">
      <Link to="/persons/$personId" params={{ personId }} className="text-sm text-brand-700 hover:underline">
        ← {t('customerAccount.backToPerson')}
      </Link>
      <PageHeader title={<span data-testid="account-name">{name}</span>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <Badge tone="brand">{t('customerAccount.title')}</Badge>
          <Badge>{t(`personKinds.${person.kind}`)}</Badge>
          {person.organization ? (
            <Link
              to="/organizations/$organizationId/account"
              params={{ organizationId: person.organization.id }}
              className="text-sm text-brand-700 hover:underline"
              data-testid="account-organization"
            >
              {person.organization.name}
            </Link>
          ) : null}
        </div>
        <ContactLinks phone={person.phone} email={person.email} />
      </PageHeader>
      <HiddenSectionsNote sections={account.hiddenSections} />
      <div className="grid items-start gap-4 lg:grid-cols-2" data-testid="account-grid">
        {account.invoices ? <InvoicesCard invoices={account.invoices} /> : null}
        {account.timeline ? (
          <TimelineCard
            timeline={account.timeline}
            personId={personId}
            canLog={canDo(user?.role, 'communication.write')}
            onLogged={refresh}
          />
        ) : null}
        {account.cases ? (
          <CasesCard
            cases={account.cases}
            newCase={canDo(user?.role, 'service.write') ? { personId } : null}
          />
        ) : null}
        {account.deals ? <DealsCard deals={account.deals} /> : null}
        {account.orders ? <OrdersCard orders={account.orders} /> : null}
        <TasksCard tasks={account.tasks} />
        <AccountPrivacyCard privacy={account.privacy} />
      </div>
    </div>
  );
}
