import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken, unwrap } from '../api/client';
import { Button } from '../components/ui/button';
import { sessionKey, useCurrentUser } from '../features/auth/session';

const itemClass = 'block cursor-pointer rounded px-3 py-2 text-sm outline-none data-highlighted:bg-slate-100';

/** The user's name with a menu: account settings and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
      void navigate({ to: '/login' });
    },
  });
  if (!user) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" size="sm" data-testid="user-menu" aria-label={t('nav.userMenu')}>
          <span
            aria-hidden="true"
            className="flex size-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700"
          >
            {user.displayName.slice(0, 1).toUpperCase()}
          </span>
          <span className="hidden max-w-40 truncate sm:inline">{user.displayName}</span>
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          <div className="px-3 py-2 text-sm">
            <p className="font-medium">{user.displayName}</p>
            <p className="truncate text-slate-500">{user.email}</p>
            <p className="text-xs text-slate-500">{t(`roles.${user.role}`)}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/settings/account">{t('nav.myAccount')}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={itemClass} onSelect={() => logout.mutate()} data-testid="logout">
            {t('nav.logout')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
