import { useTranslation } from 'react-i18next';
import { DetailList } from '../../components/detail-list';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useCurrentUser } from '../auth/session';
import { TwoFactorCard } from './two-factor-card';

export function AccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!user) return null;
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('account.profile')}</CardTitle>
        </CardHeader>
        <CardContent>
          <DetailList
            items={[
              { label: t('users.displayName'), value: user.displayName },
              { label: t('auth.email'), value: user.email },
              { label: t('users.role'), value: t(`roles.${user.role}`) },
              { label: t('users.departments'), value: user.departments.map((d) => d.name).join(', ') },
            ]}
          />
        </CardContent>
      </Card>
      <TwoFactorCard enabled={user.totpEnabled} />
    </div>
  );
}
