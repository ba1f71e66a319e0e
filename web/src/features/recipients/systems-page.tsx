import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { AccountabilityTabs } from '../accountability/accountability-tabs';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { SystemCard } from './system-card';
import { SystemDialog } from './system-dialog';
import { LOCATIONS, type SystemEntry, systemRegisterQuery } from './systems-api';

const GROUPS = [...LOCATIONS, 'none'] as const;

/**
 * The system and processor register (data map): every place personal data lives, grouped by where,
 * with badges for third countries, the transfer mechanism and a missing AVV (Art. 28, 30, 44 ff.).
 */
export function SystemsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = canDo(user?.role, 'recipients.manage');
  const [showArchived, setShowArchived] = useState(false);
  // the entry in the dialog: null a new one, undefined no dialog
  const [editing, setEditing] = useState<SystemEntry | null | undefined>(undefined);
  const register = useQuery(systemRegisterQuery(showArchived));
  const items = register.data?.items ?? [];
  const counts = register.data?.counts;
  const clean = counts && counts.processorWithoutAvv === 0 && counts.transferWithoutMechanism === 0;

  return (
    <div>
      <PageHeader
        title={t('systems.title')}
        actions={
          canManage ? (
            <Button onClick={() => setEditing(null)} data-testid="system-new">
              {t('systems.new')}
            </Button>
          ) : null
        }
      />
      <AccountabilityTabs />
      <div className="flex flex-col gap-4">
        <p className="max-w-3xl text-sm text-slate-600">{t('systems.intro')}</p>
        {canManage ? null : <p className="text-sm text-slate-600">{t('systems.readOnly')}</p>}
        {counts ? (
          <div
            className={`rounded-md border px-3 py-2 text-sm ${clean ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-900'}`}
            data-testid="systems-summary"
            data-state={clean ? 'ok' : 'violations'}
          >
            {clean ? (
              t('systems.summary.ok')
            ) : (
              <ul>
                {counts.processorWithoutAvv > 0 ? (
                  <li>{t('systems.summary.avv', { count: counts.processorWithoutAvv })}</li>
                ) : null}
                {counts.transferWithoutMechanism > 0 ? (
                  <li>{t('systems.summary.transfer', { count: counts.transferWithoutMechanism })}</li>
                ) : null}
              </ul>
            )}
          </div>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-700"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          {t('systems.showArchived')}
        </label>
        {register.isPending ? <Loading /> : null}
        <ErrorMessage error={register.error} />
        {register.data && items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('systems.empty')}</p>
        ) : null}
        {GROUPS.map((group) => {
          const entries = items.filter((i) => (i.location ?? 'none') === group);
          if (entries.length === 0) return null;
          return (
            <Card
              key={group}
              aria-labelledby={`systems-group-${group}`}
              data-testid={`systems-group-${group}`}
            >
              <CardHeader>
                <CardTitle id={`systems-group-${group}`}>{t(`systems.locations.${group}`)}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-3">
                  {entries.map((entry) => (
                    <SystemCard
                      key={entry.id}
                      entry={entry}
                      canManage={canManage}
                      onEdit={() => setEditing(entry)}
                    />
                  ))}
                </ul>
              </CardContent>
            </Card>
          );
        })}
        {register.data ? (
          <details className="text-sm text-slate-600">
            <summary className="cursor-pointer">{t('systems.adequacyTitle')}</summary>
            <ul className="mt-2 flex flex-col gap-1">
              {register.data.adequacyDecisions.map((d) => (
                <li key={d.country}>
                  {d.country} – {d.name}: {d.reference}
                  {d.scopeNote ? ` (${d.scopeNote})` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {editing !== undefined ? (
        <SystemDialog
          key={editing?.id ?? 'new'}
          entry={editing}
          open
          onOpenChange={(open) => {
            if (!open) setEditing(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
