import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge, TagBadge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { organizationQuery } from './api';

const route = getRouteApi('/_app/organizations/$organizationId');

export function OrganizationDetailPage() {
  const { t } = useTranslation();
  const { organizationId } = route.useParams();
  const user = useCurrentUser();
  const query = useQuery(organizationQuery(organizationId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const org = query.data;
  const address = org.address
    ? [
        org.address.street,
        [org.address.postalCode, org.address.city].filter(Boolean).join(' '),
        org.address.country,
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const website = org.website
    ? /^https?:\/\//i.test(org.website)
      ? org.website
      : `https://${org.website}`
    : '';
  return (
    <div className="flex flex-col gap-4">
      <Link to="/organizations" className="text-sm text-brand-700 hover:underline">
        ← {t('organizations.backToList')}
      </Link>
      <PageHeader
        title={<span data-testid="organization-name">{org.name}</span>}
        actions={
          <>
            <Link
              to="/organizations/$organizationId/account"
              params={{ organizationId }}
              className={buttonClass('primary')}
              data-testid="organization-account-link"
            >
              {t('customerAccount.open')}
            </Link>
            {user?.role === 'readonly' ? null : (
              <Link
                to="/organizations/$organizationId/edit"
                params={{ organizationId }}
                className={buttonClass('secondary')}
                data-testid="edit-organization"
              >
                {t('common.edit')}
              </Link>
            )}
          </>
        }
      >
        <div className="mt-1 flex flex-wrap gap-2">
          <Badge tone="brand">{t(`organizationKinds.${org.kind}`)}</Badge>
          {org.legalForm ? <span className="text-sm text-slate-600">{org.legalForm}</span> : null}
        </div>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('organizations.details')}</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList
              items={[
                { label: t('organizations.fields.email'), value: org.email },
                { label: t('organizations.fields.phone'), value: org.phone },
                {
                  label: t('organizations.fields.website'),
                  value: website ? (
                    <a
                      href={website}
                      target="_blank"
                      rel="noreferrer noopener"
                      className="text-brand-700 hover:underline"
                    >
                      {org.website}
                    </a>
                  ) : null,
                },
                { label: t('organizations.fields.vatId'), value: org.vatId },
                { label: t('billing.org.customerNumber'), value: org.customerNumber },
                { label: t('billing.org.customerGroup'), value: org.customerGroup?.name },
                { label: t('address.title'), value: address },
                {
                  label: t('persons.fields.tags'),
                  value: org.tags?.length ? (
                    <span className="flex flex-wrap gap-1">
                      {org.tags.map((tag) => (
                        <TagBadge key={tag.id} name={tag.name} color={tag.color} />
                      ))}
                    </span>
                  ) : null,
                },
                {
                  label: t('organizations.fields.notes'),
                  value: org.notes ? <span className="whitespace-pre-wrap">{org.notes}</span> : null,
                },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('organizations.contactPersons')}</CardTitle>
            {canDo(user?.role, 'records.create') ? (
              <Link
                to="/persons/new"
                search={{ organizationId }}
                className={buttonClass('secondary', 'sm')}
                data-testid="add-contact-person"
              >
                {t('organizations.addContactPerson')}
              </Link>
            ) : null}
          </CardHeader>
          <CardContent>
            {org.persons.length === 0 ? (
              <p className="text-sm text-slate-500">{t('organizations.noPersons')}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="organization-persons">
                {org.persons.map((p) => (
                  <li key={p.id} className="py-2">
                    <Link
                      to="/persons/$personId"
                      params={{ personId: p.id }}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {p.firstName} {p.lastName}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {[p.jobTitle, p.email].filter(Boolean).join(' · ')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
