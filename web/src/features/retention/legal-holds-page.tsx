import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { useFormat } from '../../lib/format';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { holdsQuery, type LegalHold, useReleaseHold } from './api';
import { HoldForm } from './hold-form';

/** The record a hold is on: persons and invoices link to their page. */
function HeldObject({ hold }: { hold: LegalHold }) {
  const { t } = useTranslation();
  const label = hold.objectLabel ?? hold.objectId.slice(0, 8);
  const kind = t(`retention.holds.objectTypes.${hold.objectType}`);
  if (hold.objectType === 'person')
    return (
      <Link
        to="/persons/$personId"
        params={{ personId: hold.objectId }}
        className="text-brand-700 hover:underline"
      >
        {kind}: {label}
      </Link>
    );
  return (
    <span>
      {kind}: {label}
    </span>
  );
}

function HoldTable({ holds, onRelease }: { holds: LegalHold[]; onRelease?: (hold: LegalHold) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (holds.length === 0) return <p className="py-2 text-sm text-slate-600">{t('retention.holds.empty')}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
          <tr>
            {(['object', 'reason', 'reference', 'until', 'placed', 'released'] as const).map((c) => (
              <th key={c} scope="col" className="py-2 pr-3">
                {t(`retention.holds.columns.${c}`)}
              </th>
            ))}
            {onRelease ? <th scope="col" className="py-2" /> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {holds.map((h) => (
            <tr key={h.id} data-testid="legal-hold-row">
              <td className="py-2 pr-3" data-testid="legal-hold-object">
                <HeldObject hold={h} />
              </td>
              <td className="py-2 pr-3">{t(`retention.holds.reasons.${h.reason}`)}</td>
              <td className="py-2 pr-3">{h.reference ?? ''}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {h.until ? format.date(h.until) : t('retention.holds.openEnded')}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {format.dateTime(h.placedAt)}
                {h.placedBy ? <span className="block text-xs text-slate-500">{h.placedBy.name}</span> : null}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {h.releasedAt ? format.dateTime(h.releasedAt) : ''}
                {h.releasedBy ? (
                  <span className="block text-xs text-slate-500">{h.releasedBy.name}</span>
                ) : null}
              </td>
              {onRelease ? (
                <td className="py-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => onRelease(h)}
                    data-testid="legal-hold-release"
                  >
                    {t('retention.holds.release')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Legal holds: the holds in force and the released or expired ones; place and release. */
export function LegalHoldsPage() {
  const { t } = useTranslation();
  const active = useQuery(holdsQuery({ active: true }));
  const past = useQuery(holdsQuery({ active: false }));
  const release = useReleaseHold();
  const [placing, setPlacing] = useState(false);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  return (
    <div>
      <PageHeader
        title={t('retention.holds.title')}
        actions={
          <Button onClick={() => setPlacing(true)} data-testid="legal-hold-place">
            {t('retention.holds.place')}
          </Button>
        }
      />
      <AccountabilityTabs />
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t('retention.holds.intro')}</p>
      <ErrorMessage error={release.error} />
      <Card className="mb-4">
        <CardHeader>
          <CardTitle>{t('retention.holds.active')}</CardTitle>
        </CardHeader>
        <CardContent data-testid="legal-holds-active">
          {active.isPending ? <Loading /> : null}
          <ErrorMessage error={active.error} />
          {active.data ? <HoldTable holds={active.data.items} onRelease={setReleasing} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('retention.holds.released')}</CardTitle>
        </CardHeader>
        <CardContent data-testid="legal-holds-released">
          {past.isPending ? <Loading /> : null}
          <ErrorMessage error={past.error} />
          {past.data ? <HoldTable holds={past.data.items} /> : null}
        </CardContent>
      </Card>
      <Dialog
        open={placing}
        onOpenChange={setPlacing}
        title={t('retention.holds.placeTitle')}
        description={t('retention.holds.intro')}
      >
        {placing ? <HoldForm onDone={() => setPlacing(false)} /> : null}
      </Dialog>
      <ConfirmDialog
        open={releasing !== null}
        onOpenChange={(open) => (open ? null : setReleasing(null))}
        title={t('retention.holds.releaseTitle')}
        description={t('retention.holds.releaseText')}
        confirmLabel={t('retention.holds.release')}
        pending={release.isPending}
        onConfirm={() => {
          if (releasing) release.mutate(releasing.id, { onSettled: () => setReleasing(null) });
        }}
      />
    </div>
  );
}
