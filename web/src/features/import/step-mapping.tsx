import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { IMPORT_TARGETS, type ImportTarget, importMappingsQuery, type PersonImport } from './api';

export type Mapping = Record<string, ImportTarget>;

/** Step 2: each column to a Custos field, with the first rows as a preview; saved mappings. */
export function StepMapping({
  batch,
  mapping,
  onMapping,
  saveAs,
  onSaveAs,
  onBack,
  onNext,
}: {
  batch: PersonImport;
  mapping: Mapping;
  onMapping: (mapping: Mapping) => void;
  saveAs: string;
  onSaveAs: (name: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const saved = useQuery(importMappingsQuery);
  const fitting = (saved.data?.items ?? []).filter((m) => m.columns.every((c) => batch.columns.includes(c)));
  const preview = (batch.preview ?? []).slice(0, 5);
  const setColumn = (column: string, target: string) => {
    const next = { ...mapping };
    if (target) next[column] = target as ImportTarget;
    else delete next[column];
    onMapping(next);
  };
  return (
    <div className="flex flex-col gap-4">
      {fitting.length > 0 ? (
        <Field label={t('importWizard.mapping.load')}>
          {(props) => (
            <Select
              {...props}
              className="w-auto"
              data-testid="import-saved-mapping"
              defaultValue=""
              onChange={(e) => {
                const m = fitting.find((x) => x.id === e.target.value);
                if (m) onMapping({ ...m.mapping });
              }}
            >
              <option value="">—</option>
              {fitting.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="import-mapping-table">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th className="px-2 py-1">{t('importWizard.mapping.column')}</th>
              <th className="px-2 py-1">{t('importWizard.mapping.field')}</th>
              {preview.map((row) => (
                <th key={row.rowNumber} className="px-2 py-1 font-normal text-slate-500">
                  {t('importWizard.mapping.row', { row: row.rowNumber })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {batch.columns.map((column) => (
              <tr key={column} className="border-b border-slate-100">
                <td className="px-2 py-1 font-medium">{column}</td>
                <td className="px-2 py-1">
                  <Select
                    aria-label={column}
                    data-testid={`import-map-${column}`}
                    value={mapping[column] ?? ''}
                    onChange={(e) => setColumn(column, e.target.value)}
                  >
                    <option value="">{t('importWizard.mapping.skip')}</option>
                    {IMPORT_TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {t(`importWizard.fields.${target}` as 'importWizard.fields.email', {
                          defaultValue: target,
                        })}
                      </option>
                    ))}
                  </Select>
                </td>
                {preview.map((row) => (
                  <td key={row.rowNumber} className="max-w-48 truncate px-2 py-1 text-slate-700">
                    {row.values[column] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Field label={t('importWizard.mapping.saveAs')}>
        {(props) => (
          <Input
            {...props}
            value={saveAs}
            onChange={(e) => onSaveAs(e.target.value)}
            data-testid="import-save-as"
          />
        )}
      </Field>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('importWizard.back')}
        </Button>
        <Button onClick={onNext} disabled={Object.keys(mapping).length === 0} data-testid="import-next">
          {t('importWizard.next')}
        </Button>
      </div>
    </div>
  );
}
