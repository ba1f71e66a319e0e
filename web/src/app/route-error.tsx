import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/error-message';
import { Button, buttonClass } from '../components/ui/button';

/** Shown when a route fails to load (e.g. the server is not reachable). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-16">
      <h1 className="text-xl font-semibold">{t('errors.pageFailed')}</h1>
      <ErrorMessage error={error} />
      <div>
        <Button
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('common.retry')}
        </Button>
      </div>
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-16">
      <h1 className="text-xl font-semibold">{t('errors.notFoundTitle')}</h1>
      <p className="text-sm text-slate-600">{t('errors.notFoundText')}</p>
      <div>
        <Link to="/persons" className={buttonClass('secondary')}>
          {t('errors.toStart')}
        </Link>
      </div>
    </div>
  );
}
