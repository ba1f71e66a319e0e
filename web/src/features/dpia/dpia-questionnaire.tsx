import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { type Dpia, QUESTIONS, useUpdateDpia } from './api';

/** A titled card holding one step of the DPIA. */
export function Step({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">{children}</CardContent>
    </Card>
  );
}

/** Art. 35(7)(a) and (b): the guided questionnaire, saved together. */
export function Questionnaire({ dpia, editable }: { dpia: Dpia; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateDpia(dpia.id);
  const [answers, setAnswers] = useState<Record<string, string>>(dpia.answers);
  const steps = [
    { step: 'description', title: t('dpia.detail.stepDescription'), testId: 'dpia-step-description' },
    { step: 'necessity', title: t('dpia.detail.stepNecessity'), testId: 'dpia-step-necessity' },
  ] as const;
  return (
    <>
      {steps.map(({ step, title, testId }) => (
        <Step key={step} title={title} testId={testId}>
          {QUESTIONS.filter((q) => q.step === step).map((q) => (
            <Field key={q.key} label={t(`dpia.questions.${q.key}`)} required={q.required}>
              {(control) => (
                <Textarea
                  {...control}
                  rows={3}
                  readOnly={!editable}
                  value={answers[q.key] ?? ''}
                  onChange={(e) => setAnswers({ ...answers, [q.key]: e.target.value })}
                  data-testid={`dpia-answer-${q.key}`}
                />
              )}
            </Field>
          ))}
          {editable && step === 'necessity' ? (
            <div className="flex flex-col gap-2">
              <ErrorMessage error={update.error} />
              <Button
                className="self-start"
                disabled={update.isPending}
                data-testid="dpia-answers-save"
                onClick={() =>
                  update.mutate({
                    version: dpia.version,
                    answers: Object.fromEntries(QUESTIONS.map((q) => [q.key, (answers[q.key] ?? '').trim()])),
                  })
                }
              >
                {t('dpia.saveAnswers')}
              </Button>
            </div>
          ) : null}
        </Step>
      ))}
    </>
  );
}
