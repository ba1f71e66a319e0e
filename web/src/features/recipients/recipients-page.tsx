import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import {
  RECIPIENT_KINDS,
  type Recipient,
  type RecipientKind,
  recipientsQuery,
  useCreateRecipient,
  useUpdateRecipient,
} from './api';

/** Settings: the recipients register (Art. 30(1)(d), 15(1)(c), 19); everyone reads, admin and DPO edit. */
export function RecipientsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'recipients.manage');
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery(recipientsQuery(showArchived));
  const items = list.data?.items ?? [];
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('recipients.title')}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-slate-600">{t('recipients.intro')}</p>
          {canManage ? null : <p className="text-sm text-slate-600">{t('recipients.readOnly')}</p>}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-brand-700"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
              data-testid="recipients-show-archived"
            />
            {t('recipients.showArchived')}
          </label>
          {list.isPending ? <Loading /> : null}
          <ErrorMessage error={list.error} />
          {list.data && items.length === 0 ? (
            <p className="text-sm text-slate-600">{t('recipients.empty')}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100" data-testid="recipient-list">
              {items.map((recipient) => (
                <RecipientRow key={recipient.id} recipient={recipient} canManage={canManage} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      {canManage ? <RecipientCreateForm /> : null}
    </div>
  );
}

function RecipientRow({ recipient, canManage }: { recipient: Recipient; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateRecipient();
  const archived = recipient.archivedAt !== null;
  return (
    <li
      className="flex flex-col gap-1 py-2 text-sm"
      data-testid="recipient-row"
      data-archived={archived ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={archived ? 'font-medium text-slate-500' : 'font-medium'}
          data-testid="recipient-name"
        >
          {recipient.name}
        </span>
        <Badge tone="brand">{t(`recipients.kinds.${recipient.kind}`)}</Badge>
        {recipient.country ? <Badge>{recipient.country}</Badge> : null}
        {archived ? (
          <Badge tone="warning">
            {t('recipients.archived')} {format.date(recipient.archivedAt)}
          </Badge>
        ) : null}
        {canManage ? (
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: recipient.id, archived: !archived })}
            data-testid={archived ? 'recipient-restore' : 'recipient-archive'}
          >
            {archived ? t('recipients.restore') : t('recipients.archive')}
          </Button>
        ) : null}
      </div>
      {recipient.contact ? <p className="text-slate-700">{recipient.contact}</p> : null}
      {recipient.notes ? <p className="whitespace-pre-line text-slate-500">{recipient.notes}</p> : null}
      <ErrorMessage error={update.error} />
    </li>
  );
}

const emptyForm = { name: '', kind: '' as RecipientKind | '', country: '', contact: '', notes: '' };

function RecipientCreateForm() {
  const { t } = useTranslation();
  const create = useCreateRecipient();
  const [form, setForm] = useState(emptyForm);
  const set = (key: keyof typeof emptyForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const valid = form.name.trim() !== '' && form.kind !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || form.kind === '') return;
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    create.mutate(
      {
        name: form.name.trim(),
        kind: form.kind,
        country: optional(form.country)?.toUpperCase(),
        contact: optional(form.contact),
        notes: optional(form.notes),
      },
      { onSuccess: () => setForm(emptyForm) },
    );
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('recipients.new')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex max-w-xl flex-col gap-3" data-testid="recipient-form">
          <Field label={t('recipients.name')} required>
            {(c) => (
              <Input
                {...c}
                value={form.name}
                maxLength={200}
                onChange={(e) => set('name')(e.target.value)}
                data-testid="recipient-name-input"
              />
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('recipients.kind')} required>
              {(c) => (
                <Select
                  {...c}
                  value={form.kind}
                  onChange={(e) => set('kind')(e.target.value)}
                  data-testid="recipient-kind"
                >
                  <option value="">{t('common.choose')}</option>
                  {RECIPIENT_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`recipients.kinds.${kind}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('recipients.country')} hint={t('recipients.countryHint')}>
              {(c) => (
                <Input
                  {...c}
                  value={form.country}
                  maxLength={2}
                  pattern="[A-Za-z]{2}"
                  autoCapitalize="characters"
                  onChange={(e) => set('country')(e.target.value)}
                  data-testid="recipient-country"
                />
              )}
            </Field>
          </div>
          <Field label={t('recipients.contact')} hint={t('recipients.contactHint')}>
            {(c) => (
              <Input
                {...c}
                value={form.contact}
                maxLength={500}
                onChange={(e) => set('contact')(e.target.value)}
                data-testid="recipient-contact"
              />
            )}
          </Field>
          <Field label={t('recipients.notes')} hint={t('recipients.notesHint')}>
            {(c) => (
              <Textarea
                {...c}
                rows={3}
                value={form.notes}
                maxLength={4000}
                onChange={(e) => set('notes')(e.target.value)}
                data-testid="recipient-notes"
              />
            )}
          </Field>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={!valid || create.isPending} data-testid="recipient-add">
              {t('recipients.add')}
            </Button>
            {create.isSuccess ? (
              <span className="text-sm text-emerald-800" role="status" data-testid="recipient-added">
                {t('recipients.added')}
              </span>
            ) : null}
          </div>
          <ErrorMessage error={create.error} />
        </form>
      </CardContent>
    </Card>
  );
}
