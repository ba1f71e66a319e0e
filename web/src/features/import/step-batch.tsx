import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { allowedLegalBases, useCatalogue } from '../privacy/catalogue';
import type { ImportSettings as Settings } from './api';

export type BatchFacts = {
  purposes: string[];
  legalBasis: Settings['legalBasis'] | '';
  sourceKind: Settings['source']['kind'];
  sourceDetail: string;
  personKind: NonNullable<Settings['personKind']>;
};

const SOURCE_KINDS: Settings['source']['kind'][] = [
  'import',
  'event',
  'business_card',
  'referral',
  'public_source',
  'web_form',
  'employee',
  'phone',
  'email',
  'api',
  'data_subject',
];

/** Step 3: legal basis, purposes and source of the whole batch (provenance). */
export function StepBatch({
  facts,
  onFacts,
  pending,
  error,
  onBack,
  onNext,
}: {
  facts: BatchFacts;
  onFacts: (facts: BatchFacts) => void;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const { catalogue, purposeLabel, legalBasisLabel, sourceKindLabel } = useCatalogue();
  const bases = allowedLegalBases(catalogue, facts.purposes);
  const set = (patch: Partial<BatchFacts>) => onFacts({ ...facts, ...patch });
  return (
    <div className="flex flex-col gap-4">
      <CheckboxGroup
        legend={t('importWizard.batch.purposes')}
        options={(catalogue?.purposes ?? []).map((p) => ({ value: p.id, label: purposeLabel(p.id) }))}
        value={facts.purposes}
        onChange={(purposes) => set({ purposes })}
        required
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('importWizard.batch.legalBasis')}>
          {(props) => (
            <Select
              {...props}
              data-testid="import-legal-basis"
              value={facts.legalBasis}
              onChange={(e) => set({ legalBasis: e.target.value as BatchFacts['legalBasis'] })}
            >
              <option value="">—</option>
              {bases.map((b) => (
                <option key={b.id} value={b.id}>
                  {legalBasisLabel(b.id)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('importWizard.batch.personKind')}>
          {(props) => (
            <Select
              {...props}
              data-testid="import-person-kind"
              value={facts.personKind}
              onChange={(e) => set({ personKind: e.target.value as BatchFacts['personKind'] })}
            >
              {(['prospect', 'customer', 'contact_person'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`personKinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('importWizard.batch.source')}>
          {(props) => (
            <Select
              {...props}
              data-testid="import-source-kind"
              value={facts.sourceKind}
              onChange={(e) => set({ sourceKind: e.target.value as BatchFacts['sourceKind'] })}
            >
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {sourceKindLabel(k)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('importWizard.batch.sourceDetail')}>
          {(props) => (
            <Input
              {...props}
              data-testid="import-source-detail"
              value={facts.sourceDetail}
              maxLength={500}
              onChange={(e) => set({ sourceDetail: e.target.value })}
            />
          )}
        </Field>
      </div>
      <p className="text-xs text-slate-500">{t('importWizard.batch.provenance')}</p>
      <ErrorMessage error={error} />
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          {t('importWizard.back')}
        </Button>
        <Button
          onClick={onNext}
          disabled={pending || facts.purposes.length === 0 || !facts.legalBasis}
          data-testid="import-dry-run"
        >
          {t('importWizard.batch.dryRun')}
        </Button>
      </div>
    </div>
  );
}
