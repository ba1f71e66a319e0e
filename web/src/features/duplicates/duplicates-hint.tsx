import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { personDuplicatesQuery } from './api';

/** On a person's page: "possible duplicates (n)", linking to the comparison (or the list for several). */
export function DuplicatesHint({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const query = useQuery(personDuplicatesQuery(personId));
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  const first = items[0]!;
  const other = first.a.id === personId ? first.b.id : first.a.id;
  return (
    <div
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
      data-testid="duplicates-hint"
    >
      {items.length === 1 ? (
        <Link
          to="/duplicates/merge"
          search={{ survivorId: personId, mergedId: other }}
          className="font-medium text-amber-900 hover:underline"
        >
          {t('duplicates.hint', { count: items.length })}
        </Link>
      ) : (
        <Link to="/duplicates" className="font-medium text-amber-900 hover:underline">
          {t('duplicates.hint', { count: items.length })}
        </Link>
      )}
    </div>
  );
}
