import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { useFormat } from '../../lib/format';
import { InteractionForm } from '../persons/interaction-form';
import { AccountCard, Empty } from './account-card';
import type { AccountTimeline } from './api';

/**
 * The last contacts, newest first. On a person's account with write access to communication, "log a
 * call" opens the interaction form (the one of the contact page) right in the card.
 */
export function TimelineCard({
  timeline,
  personId,
  canLog,
  showPerson,
  onLogged,
}: {
  timeline: AccountTimeline;
  /** The person whose calls can be logged here (absent on an organisation account). */
  personId?: string;
  canLog: boolean;
  /** Name the person of each contact (organisation account). */
  showPerson?: boolean;
  onLogged?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [logging, setLogging] = useState(false);
  const formArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // keyboard users land in the form they just opened
    if (logging) formArea.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, [logging]);
  const action =
    personId && canLog ? (
      <Button
        variant={logging ? 'secondary' : 'primary'}
        size="sm"
        aria-expanded={logging}
        aria-controls="account-log-call"
        onClick={() => setLogging((open) => !open)}
        data-testid="log-call"
      >
        {logging ? t('customerAccount.timeline.hideForm') : t('customerAccount.timeline.logCall')}
      </Button>
    ) : null;
  return (
    <AccountCard title={t('customerAccount.sections.timeline')} actions={action} testId="account-timeline">
      {personId && logging ? (
        <div
          id="account-log-call"
          ref={formArea}
          className="rounded-md border border-slate-200 bg-slate-50 p-3"
        >
          <InteractionForm
            personId={personId}
            onSaved={() => {
              setLogging(false);
              onLogged?.();
            }}
          />
        </div>
      ) : null}
      {timeline.items.length === 0 ? (
        <Empty>{t('customerAccount.timeline.empty')}</Empty>
      ) : (
        <ol
          className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4"
          data-testid="account-interactions"
        >
          {timeline.items.map((item) => (
            <li key={item.id} className="relative" data-testid="account-interaction">
              <span
                aria-hidden="true"
                className="absolute top-1.5 -left-[1.4rem] size-3 rounded-full bg-brand-600"
              />
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge tone="brand">{t(`interactionKinds.${item.kind}`)}</Badge>
                {item.direction ? <span>{t(`interactionDirections.${item.direction}`)}</span> : null}
                <time dateTime={item.occurredAt}>{format.dateTime(item.occurredAt)}</time>
                {item.employee ? <span>· {item.employee.displayName}</span> : null}
              </div>
              {showPerson ? (
                <Link
                  to="/persons/$personId/account"
                  params={{ personId: item.person.id }}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  {item.person.firstName} {item.person.lastName}
                </Link>
              ) : null}
              <p className="font-medium">{item.subject}</p>
              {item.body ? (
                <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{item.body}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {timeline.total > timeline.items.length ? (
        <p className="text-xs text-slate-500">
          {t(
            timeline.totalCapped
              ? 'customerAccount.timeline.shownOfMore'
              : 'customerAccount.timeline.shownOf',
            {
              shown: timeline.items.length,
              total: timeline.total,
            },
          )}
          {personId ? (
            <>
              {' · '}
              <Link to="/persons/$personId" params={{ personId }} className="text-brand-700 hover:underline">
                {t('customerAccount.timeline.allOnPerson')}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {showPerson && timeline.items.length ? (
        <p className="text-xs text-slate-500">{t('customerAccount.timeline.contentOnPerson')}</p>
      ) : null}
    </AccountCard>
  );
}
