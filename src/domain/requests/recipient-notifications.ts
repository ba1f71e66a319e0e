import { AppError } from '../errors.ts';

/** Where an Art. 19 notification of a recipient stands. */
export const NOTIFICATION_STATUSES = ['open', 'sent', 'confirmed', 'impossible'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** The statuses a person may set: told the recipient, the recipient confirmed, or it cannot be done. */
export const NOTIFICATION_RESOLUTIONS = ['sent', 'confirmed', 'impossible'] as const;
export type NotificationResolution = (typeof NOTIFICATION_RESOLUTIONS)[number];

/** Statuses that close the task: it leaves the worklist and cannot change again. */
export const isNotificationClosed = (status: NotificationStatus) =>
  status === 'confirmed' || status === 'impossible';

/**
 * The next state of a notification (Art. 19: each recipient is told unless that proves impossible or
 * involves disproportionate effort, which must be documented):
 * - open → sent | confirmed | impossible; sent → sent (told again) | confirmed | impossible;
 * - confirmed and impossible are final (409 invalid_status_change);
 * - impossible needs the reason as a note (422 validation_failed).
 * `resolvedAt` is set exactly when the new status is final.
 */
export const applyNotificationChange = (
  current: { status: NotificationStatus },
  change: { status: NotificationResolution; note?: string | null },
  now: Date,
): { status: NotificationResolution; resolvedAt: Date | null } => {
  if (isNotificationClosed(current.status))
    throw new AppError('invalid_status_change', { params: { from: current.status, to: change.status } });
  if (change.status === 'impossible' && !change.note?.trim())
    throw new AppError('validation_failed', {
      details: [{ path: 'note', message: 'the reason why the recipient cannot be notified is required' }],
    });
  return {
    status: change.status,
    resolvedAt: isNotificationClosed(change.status) ? now : null,
  };
};

/** Whole days between the creation of a notification and `now` (its age on the worklist). */
export const notificationAgeDays = (createdAt: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000));
