import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../auth/session';
import { organizationQuery } from '../organizations/api';
import { useCreatePerson } from './api';
import { toCreateBody } from './person-body';
import { PersonForm } from './person-form';
import { emptyPersonValues } from './person-schema';

const route = getRouteApi('/_app/persons/new');

export function PersonCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { organizationId } = route.useSearch();
  const organization = useQuery({
    ...organizationQuery(organizationId ?? ''),
    enabled: Boolean(organizationId),
  });
  const create = useCreatePerson();
  if (organizationId && organization.isPending) return <Loading />;
  const preset = organization.data ? { id: organization.data.id, name: organization.data.name } : null;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('persons.newTitle')} />
      <PersonForm
        mode="create"
        role={user?.role}
        defaultValues={emptyPersonValues(preset)}
        pending={create.isPending}
        error={create.error}
        onCancel={() => void navigate({ to: '/persons' })}
        onSubmit={async (values) => {
          const person = await create.mutateAsync(toCreateBody(values));
          await navigate({ to: '/persons/$personId', params: { personId: person.id } });
        }}
      />
    </div>
  );
}
