import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { requestSettingsQuery, useSaveRequestSettings } from './api';
import { STATES, type State } from './types';

/** The Bundesland whose public holidays move request deadlines (Art. 12(3) counted as authorities do). */
export function RequestSettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const settings = useQuery(requestSettingsQuery());
  const save = useSaveRequestSettings();
  const canEdit = canDo(user?.role, 'requests.manage');
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorMessage error={settings.error} />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('requests.settings.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex max-w-md flex-col gap-3">
        <Field label={t('requests.settings.state')} hint={t('requests.settings.stateHint')}>
          {(c) => (
            <Select
              {...c}
              value={settings.data.state ?? ''}
              disabled={!canEdit || save.isPending}
              onChange={(e) => save.mutate({ state: (e.target.value || null) as State | null })}
              data-testid="request-state"
            >
              <option value="">{t('requests.settings.nationwide')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`requests.states.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {save.isSuccess ? (
          <p className="text-sm text-emerald-800" role="status">
            {t('requests.settings.saved')}
          </p>
        ) : null}
        <ErrorMessage error={save.error} />
      </CardContent>
    </Card>
  );
}
