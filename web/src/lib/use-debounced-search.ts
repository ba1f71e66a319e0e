import { useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

/**
 * The text of a list's search box, handed to `apply` after a 300 ms pause. A pause that ends after
 * the user has already left the list (e.g. clicked a result while the next page was loading) is
 * dropped: applying it would pull them back to the list.
 */
export const useDebouncedSearch = ({
  current,
  listPath,
  apply,
}: {
  current: string | undefined;
  listPath: string;
  apply: (q: string | undefined) => void;
}) => {
  const router = useRouter();
  const [text, setText] = useState(current ?? '');
  const debounced = useDebouncedValue(text, 300);
  useEffect(() => {
    const q = debounced.trim() || undefined;
    if (q === current || router.history.location.pathname !== listPath) return;
    apply(q);
  }, [debounced, current, listPath, apply, router]);
  return [text, setText] as const;
};
