import { useQuery } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PersonSections } from './person-sections';
import { isPortalSessionMissing, portalCsrf, portalMeQuery } from './portal-client';
import { companyNameOf } from './portal-layout';
import { usePageHeadingFocus } from './use-focus-on-mount';

/** The signed-in portal: one block per person the session holds (one e-mail address can belong to several). */
export function PortalHomePage() {
  const { t } = useTranslation();
  // Without the CSRF token (another tab, storage cleared) no change would be accepted: sign in again.
  const hasCsrf = Boolean(portalCsrf.get());
  const me = useQuery({ ...portalMeQuery, enabled: hasCsrf });
  const heading = usePageHeadingFocus<HTMLHeadingElement>(me.isSuccess);

  if (!hasCsrf) return <Navigate to="/privacy" search={{ ended: 'session' }} replace />;
  if (me.isPending) return <Loading />;
  if (me.isError) {
    if (isPortalSessionMissing(me.error))
      return <Navigate to="/privacy" search={{ ended: 'session' }} replace />;
    return <ErrorMessage error={me.error} />;
  }
  const persons = me.data.persons;
  const several = persons.length > 1;
  const company = companyNameOf(me.data);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          {t('portal.home.heading')}
          {company ? <span className="sr-only"> · {company}</span> : null}
        </h1>
        <p className="text-slate-700">{t('portal.home.intro')}</p>
        {several ? (
          <p className="text-slate-700">{t('portal.home.several', { count: persons.length })}</p>
        ) : null}
      </div>
      {persons.length === 0 ? <p className="text-slate-700">{t('portal.home.none')}</p> : null}
      {persons.map((person) => (
        <PersonSections key={person.id} person={person} nested={several} />
      ))}
    </div>
  );
}
