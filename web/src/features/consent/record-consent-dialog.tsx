import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { localized } from '../../i18n';
import { toDateTimeLocal } from '../../lib/format';
import { consentWordingsQuery, currentWording, useRecordConsent } from './api';
import { useConsentPurposes } from './purposes';
import { CHANNELS, type ConsentChannel, type Language, RECORD_METHODS, type RecordMethod } from './types';

/** "Einwilligung erfassen": the current wording for purpose, channel and language is shown verbatim. */
export function RecordConsentDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { purposes, error: catalogueError } = useConsentPurposes();
  const record = useRecordConsent(personId);
  const [purposeId, setPurposeId] = useState('');
  const [channel, setChannel] = useState<ConsentChannel>('email');
  const [language, setLanguage] = useState<Language>(i18n.language.startsWith('en') ? 'en' : 'de');
  const [method, setMethod] = useState<RecordMethod>('phone');
  const [givenAt, setGivenAt] = useState(toDateTimeLocal(new Date()));
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [tried, setTried] = useState(false);
  const wordings = useQuery({
    ...consentWordingsQuery({ purposeId, channel, language }),
    enabled: purposeId !== '',
  });
  const wording = currentWording(wordings.data?.items);
  const noteMissing = method === 'phone' && note.trim() === '';
  const givenDate = givenAt ? new Date(givenAt) : null;
  const dateInvalid =
    !givenDate || Number.isNaN(givenDate.getTime()) || givenDate.getTime() > Date.now() + 60_000;
  const valid = purposeId !== '' && wording !== undefined && !noteMissing && !dateInvalid;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!valid || !wording || !givenDate) return;
    record.mutate(
      {
        purposeId,
        channel,
        wordingId: wording.id,
        method,
        givenAt: givenDate.toISOString(),
        address: address.trim() || undefined,
        proof: {
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(documentRef.trim() ? { documentRef: documentRef.trim() } : {}),
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())} title={t('consent.recordTitle')}>
      <form
        onSubmit={submit}
        noValidate
        className="flex max-h-[75dvh] flex-col gap-3 overflow-y-auto pr-1"
        data-testid="consent-form"
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('consent.purpose')} required className="sm:col-span-2">
            {(c) => (
              <Select {...c} value={purposeId} onChange={(e) => setPurposeId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {purposes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {localized(p, i18n.language)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('consent.channel')} required>
            {(c) => (
              <Select {...c} value={channel} onChange={(e) => setChannel(e.target.value as ConsentChannel)}>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {t(`consent.channels.${ch}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('consent.wordingLanguage')} required>
            {(c) => (
              <Select {...c} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                <option value="de">{t('language.de')}</option>
                <option value="en">{t('language.en')}</option>
              </Select>
            )}
          </Field>
        </div>
        {purposeId ? (
          <section
            aria-label={t('consent.wordingShown')}
            className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
            data-testid="consent-form-wording"
          >
            {wordings.isPending ? <Loading /> : null}
            <ErrorMessage error={wordings.error} />
            {wordings.data && !wording ? (
              <p className="text-amber-800" data-testid="consent-no-wording">
                {t('consent.noWording')}
              </p>
            ) : null}
            {wording ? (
              <>
                <p className="mb-1 text-xs font-medium text-slate-500">
                  {t('consent.wordingShown')} · {t('consent.version', { version: wording.version })}
                </p>
                <blockquote className="whitespace-pre-line text-slate-900" data-testid="consent-wording-text">
                  {wording.text}
                </blockquote>
                <p className="mt-1 text-xs text-slate-500">
                  {t('consent.advertiser')}: {wording.advertiser}
                </p>
              </>
            ) : null}
          </section>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('consent.method')} required>
            {(c) => (
              <Select {...c} value={method} onChange={(e) => setMethod(e.target.value as RecordMethod)}>
                {RECORD_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`consent.methods.${m}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            label={t('consent.givenAt')}
            required
            error={
              tried && dateInvalid ? { message: t('consent.givenAtInvalid'), type: 'server' } : undefined
            }
          >
            {(c) => (
              <Input
                {...c}
                type="datetime-local"
                value={givenAt}
                max={toDateTimeLocal(new Date())}
                onChange={(e) => setGivenAt(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label={t('consent.address')} hint={t('consent.addressHint')}>
          {(c) => (
            <Input {...c} value={address} maxLength={320} onChange={(e) => setAddress(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('consent.proof.note')}
          required={method === 'phone'}
          hint={method === 'phone' ? t('consent.phoneNoteHint') : t('consent.noteHint')}
          error={
            tried && noteMissing ? { message: t('consent.phoneNoteRequired'), type: 'server' } : undefined
          }
        >
          {(c) => (
            <Textarea
              {...c}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="consent-note"
            />
          )}
        </Field>
        <Field label={t('consent.proof.documentRef')} hint={t('consent.documentRefHint')}>
          {(c) => (
            <Input
              {...c}
              value={documentRef}
              maxLength={200}
              onChange={(e) => setDocumentRef(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={catalogueError ?? record.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={record.isPending || (tried && !valid)} data-testid="consent-submit">
            {t('consent.recordSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
