import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { todayIso, useFormat } from '../../lib/format';
import { type DataCategory, disclosuresQuery, recipientsQuery, useRecordDisclosure } from './api';
import { useDataCategories } from './category-label';

/** Art. 15(1)(c) and 19: which recipient got which of the person's data, and when. */
export function DisclosuresCard({ personId, canRecord }: { personId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { label } = useDataCategories();
  const list = useQuery(disclosuresQuery(personId));
  const [open, setOpen] = useState(false);
  const items = list.data?.items ?? [];
  const noteHidden = list.data?.hiddenFields.includes('note') ?? false;
  return (
    <Card aria-labelledby="disclosures-title" data-testid="disclosures-card">
      <CardHeader>
        <CardTitle id="disclosures-title">{t('recipients.disclosures.title')}</CardTitle>
        {canRecord && !open ? (
          <Button size="sm" variant="secondary" onClick={() => setOpen(true)} data-testid="disclosure-open">
            {t('recipients.disclosures.record')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {open ? <DisclosureForm personId={personId} onDone={() => setOpen(false)} /> : null}
        <ErrorMessage error={list.error} />
        {list.data && items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('recipients.disclosures.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="disclosure-list">
            {items.map((d) => (
              <li key={d.id} className="flex flex-col gap-1 py-2 text-sm" data-testid="disclosure">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium" data-testid="disclosure-recipient">
                    {d.recipient.name}
                  </span>
                  <Badge tone="brand">{t(`recipients.kinds.${d.recipient.kind}`)}</Badge>
                  <span className="text-slate-500">{format.date(d.disclosedAt)}</span>
                </div>
                <div className="flex flex-wrap gap-1" data-testid="disclosure-categories">
                  {d.categories.map((c) => (
                    <Badge key={c}>{label(c)}</Badge>
                  ))}
                </div>
                {d.purpose ? <p className="text-slate-700">{d.purpose}</p> : null}
                {d.note ? <p className="whitespace-pre-line text-slate-600">{d.note}</p> : null}
                {d.recordedBy ? (
                  <p className="text-xs text-slate-500">
                    {t('recipients.disclosures.recordedBy', { name: d.recordedBy.displayName })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {noteHidden && items.length > 0 ? (
          <p className="text-xs text-slate-500">{t('recipients.disclosures.noteHidden')}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** A past date becomes that day at noon local time; today means "now" (the server's default). */
const disclosedAtOf = (date: string) =>
  date && date !== todayIso() ? new Date(`${date}T12:00:00`).toISOString() : undefined;

function DisclosureForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const recipients = useQuery(recipientsQuery(false));
  const { categories, label } = useDataCategories();
  const record = useRecordDisclosure(personId);
  const [recipientId, setRecipientId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [date, setDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const active = recipients.data?.items ?? [];
  const valid = recipientId !== '' && chosen.length > 0 && date !== '' && date <= todayIso();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    record.mutate(
      {
        recipientId,
        categories: chosen as DataCategory[],
        purpose: purpose.trim() || undefined,
        disclosedAt: disclosedAtOf(date),
        note: note.trim() || undefined,
      },
      { onSuccess: onDone },
    );
  };
  if (recipients.data && active.length === 0)
    return (
      <div className="rounded-md border border-slate-200 p-3 text-sm" data-testid="disclosure-no-recipients">
        <p className="text-slate-600">{t('recipients.disclosures.noRecipients')}</p>
        <Link to="/settings/recipients" className="text-brand-700 hover:underline">
          {t('recipients.disclosures.openRegister')}
        </Link>
      </div>
    );
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-md border border-slate-200 p-3"
      data-testid="disclosure-form"
    >
      <Field label={t('recipients.disclosures.recipient')} required>
        {(c) => (
          <Select
            {...c}
            value={recipientId}
            onChange={(e) => setRecipientId(e.target.value)}
            data-testid="disclosure-recipient-select"
          >
            <option value="">{t('common.choose')}</option>
            {active.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <CheckboxGroup
        legend={t('recipients.disclosures.categories')}
        required
        options={categories.map((c) => ({ value: c.id, label: label(c.id) }))}
        value={chosen}
        onChange={setChosen}
      />
      <Field label={t('recipients.disclosures.purpose')} hint={t('recipients.disclosures.purposeHint')}>
        {(c) => (
          <Input
            {...c}
            value={purpose}
            maxLength={200}
            onChange={(e) => setPurpose(e.target.value)}
            data-testid="disclosure-purpose"
          />
        )}
      </Field>
      <Field label={t('recipients.disclosures.date')} required>
        {(c) => (
          <Input
            {...c}
            type="date"
            value={date}
            max={todayIso()}
            onChange={(e) => setDate(e.target.value)}
            data-testid="disclosure-date"
          />
        )}
      </Field>
      <Field label={t('recipients.disclosures.note')}>
        {(c) => (
          <Textarea
            {...c}
            rows={2}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            data-testid="disclosure-note"
          />
        )}
      </Field>
      <ErrorMessage error={recipients.error ?? record.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!valid || record.isPending} data-testid="disclosure-submit">
          {t('recipients.disclosures.submit')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
