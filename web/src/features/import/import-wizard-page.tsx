import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { Card, CardContent } from '../../components/ui/card';
import {
  type ImportCommit,
  type ImportReport,
  type PersonImport,
  useCommitImport,
  useDryRun,
  useImportSettings,
} from './api';
import { type BatchFacts, StepBatch } from './step-batch';
import { type Mapping, StepMapping } from './step-mapping';
import { StepDryRun, StepResult } from './step-report';
import { StepUpload } from './step-upload';

const STEPS = ['upload', 'mapping', 'batch', 'dryRun', 'result'] as const;
type Step = (typeof STEPS)[number];

const INITIAL_FACTS: BatchFacts = {
  purposes: [],
  legalBasis: '',
  sourceKind: 'import',
  sourceDetail: '',
  personKind: 'prospect',
};

/**
 * The import wizard (issue 8): upload, column mapping with preview and saved mappings, legal basis,
 * purposes and source of the batch, dry run with its report, all-or-nothing commit.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('upload');
  const [batch, setBatch] = useState<PersonImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [saveAs, setSaveAs] = useState('');
  const [facts, setFacts] = useState<BatchFacts>(INITIAL_FACTS);
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [options, setOptions] = useState<ImportCommit>({ excludeInvalidRows: false, duplicates: 'skip' });
  const id = batch?.id ?? '';
  const settings = useImportSettings(id);
  const run = useDryRun(id);
  const commit = useCommitImport(id);

  const restart = () => {
    setStep('upload');
    setBatch(null);
    setMapping({});
    setSaveAs('');
    setFacts(INITIAL_FACTS);
    setDryRun(null);
    setResult(null);
  };
  const uploaded = (b: PersonImport) => {
    setBatch(b);
    setMapping({ ...b.suggestedMapping.mapping });
    setDryRun(null);
    setResult(null);
  };
  const startDryRun = async () => {
    if (!facts.legalBasis) return;
    await settings.mutateAsync({
      mapping,
      personKind: facts.personKind,
      legalBasis: facts.legalBasis,
      purposes: facts.purposes,
      source: { kind: facts.sourceKind, detail: facts.sourceDetail.trim() || null },
      ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}),
    });
    setDryRun(await run.mutateAsync());
    setStep('dryRun');
  };
  const doCommit = () =>
    commit.mutate(options, {
      onSuccess: (report) => {
        setResult(report);
        setStep('result');
      },
    });

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('importWizard.title')} />
      <ol className="flex flex-wrap gap-2 text-sm" aria-label={t('importWizard.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className={`rounded-full px-3 py-1 ${s === step ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700'}`}
          >
            {i + 1}. {t(`importWizard.steps.${s}`)}
          </li>
        ))}
      </ol>
      <Card>
        <CardContent>
          {step === 'upload' ? (
            <StepUpload batch={batch} onUploaded={uploaded} onNext={() => setStep('mapping')} />
          ) : null}
          {step === 'mapping' && batch ? (
            <StepMapping
              batch={batch}
              mapping={mapping}
              onMapping={setMapping}
              saveAs={saveAs}
              onSaveAs={setSaveAs}
              onBack={() => setStep('upload')}
              onNext={() => setStep('batch')}
            />
          ) : null}
          {step === 'batch' ? (
            <StepBatch
              facts={facts}
              onFacts={setFacts}
              pending={settings.isPending || run.isPending}
              error={settings.error ?? run.error}
              onBack={() => setStep('mapping')}
              onNext={() => void startDryRun().catch(() => undefined)}
            />
          ) : null}
          {step === 'dryRun' && dryRun ? (
            <StepDryRun
              report={dryRun}
              options={options}
              onOptions={setOptions}
              pending={commit.isPending}
              error={commit.error}
              onBack={() => setStep('batch')}
              onCommit={doCommit}
            />
          ) : null}
          {step === 'result' && result ? <StepResult report={result} onRestart={restart} /> : null}
        </CardContent>
      </Card>
    </div>
  );
}
