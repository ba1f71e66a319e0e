import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from '../api/errors';

/**
 * Puts the per-field messages of a 422 `validation_failed` answer on the form's fields. A path the
 * form does not know (or a list index like `purposes.0`) lands on the nearest known field.
 * Returns true when at least one field error was set.
 */
export const applyServerErrors = <T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  knownFields: readonly string[],
): boolean => {
  if (!isApiError(error) || error.details.length === 0) return false;
  let applied = false;
  for (const detail of error.details) {
    const segments = detail.path
      .replace(/^body\./, '')
      .split(/[.[\]/]+/)
      .filter(Boolean);
    while (segments.length > 0 && !knownFields.includes(segments.join('.'))) segments.pop();
    if (segments.length === 0) continue;
    setError(segments.join('.') as Path<T>, { type: 'server', message: detail.message });
    applied = true;
  }
  return applied;
};
