import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Select, Textarea } from '../../components/ui/input';
import { useExtendRequest, useFulfilRequest, useRefuseRequest } from './api';
import { REFUSAL_REASONS, type RefusalReason, type RequestDetail } from './types';

type DialogBase = { request: RequestDetail; open: boolean; onOpenChange: (open: boolean) => void };

/** Says what fulfilling does (for an erasure: deleted, key shredded, invoices kept restricted). */
export function FulfilDialog({ request, open, onOpenChange }: DialogBase) {
  const { t } = useTranslation();
  const fulfil = useFulfilRequest(request.id);
  const [reason, setReason] = useState(request.details?.reason ?? '');
  const needsReason = request.type === 'restriction';
  const confirm = () =>
    fulfil.mutate(
      {
        // a rectification applies the corrections recorded at intake (the server's default)
        ...(needsReason && reason.trim() ? { reason: reason.trim() } : {}),
      },
      { onSuccess: () => onOpenChange(false) },
    );
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('requests.actions.fulfilTitle')}
      description={t(`requests.actions.fulfilDescriptions.${request.type}`)}
    >
      <div className="flex flex-col gap-3" data-testid="fulfil-dialog">
        {needsReason ? (
          <Field label={t('requests.actions.restrictionReason')} required>
            {(c) => (
              <Textarea
                {...c}
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="fulfil-reason"
              />
            )}
          </Field>
        ) : null}
        <ErrorMessage error={fulfil.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            variant={request.type === 'erasure' ? 'danger' : 'primary'}
            onClick={confirm}
            disabled={fulfil.isPending || (needsReason && !reason.trim())}
            data-testid="confirm-fulfil"
          >
            {t('requests.actions.fulfilConfirm')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

export function ExtendDialog({ request, open, onOpenChange }: DialogBase) {
  const { t } = useTranslation();
  const extend = useExtendRequest(request.id);
  const [reason, setReason] = useState('');
  const [months, setMonths] = useState<1 | 2>(2);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('requests.actions.extendTitle')}
      description={t('requests.actions.extendHint')}
    >
      <form
        className="flex flex-col gap-3"
        data-testid="extend-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          extend.mutate({ reason: reason.trim(), months }, { onSuccess: () => onOpenChange(false) });
        }}
      >
        <Field label={t('requests.actions.extendMonths')} required>
          {(c) => (
            <Select
              {...c}
              value={String(months)}
              onChange={(e) => setMonths(e.target.value === '1' ? 1 : 2)}
              data-testid="extend-months"
            >
              <option value="1">{t('requests.actions.months', { count: 1 })}</option>
              <option value="2">{t('requests.actions.months', { count: 2 })}</option>
            </Select>
          )}
        </Field>
        <Field label={t('requests.actions.extendReason')} required>
          {(c) => (
            <Textarea
              {...c}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="extend-reason"
            />
          )}
        </Field>
        <ErrorMessage error={extend.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={extend.isPending || !reason.trim()} data-testid="confirm-extend">
            {t('requests.actions.extend')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RefuseDialog({ request, open, onOpenChange }: DialogBase) {
  const { t } = useTranslation();
  const refuse = useRefuseRequest(request.id);
  const [reason, setReason] = useState<RefusalReason>('manifestly_unfounded');
  const [details, setDetails] = useState('');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('requests.actions.refuseTitle')}
      description={t('requests.actions.refuseHint')}
    >
      <form
        className="flex flex-col gap-3"
        data-testid="refuse-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          refuse.mutate({ reason, details: details.trim() }, { onSuccess: () => onOpenChange(false) });
        }}
      >
        <Field label={t('requests.actions.refuseReason')} required>
          {(c) => (
            <Select
              {...c}
              value={reason}
              onChange={(e) => setReason(e.target.value as RefusalReason)}
              data-testid="refuse-reason"
            >
              {REFUSAL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`requests.actions.refusalReasons.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('requests.actions.refuseDetails')} required>
          {(c) => (
            <Textarea
              {...c}
              rows={4}
              value={details}
              onChange={(e) => setDetails(e.target.value)}
              data-testid="refuse-details"
            />
          )}
        </Field>
        <ErrorMessage error={refuse.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="danger"
            disabled={refuse.isPending || !details.trim()}
            data-testid="confirm-refuse"
          >
            {t('requests.actions.refuse')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
