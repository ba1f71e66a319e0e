import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { usersQuery } from './api';
import { DepartmentsCard } from './departments-card';
import { UserCreateForm } from './user-create-form';
import { UserEditDialog } from './user-edit-dialog';

/** Administration: users with their roles and departments, and the departments themselves. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery(usersQuery);
  const [editing, setEditing] = useState<User | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('users.title')}</CardTitle>
        </CardHeader>
        <ErrorMessage error={users.error} className="m-3" />
        <Table data-testid="users-table">
          <THead>
            <tr>
              <Th>{t('users.displayName')}</Th>
              <Th>{t('auth.email')}</Th>
              <Th>{t('users.role')}</Th>
              <Th>{t('users.departments')}</Th>
              <Th>{t('users.status')}</Th>
              <Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {users.data?.items.map((user) => (
              <Tr key={user.id} data-testid="user-row">
                <Td className="font-medium">{user.displayName}</Td>
                <Td>{user.email}</Td>
                <Td>{t(`roles.${user.role}`)}</Td>
                <Td>{user.departments.map((d) => d.name).join(', ')}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {user.disabled ? (
                      <Badge tone="danger">{t('users.disabled')}</Badge>
                    ) : (
                      <Badge tone="success">{t('users.active')}</Badge>
                    )}
                    {user.totpEnabled ? <Badge tone="brand">2FA</Badge> : null}
                  </div>
                </Td>
                <Td className="text-right">
                  <Button variant="secondary" size="sm" onClick={() => setEditing(user)}>
                    {t('common.edit')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('users.create')}</CardTitle>
        </CardHeader>
        <CardContent>
          <UserCreateForm />
        </CardContent>
      </Card>
      <DepartmentsCard />
      {editing ? <UserEditDialog user={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
