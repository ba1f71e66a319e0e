import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/root-routes';
import type { Action } from '../auth/permissions';
import { canDo } from '../auth/permissions';

const guarded = <TPath extends string>(
  path: TPath,
  action: Action,
  load: Parameters<typeof lazyRouteComponent>[0],
  name: string,
) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    beforeLoad: ({ context }) => {
      if (!canDo(context.user.role, action)) throw redirect({ to: '/persons' });
    },
    component: lazyRouteComponent(load, name),
  });

/** The DPO dashboard: the self-check of the live data (Art. 5(2)). */
export const accountabilityRoute = guarded(
  'accountability',
  'self_check.read',
  () => import('../self-check/self-check-page'),
  'SelfCheckPage',
);
/** The deletion concept after DIN 66398: data types, deletion classes, periods, rules per country. */
export const deletionConceptRoute = guarded(
  'accountability/deletion-concept',
  'retention.read',
  () => import('../retention/deletion-concept-page'),
  'DeletionConceptPage',
);
export const legalHoldsRoute = guarded(
  'accountability/legal-holds',
  'legal_holds.manage',
  () => import('../retention/legal-holds-page'),
  'LegalHoldsPage',
);
/** Retention sweeps: the preview, running a sweep, the deletion reports (counts only). */
export const sweepsRoute = guarded(
  'accountability/sweeps',
  'retention.read',
  () => import('../retention-sweeps/sweeps-page'),
  'SweepsPage',
);
/** The record of processing activities (Art. 30(1) and (2)). */
export const ropaRoute = guarded(
  'accountability/ropa',
  'ropa.read',
  () => import('../ropa/ropa-page'),
  'RopaPage',
);
export const ropaActivityRoute = guarded(
  'accountability/ropa/$activityId',
  'ropa.read',
  () => import('../ropa/ropa-activity-page'),
  'RopaActivityPage',
);
/** The system and processor register (data map). */
export const systemsRoute = guarded(
  'accountability/systems',
  'ropa.read',
  () => import('../recipients/systems-page'),
  'SystemsPage',
);
/** Data protection impact assessments (Art. 35). */
export const dpiasRoute = guarded(
  'accountability/dpias',
  'ropa.read',
  () => import('../dpia/dpias-page'),
  'DpiasPage',
);
export const dpiaDetailRoute = guarded(
  'accountability/dpias/$dpiaId',
  'ropa.read',
  () => import('../dpia/dpia-detail-page'),
  'DpiaDetailPage',
);

export const accountabilityRoutes = [
  accountabilityRoute,
  deletionConceptRoute,
  legalHoldsRoute,
  sweepsRoute,
  ropaRoute,
  ropaActivityRoute,
  systemsRoute,
  dpiasRoute,
  dpiaDetailRoute,
];
