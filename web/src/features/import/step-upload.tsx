import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { type PersonImport, useUploadImport } from './api';

/** Step 1: the file by drag and drop or the file picker; the server tells format, encoding, delimiter. */
export function StepUpload({
  batch,
  onUploaded,
  onNext,
}: {
  batch: PersonImport | null;
  onUploaded: (batch: PersonImport) => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [over, setOver] = useState(false);
  const send = (file: File | undefined) => {
    if (file) upload.mutate(file, { onSuccess: onUploaded });
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    send(event.dataTransfer.files[0]);
  };
  const delimiter = batch?.delimiter === '\t' ? 'Tab' : batch?.delimiter;
  return (
    <div className="flex flex-col gap-4">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={`flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-10 text-center text-sm ${over ? 'border-brand-500 bg-brand-50' : 'border-slate-300'}`}
        data-testid="import-dropzone"
      >
        <span className="font-medium text-slate-800">{t('importWizard.upload.drop')}</span>
        <span className="text-slate-600">{t('importWizard.upload.formats')}</span>
        <input
          type="file"
          className="sr-only"
          accept=".csv,.txt,.xlsx,.vcf,text/csv,text/vcard"
          data-testid="import-file"
          onChange={(e) => send(e.target.files?.[0])}
        />
      </label>
      {upload.isPending ? <p className="text-sm text-slate-600">{t('importWizard.upload.reading')}</p> : null}
      <ErrorMessage error={upload.error} />
      {batch ? (
        <div className="flex flex-col gap-2" data-testid="import-file-facts">
          <p className="text-sm font-medium text-slate-900">{batch.fileName}</p>
          <div className="flex flex-wrap gap-2 text-sm">
            <Badge tone="brand">{batch.format.toUpperCase()}</Badge>
            {batch.encoding ? <Badge data-testid="import-encoding">{batch.encoding}</Badge> : null}
            {delimiter ? (
              <Badge data-testid="import-delimiter">
                {t('importWizard.upload.delimiter', { delimiter })}
              </Badge>
            ) : null}
            <Badge>{t('importWizard.upload.rows', { count: batch.rowCount })}</Badge>
          </div>
          {batch.findings.length > 0 ? (
            <ul className="list-disc pl-5 text-sm text-amber-800" data-testid="import-findings">
              {Object.entries(batch.findingCounts).map(([kind, count]) => (
                <li key={kind}>
                  {t(`importWizard.findings.${kind}` as 'importWizard.findings.no_rows', {
                    defaultValue: kind,
                  })}
                  : {count}
                </li>
              ))}
            </ul>
          ) : null}
          <div>
            <Button onClick={onNext} data-testid="import-next">
              {t('importWizard.next')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
