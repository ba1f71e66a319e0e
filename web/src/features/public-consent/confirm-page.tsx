import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { useConfirmSignup } from './api';
import { PublicLayout, usePublicLanguage } from './public-layout';

const route = getRouteApi('/consent/confirm');

/** Safe absolute http(s) address to go on to after the confirmation, or null. */
const safeRedirect = (url: string | null | undefined) => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
};

/**
 * The link in the confirmation mail leads here. Confirming needs a click (a POST): mail scanners that
 * open links must not confirm on the person's behalf.
 */
export function ConfirmPage() {
  const { t } = useTranslation();
  const { token, lang } = route.useSearch();
  usePublicLanguage(lang, undefined);
  const confirm = useConfirmSignup();
  const title = t('publicConsent.confirm.title');
  if (!token)
    return (
      <PublicLayout title={title}>
        <p role="alert" className="text-red-800" data-testid="confirm-error">
          {t('publicConsent.linkMissing')}
        </p>
      </PublicLayout>
    );
  if (confirm.isSuccess) {
    const next = safeRedirect(confirm.data.redirectUrl);
    return (
      <PublicLayout title={title}>
        <div
          role="status"
          className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900"
          data-testid="confirm-done"
        >
          <p className="font-medium">
            {t('publicConsent.confirm.done', { purpose: confirm.data.purpose.label })}
          </p>
          <p className="mt-1 text-sm">{t('publicConsent.confirm.doneHint')}</p>
        </div>
        {next ? (
          <a href={next} className="mt-4 inline-block text-brand-700 underline">
            {t('publicConsent.confirm.continue')}
          </a>
        ) : null}
      </PublicLayout>
    );
  }
  const code = isApiError(confirm.error) ? confirm.error.code : null;
  const final = code === 'link_expired' || code === 'link_used' || code === 'link_invalid';
  return (
    <PublicLayout title={title}>
      <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <p className="text-slate-800">{t('publicConsent.confirm.intro')}</p>
        {confirm.error ? (
          <div data-testid="confirm-error" data-code={code ?? undefined}>
            <ErrorMessage error={confirm.error} />
            {code === 'link_expired' ? (
              <p className="mt-2 text-sm text-slate-600">{t('publicConsent.confirm.expiredHint')}</p>
            ) : null}
          </div>
        ) : null}
        {final ? null : (
          <Button
            className="w-full sm:w-auto"
            disabled={confirm.isPending}
            onClick={() => confirm.mutate(token)}
            data-testid="confirm-button"
          >
            {t('publicConsent.confirm.button')}
          </Button>
        )}
      </div>
    </PublicLayout>
  );
}
