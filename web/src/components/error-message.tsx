import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors';

/** The text to show for any error: the server's localised message, or a local fallback. */
export const useErrorMessage = () => {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (error.status === 0) return t('errors.network');
      if (error.code === 'version_conflict') return error.serverMessage || t('errors.versionConflict');
      return error.serverMessage || t('errors.generic');
    }
    return t('errors.generic');
  };
};

/** An alert box for a failed request or mutation; renders nothing without an error. */
export function ErrorMessage({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const conflict = isApiError(error) && error.code === 'version_conflict';
  return (
    <div
      role="alert"
      data-testid="error-message"
      className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className ?? ''}`}
    >
      <p>{message(error)}</p>
      {conflict ? (
        <p className="mt-1">
          {t('errors.versionConflictHint')}{' '}
          <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
