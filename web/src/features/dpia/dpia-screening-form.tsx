import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';
import { MANUAL_GROUPS, type PurposeScreening, useSaveScreening } from './api';

/** The DPO's screening of one purpose: Art. 35(3) cases, DSK list items, WP248 criteria, reasoning. */
export function ScreeningForm({ screening, onDone }: { screening: PurposeScreening; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveScreening();
  const [criteria, setCriteria] = useState<string[]>(screening.criteria);
  type Criteria = PurposeScreening['criteria'];
  const [note, setNote] = useState(screening.note ?? '');
  const label = i18n.language.startsWith('en') ? screening.labelEn : screening.labelDe;
  const options = (keys: readonly string[]) =>
    keys.map((key) => ({ value: key, label: t(`dpia.criteria.${key}` as 'dpia.criteria.dsk_ai') }));
  return (
    <Card className="mb-4" data-testid="dpia-screening-form">
      <CardHeader>
        <CardTitle>{t('dpia.screeningTitle', { purpose: label })}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {screening.auto.length > 0 ? (
          <div className="text-sm">
            <p className="mb-1 font-medium">{t('dpia.screeningAuto')}</p>
            <div className="flex flex-wrap gap-1">
              {screening.auto.map((a) => (
                <Badge key={a.key} tone="warning">
                  {t(`dpia.criteria.${a.key}` as 'dpia.criteria.dsk_ai')} ({a.count})
                </Badge>
              ))}
            </div>
          </div>
        ) : null}
        {(['art35', 'dsk', 'wp248'] as const).map((group) => (
          <CheckboxGroup
            key={group}
            legend={t(`dpia.groups.${group}`)}
            options={options(MANUAL_GROUPS[group])}
            value={criteria}
            onChange={setCriteria}
          />
        ))}
        <Field label={t('dpia.note')}>
          {(control) => (
            <Textarea {...control} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={save.error} />
        <div className="flex gap-2">
          <Button
            disabled={save.isPending}
            data-testid="dpia-screening-save"
            onClick={() =>
              save.mutate(
                {
                  purposeId: screening.purposeId,
                  criteria: criteria as Criteria,
                  note: note.trim() || null,
                  ...(screening.screeningVersion ? { version: screening.screeningVersion } : {}),
                },
                { onSuccess: onDone },
              )
            }
          >
            {t('dpia.save')}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            {t('dpia.cancel')}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
