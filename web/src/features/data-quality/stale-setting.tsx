import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { saveStaleMonths } from './api';

/** The tenant's staleness period (admin and DPO: quality.manage). */
export function StaleSetting({ months }: { months: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState(String(months));
  const save = useMutation({
    mutationFn: () => saveStaleMonths(Number(value)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['data-quality'] }),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="text-sm" htmlFor="quality-stale-months">
        <span className="mb-1 block text-slate-600">{t('dataQuality.staleMonths')}</span>
        <Input
          type="number"
          min={1}
          max={240}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-24"
          id="quality-stale-months"
          data-testid="quality-stale-months"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {t('dataQuality.save')}
      </Button>
      <ErrorMessage error={save.error} />
    </form>
  );
}
