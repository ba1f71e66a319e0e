import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useCatalogue } from '../privacy/catalogue';
import { webFormsQuery } from './api';
import { WebFormEditor } from './web-form-editor';

/** /web-forms: the public web forms with their new submissions; marketing defines new ones. */
export function WebFormsPage() {
  const { t } = useTranslation();
  const role = useCurrentUser()?.role;
  const canManage = canDo(role, 'webforms.manage');
  const query = useQuery(webFormsQuery());
  const { purposeLabel } = useCatalogue();
  const [creating, setCreating] = useState(false);
  const items = query.data?.items ?? [];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t('webForms.title')}
        actions={
          canManage && !creating ? (
            <Button onClick={() => setCreating(true)} data-testid="web-form-new">
              {t('webForms.new')}
            </Button>
          ) : null
        }
      />
      <p className="text-sm text-slate-600">{t('webForms.intro')}</p>
      {creating ? <WebFormEditor onDone={() => setCreating(false)} /> : null}
      <Card>
        <CardContent>
          {query.isPending ? <Loading /> : null}
          <ErrorMessage error={query.error} />
          {query.data && items.length === 0 ? (
            <p className="py-4 text-sm text-slate-600">{t('webForms.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="web-form-list">
              {items.map((form) => (
                <li
                  key={form.id}
                  className="flex flex-wrap items-center gap-2 py-3 text-sm"
                  data-testid="web-form-row"
                >
                  <Link
                    to="/web-forms/$id"
                    params={{ id: form.id }}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {form.name}
                  </Link>
                  <Badge>{t(`webForms.kinds.${form.kind}`)}</Badge>
                  <Badge tone="brand">{purposeLabel(form.purposeId)}</Badge>
                  <Badge tone={form.active ? 'success' : 'neutral'}>
                    {form.active ? t('webForms.active') : t('webForms.inactive')}
                  </Badge>
                  <span className="ml-auto text-slate-600" data-testid="web-form-new-count">
                    {t('webForms.newCount', { count: form.submissions.new })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
