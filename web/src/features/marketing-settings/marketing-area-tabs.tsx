import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { MarketingTabs } from '../campaigns/marketing-tabs';
import { MarketingNav } from './marketing-nav';

/** The whole marketing area's tabs for roles that see campaigns; the administration tabs for others (DPO). */
export function MarketingAreaTabs() {
  const role = useCurrentUser()?.role;
  return canDo(role, 'marketing.read') ? <MarketingTabs /> : <MarketingNav />;
}
