import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalBasisId as LegalBasis } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { allowedLegalBases, useCatalogue } from '../privacy/catalogue';
import { fileToBase64, photoImageQuery, photoInfoQuery, useDeletePhoto, useUploadPhoto } from './api';

/**
 * The person's photo (issue 8, ADR 0034): shown only when the role may read it (identity data),
 * uploaded with a purpose and a legal basis, deleted e.g. when consent is withdrawn.
 */
export function PersonPhotoCard({
  person,
  canWrite,
}: {
  person: { id: string; hiddenFields: string[] };
  canWrite: boolean;
}) {
  if (person.hiddenFields.includes('photo')) return null;
  return <PhotoCard personId={person.id} canWrite={canWrite} />;
}

function PhotoImage({ personId, uploadedAt }: { personId: string; uploadedAt: string }) {
  const { t } = useTranslation();
  const image = useQuery(photoImageQuery(personId, uploadedAt));
  const url = image.data;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (!url) return null;
  return (
    <img
      src={url}
      alt={t('photos.alt')}
      data-testid="person-photo"
      className="max-h-48 max-w-full rounded-md border border-slate-200 object-contain"
    />
  );
}

function PhotoCard({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { catalogue, purposeLabel, legalBasisLabel } = useCatalogue();
  const info = useQuery(photoInfoQuery(personId));
  const upload = useUploadPhoto(personId);
  const remove = useDeletePhoto(personId);
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState('');
  const [basis, setBasis] = useState<LegalBasis | ''>('consent');
  const [until, setUntil] = useState('');
  const [fileError, setFileError] = useState('');
  const photo = info.data;
  const purposes = catalogue?.purposes ?? [];
  const chosenPurpose = purpose || purposes[0]?.id || '';
  const bases = allowedLegalBases(catalogue, chosenPurpose ? [chosenPurpose] : []);
  const chosenBasis = bases.some((b) => b.id === basis) ? basis : (bases[0]?.id ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('photos.chooseFile'));
      return;
    }
    setFileError('');
    upload.mutate(
      {
        image: await fileToBase64(file),
        purpose: chosenPurpose,
        legalBasis: chosenBasis as LegalBasis,
        ...(until ? { retentionUntil: until } : {}),
      },
      { onSuccess: () => setFile(null) },
    );
  };

  return (
    <Card data-testid="person-photo-card">
      <CardHeader>
        <CardTitle>{t('photos.title')}</CardTitle>
        {photo && canWrite ? (
          <Button
            variant="secondary"
            size="sm"
            data-testid="photo-delete"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('photos.confirmDelete'))) remove.mutate();
            }}
          >
            {t('photos.delete')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <ErrorMessage error={info.error ?? remove.error} />
        {photo ? (
          <div className="flex flex-col gap-1">
            <PhotoImage personId={personId} uploadedAt={photo.uploadedAt} />
            <p className="text-sm text-slate-600" data-testid="photo-facts">
              {t('photos.facts', {
                purpose: purposeLabel(photo.purpose),
                basis: legalBasisLabel(photo.legalBasis),
                date: format.date(photo.uploadedAt),
              })}
            </p>
            {photo.retentionUntil ? (
              <p className="text-sm text-slate-600">
                {t('photos.until', { date: format.date(photo.retentionUntil) })}
              </p>
            ) : null}
          </div>
        ) : info.isSuccess ? (
          <p className="text-sm text-slate-600" data-testid="photo-none">
            {t('photos.none')}
          </p>
        ) : null}
        {canWrite ? (
          <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} data-testid="photo-form">
            <Field
              label={t('photos.file')}
              error={fileError ? { message: fileError, type: 'server' } : undefined}
            >
              {(props) => (
                <Input
                  {...props}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  data-testid="photo-file"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              )}
            </Field>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t('photos.purpose')}>
                {(props) => (
                  <Select
                    {...props}
                    value={chosenPurpose}
                    data-testid="photo-purpose"
                    onChange={(e) => setPurpose(e.target.value)}
                  >
                    {purposes.map((p) => (
                      <option key={p.id} value={p.id}>
                        {purposeLabel(p.id)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t('photos.legalBasis')}>
                {(props) => (
                  <Select
                    {...props}
                    value={chosenBasis}
                    data-testid="photo-basis"
                    onChange={(e) => setBasis(e.target.value as LegalBasis)}
                  >
                    {bases.map((b) => (
                      <option key={b.id} value={b.id}>
                        {legalBasisLabel(b.id)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            <Field label={t('photos.retentionUntil')} hint={t('photos.retentionHint')}>
              {(props) => (
                <Input
                  {...props}
                  type="date"
                  value={until}
                  data-testid="photo-until"
                  onChange={(e) => setUntil(e.target.value)}
                />
              )}
            </Field>
            <p className="text-xs text-slate-500">{t('photos.notice')}</p>
            <ErrorMessage error={upload.error} />
            <div>
              <Button type="submit" disabled={upload.isPending} data-testid="photo-upload">
                {photo ? t('photos.replace') : t('photos.upload')}
              </Button>
            </div>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
