import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { requestNotificationsQuery, useUpdateNotification } from './api';
import type { RecipientNotification } from './types';

const statusTone = { open: 'warning', sent: 'brand', confirmed: 'success', impossible: 'neutral' } as const;

/** One Art. 19 notification with its status controls (also used by the DPO's worklist). */
export function NotificationRow({
  item,
  requestId,
  canManage,
  children,
}: {
  item: RecipientNotification;
  requestId: string;
  canManage: boolean;
  /** Extra facts shown after the recipient (the worklist adds the request and the age). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateNotification(requestId);
  const [note, setNote] = useState(item.note ?? '');
  const resolved = item.status === 'confirmed' || item.status === 'impossible';
  const name = item.recipient.name;
  const set = (status: 'sent' | 'confirmed' | 'impossible') =>
    update.mutate({ id: item.id, status, ...(note.trim() ? { note: note.trim() } : {}) });
  return (
    <li className="flex flex-col gap-2 py-2 text-sm" data-testid="notification" data-status={item.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        {children}
        <Badge>{t(`requests.notifications.actions.${item.action}`)}</Badge>
        <Badge tone={statusTone[item.status]} data-testid="notification-status">
          {t(`requests.notifications.statuses.${item.status}`)}
        </Badge>
        {item.categories?.length ? (
          <span className="text-slate-500">{item.categories.join(', ')}</span>
        ) : null}
        {item.resolvedAt ? <span className="text-slate-500">{format.date(item.resolvedAt)}</span> : null}
      </div>
      {resolved && item.note ? <p className="text-slate-700">{item.note}</p> : null}
      {canManage && !resolved ? (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            className="h-8 min-w-48 flex-1"
            value={note}
            maxLength={2000}
            placeholder={t('requests.notifications.note')}
            aria-label={t('requests.notifications.note')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="notification-note"
          />
          {item.status === 'open' ? (
            <Button size="sm" variant="secondary" disabled={update.isPending} onClick={() => set('sent')}>
              {t('requests.notifications.markSent')}
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="secondary"
            disabled={update.isPending}
            onClick={() => set('confirmed')}
            data-testid="notification-confirmed"
          >
            {t('requests.notifications.markConfirmed')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={update.isPending || !note.trim()}
            title={note.trim() ? undefined : t('requests.notifications.noteRequired')}
            onClick={() => set('impossible')}
          >
            {t('requests.notifications.markImpossible')}
          </Button>
        </div>
      ) : null}
      <ErrorMessage error={update.error} />
    </li>
  );
}

/** Art. 19: each recipient told of a rectification, erasure or restriction, tracked until done. */
export function NotificationsCard({ requestId, canManage }: { requestId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const list = useQuery(requestNotificationsQuery(requestId));
  const items = list.data?.items ?? [];
  return (
    <Card aria-labelledby="notifications-title" data-testid="notifications-card">
      <CardHeader>
        <CardTitle id="notifications-title">{t('requests.notifications.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ErrorMessage error={list.error} />
        {list.data && items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('requests.notifications.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <NotificationRow key={item.id} item={item} requestId={requestId} canManage={canManage} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
