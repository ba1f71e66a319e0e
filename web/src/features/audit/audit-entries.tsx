import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { Badge } from '../../components/ui/badge';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { changesOf, useFieldLabel, ValueChanges } from './field-values';

type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';
const ACTION_TONES: Record<string, Tone> = {
  create: 'success',
  update: 'brand',
  erase: 'danger',
  export: 'warning',
  permission_denied: 'danger',
  login_failed: 'warning',
  key_rotation: 'warning',
  settings_change: 'warning',
};

function When({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span className="flex flex-col">
      <time dateTime={entry.at} className="whitespace-nowrap">
        {format.timestamp(entry.at)}
      </time>
      <span className="text-xs text-slate-500" data-testid="audit-seq">
        {t('audit.entry', { seq: entry.seq })}
      </span>
    </span>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (!entry.actor) return <span className="text-slate-500 italic">{t('audit.system')}</span>;
  return <span>{entry.actor.displayName || entry.actor.id.slice(0, 8)}</span>;
}

function Via({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return <span className="text-slate-600">{t(`audit.viaKinds.${entry.via}`)}</span>;
}

function Action({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Badge tone={ACTION_TONES[entry.action] ?? 'neutral'} data-testid="audit-action">
      {t(`audit.actions.${entry.action}` as 'audit.actions.create', { defaultValue: entry.action })}
    </Badge>
  );
}

/** The record the entry is about; contacts link to their page and can narrow the list to them. */
function Subject({ entry, onFilter }: { entry: AuditEntry; onFilter?: (subjectId: string) => void }) {
  const { t } = useTranslation();
  if (!entry.subjectType || !entry.subjectId) return <span className="text-slate-400">–</span>;
  const type = t(`audit.subjectTypes.${entry.subjectType}` as 'audit.subjectTypes.person', {
    defaultValue: entry.subjectType,
  });
  const id = <span className="font-mono text-xs">{entry.subjectId.slice(0, 8)}</span>;
  return (
    <span className="flex flex-col items-start gap-0.5">
      {entry.subjectType === 'person' ? (
        <Link
          to="/persons/$personId"
          params={{ personId: entry.subjectId }}
          className="text-brand-700 hover:underline"
          title={entry.subjectId}
          data-testid="audit-subject-link"
        >
          {type} {id}
        </Link>
      ) : (
        <span title={entry.subjectId}>
          {type} {id}
        </span>
      )}
      {onFilter ? (
        <button
          type="button"
          className="text-left text-xs text-slate-500 hover:text-brand-700 hover:underline"
          onClick={() => onFilter(entry.subjectId!)}
        >
          {t('audit.filterBySubject')}
        </button>
      ) : null}
    </span>
  );
}

function Fields({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  return (
    <span className="flex flex-col gap-1">
      {entry.fields.length ? (
        <span data-testid="audit-fields">{entry.fields.map(label).join(', ')}</span>
      ) : null}
      {entry.note ? (
        <span className="text-xs text-slate-500">
          {t('audit.note')}: {entry.note}
        </span>
      ) : null}
    </span>
  );
}

/** Decrypted old → new values; once the subject's key is shredded only a badge says so. */
function Values({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.valuesState === 'erased')
    return (
      <Badge
        tone="danger"
        className="self-start"
        title={t('audit.erasedHint')}
        data-testid="audit-values-erased"
      >
        {t('audit.erased')}
      </Badge>
    );
  if (entry.valuesState !== 'available' || !entry.values) return null;
  return <ValueChanges changes={changesOf(entry.values)} testId="audit-values" />;
}

type ListProps = {
  entries: AuditEntry[];
  /** The subject the list is filtered to, if any (its entries need no "only this record"). */
  subjectId?: string;
  onFilterSubject: (subjectId: string) => void;
};

/** "Only this record" for entries about another subject than the one filtered to. */
const filterFor = ({ subjectId, onFilterSubject }: ListProps, entry: AuditEntry) =>
  entry.subjectId && entry.subjectId !== subjectId ? onFilterSubject : undefined;

/** Wide screens: one row per entry. */
export function AuditTable(props: ListProps) {
  const { entries } = props;
  const { t } = useTranslation();
  return (
    <Table data-testid="audit-table" className="min-w-[56rem]">
      <THead>
        <tr>
          <Th>{t('audit.time')}</Th>
          <Th>{t('audit.actor')}</Th>
          <Th>{t('audit.via')}</Th>
          <Th>{t('audit.action')}</Th>
          <Th>{t('audit.subject')}</Th>
          <Th>{t('audit.fields')}</Th>
          <Th className="w-1/3">{t('audit.values')}</Th>
        </tr>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <Tr key={entry.seq} data-testid="audit-entry" data-action={entry.action} data-seq={entry.seq}>
            <Td>
              <When entry={entry} />
            </Td>
            <Td>
              <Actor entry={entry} />
            </Td>
            <Td>
              <Via entry={entry} />
            </Td>
            <Td>
              <Action entry={entry} />
            </Td>
            <Td>
              <Subject entry={entry} onFilter={filterFor(props, entry)} />
            </Td>
            <Td className="max-w-64">
              <Fields entry={entry} />
            </Td>
            <Td>
              <Values entry={entry} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** Phones: one card per entry. */
export function AuditCards(props: ListProps) {
  const { entries } = props;
  const { t } = useTranslation();
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="audit-cards">
      {entries.map((entry) => (
        <li
          key={entry.seq}
          className="flex flex-col gap-2 px-4 py-3 text-sm"
          data-testid="audit-entry"
          data-action={entry.action}
          data-seq={entry.seq}
        >
          <div className="flex items-start justify-between gap-2">
            <Action entry={entry} />
            <span className="text-right text-xs">
              <When entry={entry} />
            </span>
          </div>
          <div className="flex flex-wrap gap-x-2">
            <Actor entry={entry} />
            <span aria-hidden="true" className="text-slate-400">
              ·
            </span>
            <Via entry={entry} />
          </div>
          <Subject entry={entry} onFilter={filterFor(props, entry)} />
          {entry.fields.length || entry.note ? (
            <div>
              <span className="sr-only">{t('audit.fields')}: </span>
              <span className="text-slate-600">
                <Fields entry={entry} />
              </span>
            </div>
          ) : null}
          <Values entry={entry} />
        </li>
      ))}
    </ul>
  );
}
