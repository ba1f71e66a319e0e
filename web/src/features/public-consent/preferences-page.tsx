import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { preferencesQuery, usePreferenceObject, usePreferenceWithdraw, useUnsubscribe } from './api';
import { PublicLayout, usePublicLanguage } from './public-layout';

const route = getRouteApi('/preferences');

/**
 * The recipient's own page from a marketing e-mail: one button withdraws the consent the mail was
 * sent on; below, every consent with its own withdraw button and the objection to all advertising.
 */
export function PreferencesPage() {
  const { t } = useTranslation();
  const { token, lang } = route.useSearch();
  const title = t('publicConsent.preferences.title');
  if (!token)
    return (
      <PublicLayout title={title}>
        <LanguageFromUrl lang={lang} />
        <p role="alert" className="text-red-800" data-testid="preferences-error">
          {t('publicConsent.linkMissing')}
        </p>
      </PublicLayout>
    );
  return <Preferences token={token} lang={lang} />;
}

function LanguageFromUrl({ lang }: { lang?: string }) {
  usePublicLanguage(lang, undefined);
  return null;
}

function Preferences({ token, lang }: { token: string; lang?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const prefs = useQuery(preferencesQuery(token));
  usePublicLanguage(lang, prefs.data?.language);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: preferencesQuery(token).queryKey });
  const unsubscribe = useUnsubscribe(token);
  const withdraw = usePreferenceWithdraw(token);
  const object = usePreferenceObject(token);
  const title = t('publicConsent.preferences.title');
  const data = prefs.data;
  return (
    <PublicLayout title={title}>
      <div className="flex flex-col gap-4">
        {prefs.isPending ? <Loading /> : null}
        <ErrorMessage error={prefs.error} />
        {data?.firstName ? (
          <p className="text-slate-800">{t('publicConsent.preferences.hello', { name: data.firstName })}</p>
        ) : null}
        {prefs.isError ? null : (
          <section
            aria-labelledby="unsubscribe-title"
            className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
          >
            <h2 id="unsubscribe-title" className="text-base font-semibold">
              {t('publicConsent.preferences.unsubscribeTitle')}
            </h2>
            {unsubscribe.isSuccess ? (
              <p role="status" className="text-emerald-800" data-testid="unsubscribe-done">
                {unsubscribe.data.status === 'objected'
                  ? t('publicConsent.preferences.objected')
                  : t('publicConsent.preferences.unsubscribed')}
              </p>
            ) : (
              <>
                <p className="text-sm text-slate-700">{t('publicConsent.preferences.unsubscribeText')}</p>
                <Button
                  size="md"
                  className="h-12 w-full text-base sm:w-auto"
                  disabled={unsubscribe.isPending}
                  onClick={() => unsubscribe.mutate(undefined, { onSuccess: refresh })}
                  data-testid="unsubscribe"
                >
                  {t('publicConsent.preferences.unsubscribe')}
                </Button>
              </>
            )}
            <ErrorMessage error={unsubscribe.error} />
          </section>
        )}
        {data ? (
          <section
            aria-labelledby="consents-title"
            className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
          >
            <h2 id="consents-title" className="text-base font-semibold">
              {t('publicConsent.preferences.consentsTitle')}
            </h2>
            {data.consents.length === 0 ? (
              <p className="text-sm text-slate-600">{t('publicConsent.preferences.noConsents')}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="preference-consents">
                {data.consents.map((c) => (
                  <li
                    key={c.id}
                    className="flex flex-wrap items-center gap-2 py-2 text-sm"
                    data-testid="preference-consent"
                    data-state={c.state}
                  >
                    <span className="font-medium">{c.purpose.label}</span>
                    <Badge tone="brand">{t(`consent.channels.${c.channel}`)}</Badge>
                    <Badge tone={c.state === 'valid' ? 'success' : 'neutral'}>
                      {t(`consent.states.${c.state}`)}
                    </Badge>
                    <span className="text-slate-500">
                      {t('publicConsent.preferences.since', { date: format.date(c.givenAt) })}
                    </span>
                    {c.state === 'valid' ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        className="ml-auto"
                        disabled={withdraw.isPending}
                        onClick={() => withdraw.mutate(c.id, { onSuccess: refresh })}
                        aria-label={t('publicConsent.preferences.withdrawOne', { purpose: c.purpose.label })}
                        data-testid="preference-withdraw"
                      >
                        {t('consent.withdraw')}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <ErrorMessage error={withdraw.error} />
          </section>
        ) : null}
        {data ? (
          <section
            aria-labelledby="object-title"
            className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
          >
            <h2 id="object-title" className="text-base font-semibold">
              {t('publicConsent.preferences.objectTitle')}
            </h2>
            {data.marketingObjection ? (
              <p role="status" className="text-emerald-800" data-testid="objection-done">
                {t('publicConsent.preferences.objectionRecorded')}
              </p>
            ) : (
              <>
                <p className="text-sm text-slate-700">{t('publicConsent.preferences.objectText')}</p>
                <Button
                  variant="danger"
                  className="w-full sm:w-auto"
                  disabled={object.isPending}
                  onClick={() => object.mutate(undefined, { onSuccess: refresh })}
                  data-testid="object"
                >
                  {t('publicConsent.preferences.object')}
                </Button>
              </>
            )}
            <ErrorMessage error={object.error} />
          </section>
        ) : null}
      </div>
    </PublicLayout>
  );
}
