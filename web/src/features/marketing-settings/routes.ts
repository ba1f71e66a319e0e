import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import { canDo } from '../auth/permissions';
import { MAIL_KINDS, MAIL_STATUSES, type MailKind, type MailStatus } from '../consent/types';

/** /settings/marketing: sender, mail templates (marketing.read) and consent wordings (also the DPO). */
export const marketingSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/marketing',
  beforeLoad: ({ context }) => {
    const role = context.user.role;
    if (!canDo(role, 'marketing.read') && !canDo(role, 'consent_wordings.manage'))
      throw redirect({ to: '/settings/account' });
  },
  component: lazyRouteComponent(() => import('./marketing-settings-page'), 'MarketingSettingsPage'),
});

export const marketingFormsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/forms',
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'marketing.read')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./forms-page'), 'FormsPage'),
});

type OutboxSearch = { kind?: MailKind; status?: MailStatus; mail?: string };

export const marketingOutboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'marketing/outbox',
  validateSearch: (search: Record<string, unknown>): OutboxSearch => ({
    ...(MAIL_KINDS.includes(search.kind as MailKind) ? { kind: search.kind as MailKind } : {}),
    ...(MAIL_STATUSES.includes(search.status as MailStatus) ? { status: search.status as MailStatus } : {}),
    ...(typeof search.mail === 'string' ? { mail: search.mail } : {}),
  }),
  beforeLoad: ({ context }) => {
    if (!canDo(context.user.role, 'outbox.read')) throw redirect({ to: '/persons' });
  },
  component: lazyRouteComponent(() => import('./outbox-page'), 'OutboxPage'),
});

export const marketingAdminRoutes = [marketingSettingsRoute, marketingFormsRoute, marketingOutboxRoute];
