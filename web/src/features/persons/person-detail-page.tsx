import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { buttonClass } from '../../components/ui/button';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { ConsentsCard } from '../consent/consents-card';
import { DuplicatesHint } from '../duplicates/duplicates-hint';
import { PersonPhotoCard } from '../photos/person-photo-card';
import { DisclosuresCard } from '../recipients/disclosures-card';
import { FieldLocksCard, PersonRightsBanner } from '../requests/person-rights';
import { LegalHoldButton } from '../retention/legal-hold-button';
import { personQuery } from './api';
import { InteractionsTimeline } from './interactions-timeline';
import { PersonContactCard } from './person-contact-card';
import { PersonHistoryCard } from './person-history-card';
import { PrivacyPanel } from './privacy-panel';

const route = getRouteApi('/_app/persons/$personId');

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { personId } = route.useParams();
  const user = useCurrentUser();
  const query = useQuery(personQuery(personId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const person = query.data;
  const readOnly = user?.role === 'readonly';
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ') || t('common.noAccess');
  const actions = [
    <Link
      key="account"
      to="/persons/$personId/account"
      params={{ personId }}
      className={buttonClass('primary')}
      data-testid="person-account-link"
    >
      {t('customerAccount.open')}
    </Link>,
    canDo(user?.role, 'audit.read') ? (
      <Link
        key="audit"
        to="/audit"
        search={{ subjectId: personId }}
        className={buttonClass('secondary')}
        data-testid="person-audit-link"
      >
        {t('audit.showInAudit')}
      </Link>
    ) : null,
    canDo(user?.role, 'requests.intake') ? (
      <Link
        key="request"
        to="/requests/new"
        search={{ personId }}
        className={buttonClass('secondary')}
        data-testid="person-new-request"
      >
        {t('requests.person.newRequest')}
      </Link>
    ) : null,
    readOnly ? null : (
      <Link
        key="edit"
        to="/persons/$personId/edit"
        params={{ personId }}
        className={buttonClass('secondary')}
        data-testid="edit-person"
      >
        {t('common.edit')}
      </Link>
    ),
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-4">
      <Link to="/persons" className="text-sm text-brand-700 hover:underline">
        ← {t('persons.backToList')}
      </Link>
      <PageHeader
        title={<span data-testid="person-name">{name}</span>}
        actions={actions.length ? actions : null}
      >
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <Badge tone="brand">{t(`personKinds.${person.kind}`)}</Badge>
          {person.jobTitle ? <span className="text-sm text-slate-600">{person.jobTitle}</span> : null}
          <LegalHoldButton objectType="person" objectId={person.id} />
        </div>
      </PageHeader>
      <PersonRightsBanner person={person} canManage={canDo(user?.role, 'requests.manage')} />
      {canDo(user?.role, 'duplicates.review') ? <DuplicatesHint personId={personId} /> : null}
      {/* Phones: contact, privacy, timeline, change history; wide screens: privacy in its own column on the right. */}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <PersonContactCard person={person} />
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start">
          <PrivacyPanel person={person} />
          <div className="mt-4">
            <PersonPhotoCard person={person} canWrite={canDo(user?.role, 'identity.write')} />
          </div>
          {canDo(user?.role, 'requests.manage') ? (
            <div className="mt-4">
              <FieldLocksCard person={person} />
            </div>
          ) : null}
        </div>
        <div className="flex flex-col gap-4 lg:col-start-1 lg:row-start-2">
          <InteractionsTimeline personId={personId} canWrite={canDo(user?.role, 'communication.write')} />
          <ConsentsCard personId={personId} canRecord={canDo(user?.role, 'consents.record')} />
          <DisclosuresCard personId={personId} canRecord={canDo(user?.role, 'disclosures.record')} />
          <PersonHistoryCard personId={personId} />
        </div>
      </div>
    </div>
  );
}
