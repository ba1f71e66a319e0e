import { type ChangeEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button, buttonClass } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { useCatalogue } from '../privacy/catalogue';
import { useDataCategories } from './category-label';
import { avvUrl, type SystemEntry, useArchiveSystem, useUploadAvv, VIOLATIONS } from './systems-api';

/** One entry of the data map: badges for third country, mechanism and what is missing; AVV up/download. */
export function SystemCard({
  entry,
  canManage,
  onEdit,
}: {
  entry: SystemEntry;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { purposeLabel } = useCatalogue();
  const categories = useDataCategories();
  const upload = useUploadAvv();
  const archive = useArchiveSystem();
  const fileInput = useRef<HTMLInputElement>(null);
  const a = entry.assessment;
  const archived = entry.archivedAt !== null;

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) upload.mutate({ id: entry.id, file });
    event.target.value = '';
  };

  const transfer = a.thirdCountry
    ? [
        a.effectiveMechanism ? t(`systems.mechanisms.${a.effectiveMechanism}`) : null,
        entry.sccModule ? t(`systems.sccModules.${entry.sccModule}`) : null,
        a.adequacy && (a.effectiveMechanism === 'adequacy' || a.effectiveMechanism === 'dpf')
          ? a.adequacy.reference
          : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : null;

  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm"
      data-testid="system-entry"
      data-archived={archived ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={archived ? 'font-medium text-slate-500' : 'font-medium'} data-testid="system-name">
          {entry.name}
        </span>
        <Badge tone="brand">{t(`recipients.kinds.${entry.kind}`)}</Badge>
        {entry.country ? <Badge>{entry.country}</Badge> : null}
        {a.thirdCountry ? (
          <Badge tone="warning" data-testid="system-third-country">
            {t('systems.badges.thirdCountry')}
          </Badge>
        ) : null}
        {a.effectiveMechanism ? (
          <Badge tone="success" data-testid="system-mechanism">
            {a.mechanismImplied
              ? t('systems.badges.implied')
              : t(`systems.mechanisms.${a.effectiveMechanism}`)}
          </Badge>
        ) : null}
        {entry.avvSignedOn ? (
          <Badge tone="success">
            {t('systems.badges.avvSigned', { date: format.date(entry.avvSignedOn) })}
          </Badge>
        ) : null}
        {archived ? <Badge>{t('recipients.archived')}</Badge> : null}
      </div>
      {a.warnings.length > 0 && !archived ? (
        <ul className="flex flex-wrap gap-2" aria-label={t('systems.title')} data-testid="system-warnings">
          {a.warnings.map((w) => (
            <li key={w}>
              <Badge tone={VIOLATIONS.includes(w) ? 'danger' : 'warning'} data-testid={`system-warning-${w}`}>
                {t(`systems.warnings.${w}`)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {entry.purposes.length ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.purposes')}</dt>
            <dd>{entry.purposes.map(purposeLabel).join(', ')}</dd>
          </>
        ) : null}
        {entry.dataCategories.length ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.categories')}</dt>
            <dd>{entry.dataCategories.map(categories.label).join(', ')}</dd>
          </>
        ) : null}
        {entry.subjectGroups.length ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.groups')}</dt>
            <dd>{entry.subjectGroups.join(', ')}</dd>
          </>
        ) : null}
        {transfer ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.transfer')}</dt>
            <dd data-testid="system-transfer">{transfer}</dd>
          </>
        ) : null}
        {entry.toms ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.toms')}</dt>
            <dd className="whitespace-pre-line">{entry.toms}</dd>
          </>
        ) : null}
        {entry.subProcessors ? (
          <>
            <dt className="text-slate-500">{t('systems.detail.subProcessors')}</dt>
            <dd className="whitespace-pre-line">{entry.subProcessors}</dd>
          </>
        ) : null}
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        {entry.avvDocument ? (
          <a
            href={avvUrl(entry.id)}
            className={buttonClass('secondary', 'sm')}
            data-testid="system-avv-download"
            download={entry.avvDocument.fileName}
          >
            {t('systems.avv.download')} ({entry.avvDocument.fileName})
          </a>
        ) : null}
        {canManage && !archived ? (
          <>
            <label className={buttonClass('secondary', 'sm')}>
              {entry.avvDocument ? t('systems.avv.replace') : t('systems.avv.upload')}
              <input
                ref={fileInput}
                type="file"
                accept="application/pdf,.pdf"
                className="sr-only"
                onChange={onFile}
                data-testid="system-avv-file"
              />
            </label>
            <Button size="sm" variant="ghost" onClick={onEdit} data-testid="system-edit">
              {t('systems.edit')}
            </Button>
          </>
        ) : null}
        {canManage ? (
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto"
            disabled={archive.isPending}
            onClick={() => archive.mutate({ id: entry.id, archived: !archived })}
          >
            {archived ? t('systems.restore') : t('systems.archive')}
          </Button>
        ) : null}
      </div>
      {upload.isSuccess && entry.avvDocument ? (
        <p role="status" className="text-xs text-emerald-800">
          {t('systems.avv.uploaded', { name: entry.avvDocument.fileName })}
        </p>
      ) : null}
      <ErrorMessage error={upload.error ?? archive.error} />
    </li>
  );
}
