import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Input, Select, Textarea } from '../../components/ui/input';
import {
  type DataType,
  type DataTypePatch,
  type RetentionPeriod,
  START_TYPES,
  type StartType,
  useUpdateDataType,
} from './api';

/**
 * Edits one data type: its deletion class (period × start type), whether the rule is active, and its
 * texts. The server refuses a period below the statutory minimum (422) or a second active rule for the
 * same records (409); its message is shown as worded.
 */
export function DataTypeDialog({
  dataType,
  periods,
  onClose,
}: {
  dataType: DataType;
  periods: RetentionPeriod[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const update = useUpdateDataType(dataType.id);
  const [form, setForm] = useState({
    periodId: dataType.periodId,
    startType: dataType.startType,
    active: dataType.active,
    nameDe: dataType.nameDe,
    nameEn: dataType.nameEn,
    descriptionDe: dataType.descriptionDe,
    descriptionEn: dataType.descriptionEn,
    legalBasis: dataType.legalBasis,
    startEvent: dataType.startEvent,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = () => {
    const patch: DataTypePatch = { version: dataType.version };
    if (form.periodId !== dataType.periodId) patch.periodId = form.periodId;
    if (form.startType !== dataType.startType) patch.startType = form.startType;
    if (form.active !== dataType.active) patch.active = form.active;
    for (const key of [
      'nameDe',
      'nameEn',
      'descriptionDe',
      'descriptionEn',
      'legalBasis',
      'startEvent',
    ] as const)
      if (form[key] !== dataType[key]) patch[key] = form[key];
    update.mutate(patch, { onSuccess: onClose });
  };

  const text = (key: 'nameDe' | 'nameEn' | 'legalBasis' | 'startEvent') => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`dt-${key}`} className="text-sm font-medium text-slate-800">
        {t(`retention.fields.${key}`)}
      </label>
      <Input id={`dt-${key}`} value={form[key]} onChange={(e) => set(key, e.target.value)} />
    </div>
  );

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={t('retention.editTitle')}
      description={en ? dataType.nameEn : dataType.nameDe}
    >
      <form
        className="flex max-h-[70vh] flex-col gap-3 overflow-y-auto"
        data-testid="data-type-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="dt-period" className="text-sm font-medium text-slate-800">
              {t('retention.fields.period')}
            </label>
            <Select
              id="dt-period"
              value={form.periodId}
              onChange={(e) => set('periodId', e.target.value)}
              data-testid="data-type-period"
            >
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {en ? p.labelEn : p.labelDe}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="dt-start" className="text-sm font-medium text-slate-800">
              {t('retention.fields.startType')}
            </label>
            <Select
              id="dt-start"
              value={form.startType}
              disabled={dataType.target !== null}
              aria-describedby={dataType.target ? 'dt-start-hint' : undefined}
              onChange={(e) => set('startType', e.target.value as StartType)}
            >
              {START_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`retention.startTypes.${s}`)}
                </option>
              ))}
            </Select>
            {dataType.target ? (
              <p id="dt-start-hint" className="text-xs text-slate-500">
                {t('retention.startTypeFixed')}
              </p>
            ) : null}
          </div>
        </div>
        {dataType.minimum ? (
          <p className="text-xs text-slate-600">
            {t('retention.columns.minimum')}: {en ? dataType.minimum.minimumEn : dataType.minimum.minimumDe} (
            {dataType.minimum.basis})
          </p>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => set('active', e.target.checked)}
            data-testid="data-type-active"
          />
          {t('retention.fields.active')}
        </label>
        {text('nameDe')}
        {text('nameEn')}
        {(['descriptionDe', 'descriptionEn'] as const).map((key) => (
          <div key={key} className="flex flex-col gap-1">
            <label htmlFor={`dt-${key}`} className="text-sm font-medium text-slate-800">
              {t(`retention.fields.${key}`)}
            </label>
            <Textarea
              id={`dt-${key}`}
              rows={2}
              value={form[key]}
              onChange={(e) => set(key, e.target.value)}
            />
          </div>
        ))}
        {text('legalBasis')}
        {text('startEvent')}
        <ErrorMessage error={update.error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={update.isPending} data-testid="data-type-save">
            {t('retention.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
