import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../auth/session';
import { personQuery, useUpdatePerson } from './api';
import { toPatchBody } from './person-body';
import { PersonForm } from './person-form';
import { personToValues } from './person-schema';

const route = getRouteApi('/_app/persons/$personId/edit');

export function PersonEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { personId } = route.useParams();
  const query = useQuery({ ...personQuery(personId), refetchOnMount: 'always' });
  const update = useUpdatePerson(personId);
  const back = () => navigate({ to: '/persons/$personId', params: { personId } });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const person = query.data;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('persons.editTitle', { name: `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() })}
      />
      <PersonForm
        key={person.version}
        mode="edit"
        role={user?.role}
        defaultValues={personToValues(person)}
        hiddenFields={person.hiddenFields}
        pending={update.isPending}
        error={update.error}
        onCancel={() => void back()}
        onSubmit={async (values, dirty) => {
          await update.mutateAsync(toPatchBody(values, dirty, person.version));
          await back();
        }}
      />
    </div>
  );
}
