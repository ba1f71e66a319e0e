import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../auth/session';
import { organizationQuery, useCreateOrganization, useUpdateOrganization } from './api';
import { OrganizationForm } from './organization-form';
import {
  emptyOrganizationValues,
  organizationToValues,
  toOrganizationCreateBody,
  toOrganizationPatchBody,
} from './organization-schema';

export function OrganizationCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const create = useCreateOrganization();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('organizations.newTitle')} />
      <OrganizationForm
        mode="create"
        role={user?.role}
        defaultValues={emptyOrganizationValues()}
        pending={create.isPending}
        error={create.error}
        onCancel={() => void navigate({ to: '/organizations' })}
        onSubmit={async (values) => {
          const org = await create.mutateAsync(toOrganizationCreateBody(values));
          await navigate({ to: '/organizations/$organizationId', params: { organizationId: org.id } });
        }}
      />
    </div>
  );
}

const editRoute = getRouteApi('/_app/organizations/$organizationId/edit');

export function OrganizationEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { organizationId } = editRoute.useParams();
  const query = useQuery({ ...organizationQuery(organizationId), refetchOnMount: 'always' });
  const update = useUpdateOrganization(organizationId);
  const back = () => navigate({ to: '/organizations/$organizationId', params: { organizationId } });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const org = query.data;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('organizations.editTitle', { name: org.name })} />
      <OrganizationForm
        key={org.version}
        mode="edit"
        role={user?.role}
        defaultValues={organizationToValues(org)}
        pending={update.isPending}
        error={update.error}
        onCancel={() => void back()}
        onSubmit={async (values, dirty) => {
          await update.mutateAsync(toOrganizationPatchBody(values, dirty, org.version));
          await back();
        }}
      />
    </div>
  );
}
