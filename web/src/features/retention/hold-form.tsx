import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { HOLD_REASONS, type HoldObjectType, type HoldReason, usePlaceHold } from './api';

const OBJECT_TYPES: HoldObjectType[] = [
  'person',
  'organization',
  'invoice',
  'quote',
  'order',
  'deal',
  'case',
];

/**
 * Places a legal hold: on a given record (from its detail page), or on a record chosen by kind and id
 * (on the legal holds page). The reference is a file reference, never a description of the person.
 */
export function HoldForm({
  object,
  onDone,
}: {
  object?: { objectType: HoldObjectType; objectId: string };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const place = usePlaceHold();
  const [objectType, setObjectType] = useState<HoldObjectType>(object?.objectType ?? 'person');
  const [objectId, setObjectId] = useState(object?.objectId ?? '');
  const [reason, setReason] = useState<HoldReason>('legal_hold');
  const [reference, setReference] = useState('');
  const [until, setUntil] = useState('');
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="legal-hold-form"
      onSubmit={(e) => {
        e.preventDefault();
        place.mutate(
          {
            objectType,
            objectId: objectId.trim(),
            reason,
            ...(reference.trim() ? { reference: reference.trim() } : {}),
            ...(until ? { until } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      {object ? null : (
        <div className="grid grid-cols-2 gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="hold-type" className="text-sm font-medium text-slate-800">
              {t('retention.holds.objectType')}
            </label>
            <Select
              id="hold-type"
              value={objectType}
              onChange={(e) => setObjectType(e.target.value as HoldObjectType)}
              data-testid="legal-hold-object-type"
            >
              {OBJECT_TYPES.map((o) => (
                <option key={o} value={o}>
                  {t(`retention.holds.objectTypes.${o}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="hold-object" className="text-sm font-medium text-slate-800">
              {t('retention.holds.objectId')}
            </label>
            <Input
              id="hold-object"
              required
              value={objectId}
              onChange={(e) => setObjectId(e.target.value)}
              data-testid="legal-hold-object-id"
            />
          </div>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="hold-reason" className="text-sm font-medium text-slate-800">
          {t('retention.holds.reason')}
        </label>
        <Select
          id="hold-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as HoldReason)}
          data-testid="legal-hold-reason"
        >
          {HOLD_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`retention.holds.reasons.${r}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="hold-reference" className="text-sm font-medium text-slate-800">
          {t('retention.holds.reference')}
        </label>
        <Input
          id="hold-reference"
          maxLength={200}
          aria-describedby="hold-reference-hint"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          data-testid="legal-hold-reference"
        />
        <p id="hold-reference-hint" className="text-xs text-slate-500">
          {t('retention.holds.referenceHint')}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="hold-until" className="text-sm font-medium text-slate-800">
          {t('retention.holds.until')}
        </label>
        <Input id="hold-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      </div>
      <ErrorMessage error={place.error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={place.isPending} data-testid="legal-hold-submit">
          {t('retention.holds.place')}
        </Button>
      </div>
    </form>
  );
}
