import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { emailSchema } from '../../lib/validation';
import { portalApi } from './portal-client';
import { useFocusOnMount, usePageHeadingFocus } from './use-focus-on-mount';

const route = getRouteApi('/privacy/');
const schema = z.object({ email: emailSchema });

/** /privacy: explains the portal and sends the sign-in link (the answer never says whether we know the address). */
export function PortalStartPage() {
  const { t } = useTranslation();
  const { ended } = route.useSearch();
  const heading = usePageHeadingFocus<HTMLHeadingElement>();
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { email: '' } });
  const request = useMutation({ mutationFn: (email: string) => portalApi.requestLink(email) });
  const sentRef = useFocusOnMount<HTMLDivElement>(request.isSuccess);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
          {t('portal.start.heading')}
        </h1>
        <p className="text-slate-700">{t('portal.start.intro')}</p>
      </div>
      {ended ? (
        <p
          role="status"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800"
        >
          {ended === 'logout' ? t('portal.start.loggedOut') : t('portal.start.sessionEnded')}
        </p>
      ) : null}
      <Card>
        <CardContent className="flex flex-col gap-4 py-5">
          {request.isSuccess ? (
            <div
              ref={sentRef}
              tabIndex={-1}
              role="status"
              data-testid="portal-link-sent"
              className="flex flex-col gap-3 focus:outline-none"
            >
              <p className="font-medium text-slate-900">{t('portal.start.sent')}</p>
              <p className="text-sm text-slate-700">{t('portal.start.sentHint')}</p>
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    request.reset();
                    form.reset({ email: '' });
                  }}
                >
                  {t('portal.start.again')}
                </Button>
              </div>
            </div>
          ) : (
            <form
              noValidate
              className="flex flex-col gap-4"
              onSubmit={form.handleSubmit((values) => request.mutate(values.email))}
            >
              <p className="text-sm text-slate-700">{t('portal.start.howItWorks')}</p>
              <Field label={t('portal.start.email')} error={form.formState.errors.email} required>
                {(c) => (
                  <Input
                    {...c}
                    type="email"
                    inputMode="email"
                    autoComplete="email"
                    autoCapitalize="none"
                    spellCheck={false}
                    {...form.register('email')}
                  />
                )}
              </Field>
              <ErrorMessage error={request.error} />
              <div>
                <Button
                  type="submit"
                  disabled={request.isPending}
                  className="w-full sm:w-auto"
                  data-testid="portal-request-link"
                >
                  {t('portal.start.submit')}
                </Button>
              </div>
            </form>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
