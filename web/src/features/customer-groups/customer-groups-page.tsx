import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import {
  type CustomerGroup,
  customerGroupsQuery,
  useCreateCustomerGroup,
  useRenameCustomerGroup,
} from './api';

/** Settings: the customer groups revenue is reported by (administrators and accounting). */
export function CustomerGroupsPage() {
  const { t } = useTranslation();
  const groups = useQuery(customerGroupsQuery);
  const create = useCreateCustomerGroup();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('billing.groups.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">{t('billing.groups.intro')}</p>
        {groups.isPending ? <Loading /> : null}
        <ErrorMessage error={groups.error} />
        <ul className="flex flex-col divide-y divide-slate-100" data-testid="customer-groups">
          {groups.data?.items.map((group) => (
            <GroupRow key={group.id} group={group} />
          ))}
        </ul>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <Field label={t('billing.groups.new')} className="min-w-56 flex-1">
            {(c) => (
              <Input
                {...c}
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.target.value)}
                data-testid="group-name"
              />
            )}
          </Field>
          <Button type="submit" disabled={create.isPending || !name.trim()} data-testid="group-add">
            {t('billing.groups.add')}
          </Button>
        </form>
        <ErrorMessage error={create.error} />
      </CardContent>
    </Card>
  );
}

function GroupRow({ group }: { group: CustomerGroup }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rename = useRenameCustomerGroup();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  if (editing)
    return (
      <li className="py-2">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate({ id: group.id, name: name.trim() }, { onSuccess: () => setEditing(false) });
          }}
        >
          <Field label={t('billing.groups.name')} className="min-w-56 flex-1">
            {(c) => (
              <Input
                {...c}
                value={name}
                maxLength={100}
                autoFocus
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={rename.isPending || !name.trim()}>
            {t('common.save')}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </form>
        <ErrorMessage error={rename.error} className="mt-2" />
      </li>
    );
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>
        <span className="font-medium">{group.name}</span>
        <span className="ml-2 text-xs text-slate-500">
          {t('billing.groups.organizations', {
            count: group.organizationCount,
            formatted: format.number(group.organizationCount),
          })}
        </span>
      </span>
      <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
        {t('billing.groups.rename')}
      </Button>
    </li>
  );
}
