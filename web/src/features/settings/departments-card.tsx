import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { departmentsQuery, useCreateDepartment } from '../departments/api';

/** Departments scope which records a user sees (logical data separation). */
export function DepartmentsCard() {
  const { t } = useTranslation();
  const departments = useQuery(departmentsQuery);
  const create = useCreateDepartment();
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('departments.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">{t('departments.intro')}</p>
        {departments.data?.items.length ? (
          <ul className="flex flex-wrap gap-2" data-testid="departments">
            {departments.data.items.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-200 px-3 py-1 text-sm">
                {d.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t('departments.none')}</p>
        )}
        <form
          noValidate
          className="flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = name.trim();
            const ok = trimmed.length > 0 && trimmed.length <= 100;
            setInvalid(!ok);
            if (ok) create.mutate({ name: trimmed }, { onSuccess: () => setName('') });
          }}
        >
          <Field
            label={t('departments.name')}
            className="flex-1"
            error={invalid ? { message: 'validation.required' } : undefined}
          >
            {(c) => <Input {...c} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Button
            type="submit"
            className="sm:mt-6"
            disabled={create.isPending}
            data-testid="department-create"
          >
            {t('departments.add')}
          </Button>
        </form>
        <ErrorMessage error={create.error} />
      </CardContent>
    </Card>
  );
}
