import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';
import { Button } from './ui/button';
import { Select } from './ui/input';

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** The total is a lower bound (a search counts at most 10,000 matches): shown as "10.000+". */
  totalCapped?: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  pageSizes?: number[];
};

/**
 * "1–50 von 100.000" with previous/next buttons and an optional page-size choice; with `totalCapped`
 * "1–50 von 10.000+" and "Seite 1 von 200+" (paging stops at the counted matches).
 */
export function Pagination({
  page,
  pageSize,
  total,
  totalCapped = false,
  onPageChange,
  onPageSizeChange,
  pageSizes = [25, 50, 100],
}: PaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const sizeId = useId();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const shownTotal = totalCapped
    ? t('pagination.atLeast', { value: format.number(total) })
    : format.number(total);
  const shownPages = totalCapped
    ? t('pagination.atLeast', { value: format.number(lastPage) })
    : format.number(lastPage);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <p data-testid="pagination-range" aria-live="polite">
        {t('pagination.range', {
          from: format.number(from),
          to: format.number(to),
          total: shownTotal,
        })}
      </p>
      <div className="flex items-center gap-2">
        {onPageSizeChange ? (
          <div className="flex items-center gap-2">
            <label htmlFor={sizeId} className="text-slate-600">
              {t('pagination.pageSize')}
            </label>
            <Select
              id={sizeId}
              className="h-8 w-20"
              value={pageSize}
              onChange={(event) => onPageSizeChange(Number(event.target.value))}
            >
              {pageSizes.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          {t('pagination.previous')}
        </Button>
        <span className="text-slate-600">
          {t('pagination.page', { page: format.number(page), pages: shownPages })}
        </span>
        <Button
          variant="secondary"
          size="sm"
          disabled={page >= lastPage}
          onClick={() => onPageChange(page + 1)}
        >
          {t('pagination.next')}
        </Button>
      </div>
    </div>
  );
}
