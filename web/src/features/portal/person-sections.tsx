import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { ConsentsSection } from './consents-section';
import { portalApi, portalMeKey } from './portal-client';
import { PortalSection, Row, StatusNote } from './portal-section';
import { RequestsSection } from './requests-section';
import type { PortalAddress, PortalPerson, PortalSource } from './types';
import { useFocusOnMount } from './use-focus-on-mount';

const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interest',
  'public_task',
  'legitimate_interest',
] as const;
type KnownBasis = (typeof LEGAL_BASES)[number] | 'unknown';
const basisKey = (basis: string | null): KnownBasis =>
  (LEGAL_BASES as readonly string[]).includes(basis ?? '') ? (basis as KnownBasis) : 'unknown';

const addressLines = (address: PortalAddress | null) => {
  if (!address) return [];
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.street, cityLine, address.country].filter((line): line is string => Boolean(line));
};

/** Everything about one person: the data, consents, objection, download and requests. */
export function PersonSections({ person, nested }: { person: PortalPerson; nested: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const level = nested ? 3 : 2;
  const name = `${person.firstName} ${person.lastName}`.trim();
  const content = (
    <>
      <DataSection person={person} level={level} />
      <ConsentsSection person={person} level={level} />
      <ObjectionSection person={person} level={level} />
      <ExportSection person={person} level={level} />
      <RequestsSection person={person} level={level} />
    </>
  );
  return (
    <section
      className="flex flex-col gap-4"
      data-testid="portal-person"
      data-person-id={person.id}
      aria-labelledby={nested ? headingId : undefined}
    >
      {nested ? (
        <h2 id={headingId} className="border-b border-slate-300 pb-1 text-xl font-semibold">
          {t('portal.home.personHeading', { name })}
        </h2>
      ) : null}
      {content}
    </section>
  );
}

function SourceText({ source }: { source: PortalSource }) {
  const { t } = useTranslation();
  if (!source) return <span className="text-slate-600">{t('portal.data.empty')}</span>;
  const kind = typeof source === 'string' ? source : (source.kind ?? '');
  const detail = typeof source === 'string' ? null : source.detail;
  const label = kind ? t(`sourceKinds.${kind}` as 'sourceKinds.other', { defaultValue: kind }) : '';
  return (
    <>
      {label}
      {detail ? <span className="text-slate-700"> ({detail})</span> : null}
    </>
  );
}

function DataSection({ person, level }: { person: PortalPerson; level: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  const empty = <span className="text-slate-600">{t('portal.data.empty')}</span>;
  const basis = basisKey(person.legalBasis);
  const lines = addressLines(person.address);
  return (
    <PortalSection title={t('portal.data.heading')} level={level} testId="portal-data">
      <dl className="divide-y divide-slate-100">
        <Row term={t('portal.data.name')} testId="portal-data-name">
          {`${person.firstName} ${person.lastName}`.trim() || empty}
        </Row>
        <Row term={t('portal.data.email')}>{person.email || empty}</Row>
        <Row term={t('portal.data.phone')}>{person.phone || empty}</Row>
        <Row term={t('portal.data.address')}>
          {lines.length > 0
            ? lines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))
            : empty}
        </Row>
        <Row term={t('portal.data.birthDate')}>
          {person.birthDate ? format.date(person.birthDate) : empty}
        </Row>
        <Row term={t('portal.data.purposes')} testId="portal-data-purposes">
          {person.purposes.length > 0 ? (
            <ul className="list-disc pl-5">
              {person.purposes.map((purpose) => (
                <li key={purpose.id}>{purpose.label}</li>
              ))}
            </ul>
          ) : (
            empty
          )}
        </Row>
        <Row term={t('portal.data.legalBasis')} testId="portal-data-legal-basis">
          <span className="block font-medium">{t(`portal.legalBases.${basis}.label`)}</span>
          <span className="block text-sm text-slate-700">{t(`portal.legalBases.${basis}.explain`)}</span>
        </Row>
        <Row term={t('portal.data.source')}>
          <SourceText source={person.source} />
        </Row>
        <Row term={t('portal.data.since')}>
          {person.collectedAt ? format.date(person.collectedAt) : empty}
        </Row>
        <Row term={t('portal.data.restriction')} testId="portal-data-restriction">
          {person.restricted ? t('portal.data.restricted') : t('portal.data.notRestricted')}
        </Row>
        <Row term={t('portal.data.objection')} testId="portal-data-objection">
          {person.marketingObjection ? t('portal.data.objected') : t('portal.data.notObjected')}
        </Row>
      </dl>
    </PortalSection>
  );
}

function ObjectionSection({ person, level }: { person: PortalPerson; level: 2 | 3 }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const object = useMutation({
    mutationFn: () => portalApi.object(person.id),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: portalMeKey });
    },
  });
  const doneRef = useFocusOnMount<HTMLParagraphElement>(object.isSuccess);
  return (
    <PortalSection title={t('portal.objection.heading')} level={level} testId="portal-objection">
      <p className="text-slate-700">{t('portal.objection.intro')}</p>
      {person.marketingObjection ? (
        <StatusNote focusRef={doneRef}>{t('portal.objection.done')}</StatusNote>
      ) : (
        <div>
          <Button variant="secondary" className="w-full sm:w-auto" onClick={() => setConfirming(true)}>
            {t('portal.objection.button')}
          </Button>
        </div>
      )}
      <ErrorMessage error={object.error} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('portal.objection.confirmTitle')}
        description={t('portal.objection.confirmText')}
        confirmLabel={t('portal.objection.confirm')}
        onConfirm={() => object.mutate()}
        pending={object.isPending}
      />
    </PortalSection>
  );
}

function ExportSection({ person, level }: { person: PortalPerson; level: 2 | 3 }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async () => {
      const { blob, fileName } = await portalApi.exportData(person.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? `${person.firstName}-${person.lastName}-data.json`.replace(/\s+/g, '-');
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
  return (
    <PortalSection title={t('portal.export.heading')} level={level} testId="portal-export">
      <p className="text-slate-700">{t('portal.export.intro')}</p>
      <div>
        <Button
          className="w-full sm:w-auto"
          onClick={() => download.mutate()}
          disabled={download.isPending}
          data-testid="portal-download"
        >
          {t('portal.export.button')}
        </Button>
      </div>
      {download.isSuccess ? <StatusNote>{t('portal.export.done')}</StatusNote> : null}
      <ErrorMessage error={download.error} />
    </PortalSection>
  );
}
