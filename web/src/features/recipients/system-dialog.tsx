import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { useCatalogue } from '../privacy/catalogue';
import { RECIPIENT_KINDS } from './api';
import { useDataCategories } from './category-label';
import {
  LOCATIONS,
  SCC_MODULES,
  type SystemEntry,
  type SystemInput,
  TRANSFER_MECHANISMS,
  useSaveSystem,
} from './systems-api';

type Form = Omit<SystemInput, 'subjectGroups'> & { subjectGroups: string };

const formOf = (entry: SystemEntry | null): Form => ({
  name: entry?.name ?? '',
  kind: entry?.kind ?? 'processor',
  country: entry?.country ?? '',
  contact: entry?.contact ?? '',
  notes: entry?.notes ?? '',
  location: entry?.location ?? null,
  purposes: entry?.purposes ?? [],
  dataCategories: entry?.dataCategories ?? [],
  subjectGroups: (entry?.subjectGroups ?? []).join(', '),
  transferMechanism: entry?.transferMechanism ?? null,
  sccModule: entry?.sccModule ?? null,
  tiaDate: entry?.tiaDate ?? '',
  dpfCheckedOn: entry?.dpfCheckedOn ?? '',
  transferNote: entry?.transferNote ?? '',
  avvSignedOn: entry?.avvSignedOn ?? '',
  toms: entry?.toms ?? '',
  subProcessors: entry?.subProcessors ?? '',
});

const orNull = (value: string | null) => (value?.trim() ? value.trim() : null);

/** Create or edit a register entry; shows the server's 422 messages (e.g. a mechanism that does not fit). */
export function SystemDialog({
  entry,
  open,
  onOpenChange,
}: {
  entry: SystemEntry | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const { catalogue, purposeLabel } = useCatalogue();
  const categories = useDataCategories();
  const save = useSaveSystem();
  const [form, setForm] = useState<Form>(() => formOf(entry));
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const mechanism = form.transferMechanism;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SystemInput = {
      name: form.name.trim(),
      kind: form.kind,
      country: orNull(form.country)?.toUpperCase() ?? null,
      contact: orNull(form.contact),
      notes: orNull(form.notes),
      location: form.location,
      purposes: form.purposes,
      dataCategories: form.dataCategories,
      subjectGroups: form.subjectGroups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
      transferMechanism: mechanism,
      sccModule: mechanism === 'scc' ? form.sccModule : null,
      tiaDate: mechanism === 'scc' || mechanism === 'bcr' ? orNull(form.tiaDate) : null,
      dpfCheckedOn: mechanism === 'dpf' ? orNull(form.dpfCheckedOn) : null,
      transferNote: orNull(form.transferNote),
      avvSignedOn: orNull(form.avvSignedOn),
      toms: orNull(form.toms),
      subProcessors: orNull(form.subProcessors),
    };
    save.mutate({ id: entry?.id ?? null, body }, { onSuccess: () => onOpenChange(false) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={entry ? t('systems.edit') : t('systems.new')}>
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="system-form">
        <div className="flex max-h-[65vh] flex-col gap-3 overflow-y-auto pr-1">
          <Field label={t('systems.fields.name')} required>
            {(c) => (
              <Input
                {...c}
                value={form.name}
                maxLength={200}
                required
                onChange={(e) => set('name', e.target.value)}
              />
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('systems.fields.kind')} required>
              {(c) => (
                <Select
                  {...c}
                  value={form.kind}
                  onChange={(e) => set('kind', e.target.value as Form['kind'])}
                >
                  {RECIPIENT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`recipients.kinds.${k}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('systems.fields.location')}>
              {(c) => (
                <Select
                  {...c}
                  value={form.location ?? ''}
                  onChange={(e) => set('location', (e.target.value || null) as Form['location'])}
                >
                  <option value="">{t('systems.fields.none')}</option>
                  {LOCATIONS.map((l) => (
                    <option key={l} value={l}>
                      {t(`systems.location.${l}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('systems.fields.country')}>
              {(c) => (
                <Input
                  {...c}
                  value={form.country ?? ''}
                  maxLength={2}
                  onChange={(e) => set('country', e.target.value.toUpperCase())}
                />
              )}
            </Field>
            <Field label={t('systems.fields.contact')}>
              {(c) => (
                <Input
                  {...c}
                  value={form.contact ?? ''}
                  maxLength={500}
                  onChange={(e) => set('contact', e.target.value)}
                />
              )}
            </Field>
          </div>
          <CheckboxGroup
            legend={t('systems.fields.purposes')}
            options={(catalogue?.purposes ?? []).map((p) => ({ value: p.id, label: purposeLabel(p.id) }))}
            value={form.purposes}
            onChange={(v) => set('purposes', v)}
          />
          <CheckboxGroup
            legend={t('systems.fields.dataCategories')}
            options={categories.categories.map((c) => ({ value: c.id, label: categories.label(c.id) }))}
            value={form.dataCategories}
            onChange={(v) => set('dataCategories', v)}
          />
          <Field label={t('systems.fields.subjectGroups')}>
            {(c) => (
              <Input
                {...c}
                value={form.subjectGroups}
                onChange={(e) => set('subjectGroups', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('systems.fields.transferMechanism')}
            hint={t('systems.fields.transferMechanismHint')}
          >
            {(c) => (
              <Select
                {...c}
                value={mechanism ?? ''}
                onChange={(e) =>
                  set('transferMechanism', (e.target.value || null) as Form['transferMechanism'])
                }
              >
                <option value="">{t('systems.fields.none')}</option>
                {TRANSFER_MECHANISMS.map((m) => (
                  <option key={m} value={m}>
                    {t(`systems.mechanisms.${m}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {mechanism === 'scc' ? (
            <Field label={t('systems.fields.sccModule')}>
              {(c) => (
                <Select
                  {...c}
                  value={form.sccModule ?? ''}
                  onChange={(e) => set('sccModule', (e.target.value || null) as Form['sccModule'])}
                >
                  <option value="">{t('systems.fields.none')}</option>
                  {SCC_MODULES.map((m) => (
                    <option key={m} value={m}>
                      {t(`systems.sccModules.${m}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          {mechanism === 'scc' || mechanism === 'bcr' ? (
            <Field label={t('systems.fields.tiaDate')}>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={form.tiaDate ?? ''}
                  onChange={(e) => set('tiaDate', e.target.value)}
                />
              )}
            </Field>
          ) : null}
          {mechanism === 'dpf' ? (
            <Field label={t('systems.fields.dpfCheckedOn')}>
              {(c) => (
                <Input
                  {...c}
                  type="date"
                  value={form.dpfCheckedOn ?? ''}
                  onChange={(e) => set('dpfCheckedOn', e.target.value)}
                />
              )}
            </Field>
          ) : null}
          {mechanism ? (
            <Field label={t('systems.fields.transferNote')}>
              {(c) => (
                <Textarea
                  {...c}
                  rows={2}
                  maxLength={2000}
                  value={form.transferNote ?? ''}
                  onChange={(e) => set('transferNote', e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <Field label={t('systems.fields.avvSignedOn')}>
            {(c) => (
              <Input
                {...c}
                type="date"
                value={form.avvSignedOn ?? ''}
                onChange={(e) => set('avvSignedOn', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('systems.fields.toms')}>
            {(c) => (
              <Textarea
                {...c}
                rows={3}
                maxLength={8000}
                value={form.toms ?? ''}
                onChange={(e) => set('toms', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('systems.fields.subProcessors')}>
            {(c) => (
              <Textarea
                {...c}
                rows={2}
                maxLength={4000}
                value={form.subProcessors ?? ''}
                onChange={(e) => set('subProcessors', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('systems.fields.notes')}>
            {(c) => (
              <Textarea
                {...c}
                rows={2}
                maxLength={4000}
                value={form.notes ?? ''}
                onChange={(e) => set('notes', e.target.value)}
              />
            )}
          </Field>
        </div>
        <ErrorMessage error={save.error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
            {t('systems.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={save.isPending || form.name.trim() === ''}
            data-testid="system-save"
          >
            {t('systems.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
