import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { todayIso, useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type Dpia, useReviewDpia, useSignOffDpia, useUpdateDpia } from './api';
import { Step } from './dpia-questionnaire';

/** One year after a YYYY-MM-DD day (29 February becomes 28 February), as the server's default. */
const inOneYear = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** The DPO's opinion (Art. 35(2)), the Art. 36 consultation, and the sign-off with its review date. */
export function SignOffStep({ dpia, editable }: { dpia: Dpia; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const update = useUpdateDpia(dpia.id);
  const signOff = useSignOffDpia(dpia.id);
  const review = useReviewDpia(dpia.id);
  const [opinion, setOpinion] = useState(dpia.dpoOpinion ?? '');
  const [consultationAt, setConsultationAt] = useState(dpia.consultationAt ?? '');
  const [reference, setReference] = useState(dpia.consultationReference ?? '');
  const [reviewAt, setReviewAt] = useState(inOneYear(todayIso()));
  const missing = dpia.missing.filter((m) => m !== 'dpoOpinion' || !opinion.trim());
  return (
    <Step title={t('dpia.detail.stepSignOff')} testId="dpia-step-sign-off">
      <Field label={t('dpia.signOff.opinion')}>
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            readOnly={!editable}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            data-testid="dpia-opinion"
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('dpia.signOff.consultationAt')}>
          {(control) => (
            <Input
              {...control}
              type="date"
              readOnly={!editable}
              value={consultationAt}
              onChange={(e) => setConsultationAt(e.target.value)}
              data-testid="dpia-consultation-at"
            />
          )}
        </Field>
        <Field label={t('dpia.signOff.consultationReference')}>
          {(control) => (
            <Input
              {...control}
              readOnly={!editable}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
            />
          )}
        </Field>
      </div>
      {editable ? (
        <>
          <ErrorMessage error={update.error} />
          <Button
            variant="secondary"
            className="self-start"
            disabled={update.isPending}
            onClick={() =>
              update.mutate({
                version: dpia.version,
                dpoOpinion: opinion.trim() || null,
                consultationAt: consultationAt || null,
                consultationReference: reference.trim() || null,
              })
            }
          >
            {t('dpia.signOff.saveConsultation')}
          </Button>
          {missing.length > 0 ? (
            <p className="text-sm text-slate-600" data-testid="dpia-missing">
              {t('dpia.detail.missing', { fields: missing.join(', ') })}
            </p>
          ) : null}
          <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-3">
            <Field label={t('dpia.signOff.reviewAt')}>
              {(control) => (
                <Input
                  {...control}
                  type="date"
                  value={reviewAt}
                  onChange={(e) => setReviewAt(e.target.value)}
                  data-testid="dpia-review-at"
                />
              )}
            </Field>
            <Button
              disabled={signOff.isPending}
              data-testid="dpia-sign-off"
              onClick={() =>
                signOff.mutate({
                  version: dpia.version,
                  ...(reviewAt ? { reviewAt } : {}),
                  dpoOpinion: opinion.trim() || null,
                })
              }
            >
              {t('dpia.signOff.submit')}
            </Button>
          </div>
          <ErrorMessage error={signOff.error} />
        </>
      ) : null}
      {dpia.signedOffAt ? (
        <p className="text-sm" data-testid="dpia-signed-off">
          {t('dpia.signOff.signedOff', {
            date: format.dateTime(dpia.signedOffAt),
            name: dpia.signedOffBy ?? '',
            review: format.date(dpia.reviewAt),
          })}
        </p>
      ) : null}
      {dpia.status === 'signed_off' && canDo(user?.role, 'dpia.manage') ? (
        <div className="flex flex-col gap-2">
          <Button
            variant="secondary"
            className="self-start"
            disabled={review.isPending}
            data-testid="dpia-review"
            onClick={() =>
              review.mutate(undefined, {
                onSuccess: (draft) =>
                  void navigate({ to: '/accountability/dpias/$dpiaId', params: { dpiaId: draft.id } }),
              })
            }
          >
            {t('dpia.signOff.review')}
          </Button>
          <ErrorMessage error={review.error} />
        </div>
      ) : null}
    </Step>
  );
}
