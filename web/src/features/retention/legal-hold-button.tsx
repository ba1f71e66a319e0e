import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { type HoldObjectType, holdsQuery } from './api';
import { HoldForm } from './hold-form';

/**
 * A small "Löschsperre" control for a record's detail page: shows whether a legal hold is in force and
 * places one. Only for roles that manage legal holds (DPO, admin, accounting).
 */
export function LegalHoldButton({ objectType, objectId }: { objectType: HoldObjectType; objectId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = canDo(user?.role, 'legal_holds.manage');
  const [open, setOpen] = useState(false);
  const holds = useQuery({ ...holdsQuery({ objectType, objectId, active: true }), enabled: allowed });
  if (!allowed) return null;
  const active = (holds.data?.items.length ?? 0) > 0;
  return (
    <>
      {active ? (
        <Link to="/accountability/legal-holds" data-testid="legal-hold-active">
          <Badge tone="warning">{t('retention.holds.buttonActive')}</Badge>
        </Link>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="legal-hold-button">
        {t('retention.holds.button')}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('retention.holds.placeTitle')}
        description={t('retention.holds.intro')}
      >
        {open ? <HoldForm object={{ objectType, objectId }} onDone={() => setOpen(false)} /> : null}
      </Dialog>
    </>
  );
}
