import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { toDateTimeLocal, useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { campaignRecipientsQuery, useRecordResponse } from './api';
import type { CampaignRecipient, RecipientStatus, ResponseKind } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records that a recipient answered or ordered (a phone call, a reply letter, an order in the shop). */
function ResponseDialog({
  campaignId,
  recipient,
  onClose,
}: {
  campaignId: string;
  recipient: CampaignRecipient;
  onClose: (recorded: boolean) => void;
}) {
  const { t } = useTranslation();
  const record = useRecordResponse(campaignId);
  const [kind, setKind] = useState<ResponseKind>('replied');
  const [occurredAt, setOccurredAt] = useState(() => toDateTimeLocal(new Date()));
  const [orderId, setOrderId] = useState('');
  const dateValid = !Number.isNaN(new Date(occurredAt).getTime());
  const orderValid = orderId.trim() === '' || UUID.test(orderId.trim());
  const save = () =>
    record.mutate(
      {
        personId: recipient.personId,
        kind,
        occurredAt: new Date(occurredAt).toISOString(),
        ...(kind === 'ordered' && orderId.trim() ? { orderId: orderId.trim() } : {}),
      },
      { onSuccess: () => onClose(true) },
    );
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose(false);
      }}
      title={t('campaigns.response.title')}
      description={t('campaigns.response.description', { name: recipient.name })}
    >
      <div className="flex flex-col gap-3" data-testid="response-dialog">
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 text-sm font-medium text-slate-800">{t('campaigns.response.kind')}</legend>
          {(['replied', 'ordered'] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="response-kind"
                value={k}
                className="size-4 accent-brand-700"
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`response-${k}`}
              />
              {t(`campaigns.response.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field
          label={t('campaigns.response.occurredAt')}
          required
          error={dateValid ? undefined : { message: 'validation.date' }}
        >
          {(c) => (
            <Input
              {...c}
              type="datetime-local"
              value={occurredAt}
              onChange={(e) => setOccurredAt(e.target.value)}
              data-testid="response-occurred-at"
            />
          )}
        </Field>
        {kind === 'ordered' ? (
          <Field
            label={t('campaigns.response.orderId')}
            hint={t('campaigns.response.orderIdHint')}
            error={orderValid ? undefined : { message: 'validation.invalid' }}
          >
            {(c) => <Input {...c} value={orderId} onChange={(e) => setOrderId(e.target.value)} />}
          </Field>
        ) : null}
        <ErrorMessage error={record.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={save}
            disabled={record.isPending || !dateValid || !orderValid}
            data-testid="response-save"
          >
            {t('campaigns.response.save')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/** Who the campaign went to (or left out, and why), with "record a reply" per recipient. */
export function RecipientsCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const canRespond = canDo(user?.role, 'campaigns.respond');
  const recipients = useQuery(campaignRecipientsQuery(campaignId));
  const [filter, setFilter] = useState('');
  const [responding, setResponding] = useState<CampaignRecipient | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const items = recipients.data?.items ?? [];
  const statuses = [...new Set(items.map((r) => r.status))];
  const shown = filter ? items.filter((r) => r.status === filter) : items;
  const reasonLabel = (reason: string) =>
    t(`segments.reasons.${reason as 'restricted'}.label`, { defaultValue: reason.replaceAll('_', ' ') });
  const statusLabel = (status: RecipientStatus) => t(`campaigns.recipientStatuses.${status}`);
  return (
    <Card aria-labelledby="recipients-title" data-testid="recipients-card">
      <CardHeader>
        <CardTitle id="recipients-title">
          {t('campaigns.recipients.title', { count: items.length })}
        </CardTitle>
        {statuses.length > 1 ? (
          <Field label={t('campaigns.recipients.filter')} className="w-48">
            {(c) => (
              <Select {...c} value={filter} onChange={(e) => setFilter(e.target.value)}>
                <option value="">{t('campaigns.recipients.all')}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
      </CardHeader>
      <CardContent>
        <ErrorMessage error={recipients.error} />
        <p
          role="status"
          className="empty:hidden mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="response-recorded"
        >
          {recorded ? t('campaigns.response.saved', { name: recorded }) : ''}
        </p>
        <Table data-testid="recipients-table" aria-busy={recipients.isFetching}>
          <THead>
            <tr>
              <Th scope="col">{t('campaigns.recipients.name')}</Th>
              <Th scope="col">{t('campaigns.recipients.status')}</Th>
              <Th scope="col">{t('campaigns.recipients.basis')}</Th>
              <Th scope="col">{t('campaigns.recipients.sentAt')}</Th>
              {canRespond ? (
                <Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              ) : null}
            </tr>
          </THead>
          <TBody>
            {recipients.data && shown.length === 0 ? (
              <tr>
                <Td colSpan={5} className="py-6 text-center text-slate-500">
                  {t('campaigns.recipients.empty')}
                </Td>
              </tr>
            ) : (
              shown.map((r) => (
                <Tr key={r.id} data-testid="recipient-row" data-person-id={r.personId} data-status={r.status}>
                  <Td>
                    {r.name ? (
                      <Link
                        to="/persons/$personId"
                        params={{ personId: r.personId }}
                        className="text-brand-700 hover:underline"
                        data-testid="recipient-name"
                      >
                        {r.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500 italic">{t('campaigns.recipients.noName')}</span>
                    )}
                  </Td>
                  <Td>
                    <span data-testid="recipient-status">{statusLabel(r.status)}</span>
                    {r.skipReason ? (
                      <span className="block text-xs text-amber-800" data-testid="recipient-skip-reason">
                        {reasonLabel(r.skipReason)}
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    {r.basis ? t(`segments.bases.${r.basis as 'consent'}`, { defaultValue: r.basis }) : '–'}
                  </Td>
                  <Td className="whitespace-nowrap">{r.sentAt ? format.dateTime(r.sentAt) : '–'}</Td>
                  {canRespond ? (
                    <Td className="text-right">
                      {r.status === 'sent' || r.status === 'printed' ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => setResponding(r)}
                          aria-label={t('campaigns.response.openNamed', { name: r.name })}
                          data-testid="record-response"
                        >
                          {t('campaigns.response.open')}
                        </Button>
                      ) : null}
                    </Td>
                  ) : null}
                </Tr>
              ))
            )}
          </TBody>
        </Table>
      </CardContent>
      {responding ? (
        <ResponseDialog
          campaignId={campaignId}
          recipient={responding}
          onClose={(saved) => {
            if (saved) setRecorded(responding.name);
            setResponding(null);
          }}
        />
      ) : null}
    </Card>
  );
}
