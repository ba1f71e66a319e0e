import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { type RopaSettings, useSaveSettings } from './api';

const FIELDS = [
  ['controllerName', 'input'],
  ['controllerAddress', 'textarea'],
  ['controllerContact', 'textarea'],
  ['jointControllers', 'textarea'],
  ['representative', 'textarea'],
  ['dpoName', 'input'],
  ['dpoContact', 'textarea'],
  ['toms', 'textarea'],
] as const;
type SettingsField = (typeof FIELDS)[number][0];

const toForm = (s: RopaSettings) =>
  Object.fromEntries(FIELDS.map(([key]) => [key, s[key] ?? ''])) as Record<SettingsField, string>;

/** The controller's details (Art. 30(1)(a)) and the general measures (Art. 32): one form per tenant. */
export function RopaSettingsCard({ settings, canEdit }: { settings: RopaSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const [form, setForm] = useState(() => toForm(settings));
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(toForm(settings)), [settings]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      {
        version: settings.version,
        ...(Object.fromEntries(FIELDS.map(([key]) => [key, form[key].trim() || null])) as Record<
          SettingsField,
          string | null
        >),
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Card aria-labelledby="ropa-settings-title" className="mb-4" data-testid="ropa-settings">
      <CardHeader>
        <CardTitle id="ropa-settings-title">{t('ropa.settings.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 md:grid-cols-2" data-testid="ropa-settings-form">
          {FIELDS.map(([key, kind]) => (
            <Field
              key={key}
              label={t(`ropa.settings.${key}`)}
              className={kind === 'textarea' && key === 'toms' ? 'md:col-span-2' : undefined}
            >
              {(control) =>
                kind === 'input' ? (
                  <Input
                    {...control}
                    value={form[key]}
                    disabled={!canEdit}
                    onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                  />
                ) : (
                  <Textarea
                    {...control}
                    rows={key === 'toms' ? 4 : 2}
                    value={form[key]}
                    disabled={!canEdit}
                    onChange={(e) => setForm({ ...form, [key]: e.target.value })}
                  />
                )
              }
            </Field>
          ))}
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-3 md:col-span-2">
              <Button type="submit" disabled={save.isPending} data-testid="ropa-settings-save">
                {t('ropa.settings.save')}
              </Button>
              {saved ? (
                <p role="status" className="text-sm text-emerald-800">
                  {t('ropa.settings.saved')}
                </p>
              ) : null}
              <ErrorMessage error={save.error} />
            </div>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
