import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { ROLES } from '../auth/permissions';
import { departmentsQuery } from '../departments/api';
import { useUpdateUser } from './api';

/** Changes a user's role, departments, or disables the account. */
export function UserEditDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const departments = useQuery(departmentsQuery);
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [departmentIds, setDepartmentIds] = useState(user.departments.map((d) => d.id));
  const [disabled, setDisabled] = useState(user.disabled);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('users.editTitle', { name: user.displayName })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ id: user.id, role, departmentIds, disabled }, { onSuccess: onClose });
        }}
      >
        <Field label={t('users.role')}>
          {(c) => (
            <Select {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <CheckboxGroup
          legend={t('users.departments')}
          value={departmentIds}
          onChange={setDepartmentIds}
          emptyText={t('departments.none')}
          options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-700"
            checked={disabled}
            onChange={(e) => setDisabled(e.target.checked)}
          />
          {t('users.disableAccount')}
        </label>
        <ErrorMessage error={update.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={update.isPending} data-testid="user-save">
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
