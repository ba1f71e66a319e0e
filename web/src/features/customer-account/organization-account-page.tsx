import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { AccountCard, ContactLinks, Empty, HiddenSectionsNote } from './account-card';
import { type OrganizationAccount, organizationAccountQuery } from './api';
import { InvoicesCard } from './invoices-card';
import { CasesCard, DealsCard, OrdersCard, TasksCard } from './records-cards';
import { TimelineCard } from './timeline-card';

const route = getRouteApi('/_app/organizations/$organizationId/account');

function ContactPersonsCard({ contacts }: { contacts: OrganizationAccount['contactPersons'] }) {
  const { t } = useTranslation();
  return (
    <AccountCard title={t('customerAccount.organization.contactPersons')} testId="account-contact-persons">
      {contacts.items.length === 0 ? (
        <Empty>{t('customerAccount.organization.noContactPersons')}</Empty>
      ) : (
        <ul className="divide-y divide-slate-100">
          {contacts.items.map((p) => (
            <li key={p.id} className="flex flex-col gap-0.5 py-2">
              <Link
                to="/persons/$personId/account"
                params={{ personId: p.id }}
                className="font-medium text-brand-700 hover:underline"
                aria-label={t('customerAccount.openAria', { name: `${p.firstName} ${p.lastName}` })}
              >
                {p.firstName} {p.lastName}
              </Link>
              {p.jobTitle ? <span className="text-xs text-slate-500">{p.jobTitle}</span> : null}
              <span className="flex flex-wrap gap-x-3 text-sm">
                {p.phone ? (
                  <a
                    href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}
                    className="text-brand-700 hover:underline"
                  >
                    {p.phone}
                  </a>
                ) : null}
                {p.email ? (
                  <a href={`mailto:${p.email}`} className="break-all text-brand-700 hover:underline">
                    {p.email}
                  </a>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {contacts.total > contacts.items.length ? (
        <p className="text-xs text-slate-500">
          {t('customerAccount.organization.moreContactPersons', {
            shown: contacts.items.length,
            total: contacts.total,
          })}
        </p>
      ) : null}
    </AccountCard>
  );
}

/** The account of an organisation: its records and those of its contact persons the viewer may see. */
export function OrganizationAccountPage() {
  const { t } = useTranslation();
  const { organizationId } = route.useParams();
  const user = useCurrentUser();
  const query = useQuery(organizationAccountQuery(organizationId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const account = query.data;
  const org = account.organization;
  const address = org.address
    ? [
        org.address.street,
        [org.address.postalCode, org.address.city].filter(Boolean).join(' '),
        org.address.country,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <div className="flex flex-col gap-4">
      <Link
        to="/organizations/$organizationId"
        params={{ organizationId }}
        className="text-sm text-brand-700 hover:underline"
      >
        ← {t('customerAccount.backToOrganization')}
      </Link>
      <PageHeader title={<span data-testid="account-name">{org.name}</span>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <Badge tone="brand">{t('customerAccount.title')}</Badge>
          <Badge>{t(`organizationKinds.${org.kind}`)}</Badge>
          {org.customerNumber ? (
            <span className="text-sm text-slate-600">
              {t('customerAccount.organization.customerNumber')} {org.customerNumber}
            </span>
          ) : null}
        </div>
        <ContactLinks phone={org.phone} email={org.email} />
      </PageHeader>
      <HiddenSectionsNote sections={account.hiddenSections} />
      <div className="grid items-start gap-4 lg:grid-cols-2" data-testid="account-grid">
        {account.invoices ? <InvoicesCard invoices={account.invoices} /> : null}
        <ContactPersonsCard contacts={account.contactPersons} />
        {account.timeline ? <TimelineCard timeline={account.timeline} canLog={false} showPerson /> : null}
        {account.cases ? (
          <CasesCard
            cases={account.cases}
            newCase={canDo(user?.role, 'service.write') ? { organizationId } : null}
          />
        ) : null}
        {account.deals ? <DealsCard deals={account.deals} /> : null}
        {account.orders ? <OrdersCard orders={account.orders} /> : null}
        <TasksCard tasks={account.tasks} />
        <AccountCard title={t('customerAccount.organization.details')}>
          <DetailList
            items={[
              { label: t('customerAccount.organization.customerGroup'), value: org.customerGroup?.name },
              { label: t('customerAccount.organization.address'), value: address },
              {
                label: t('customerAccount.organization.website'),
                value: org.website ? (
                  <a
                    href={/^https?:\/\//i.test(org.website) ? org.website : `https://${org.website}`}
                    target="_blank"
                    rel="noreferrer noopener"
                    className="text-brand-700 hover:underline"
                  >
                    {org.website}
                  </a>
                ) : null,
              },
            ]}
          />
        </AccountCard>
      </div>
    </div>
  );
}
