import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { fieldLocksQuery, useLiftRestriction, useLockField, useUnlockField } from './api';
import { LOCKABLE_FIELDS, type LockableField, type PersonRights } from './types';

/** The subject-rights fields of a person (restriction, objection, locks), empty when the API has none. */
export const rightsOf = (person: Person): Required<PersonRights> => {
  const p = person as Person & PersonRights;
  return {
    restriction: p.restriction ?? null,
    marketingObjectionAt: p.marketingObjectionAt ?? null,
    lockedFields: p.lockedFields ?? [],
  };
};

const useFieldLabel = () => {
  const { t, i18n } = useTranslation();
  return (field: string) => {
    const key = `requests.fields.${field}`;
    return i18n.exists(key) ? t(key as 'requests.fields.email') : field;
  };
};

/**
 * Art. 18 banner (why the person cannot be edited), the marketing objection (Art. 21) and the
 * fields the person refused. Nothing when none applies.
 */
export function PersonRightsBanner({ person, canManage }: { person: Person; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldLabel = useFieldLabel();
  const lift = useLiftRestriction(person.id);
  const [confirm, setConfirm] = useState(false);
  const { restriction, marketingObjectionAt, lockedFields } = rightsOf(person);
  if (!restriction && !marketingObjectionAt && lockedFields.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {restriction ? (
        <div
          role="status"
          className="flex flex-wrap items-start justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="person-restricted"
        >
          <div>
            <p className="font-semibold">
              {t('requests.person.restricted')}{' '}
              <span className="font-normal">
                {t('requests.person.restrictedSince', { date: format.date(restriction.at) })}
              </span>
            </p>
            {restriction.reason ? (
              <p data-testid="person-restriction-reason">
                {t('requests.person.restrictedReason', { reason: restriction.reason })}
              </p>
            ) : null}
          </div>
          {canManage ? (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setConfirm(true)}
              data-testid="lift-restriction"
            >
              {t('requests.person.liftRestriction')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {marketingObjectionAt ? (
        <div
          role="status"
          className="rounded-md border border-slate-300 bg-slate-50 px-4 py-2 text-sm text-slate-800"
          data-testid="person-objection"
        >
          {t('requests.person.objection', { date: format.date(marketingObjectionAt) })}
        </div>
      ) : null}
      {lockedFields.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="person-locked-fields">
          <span className="text-slate-600" title={t('requests.person.lockedHint')}>
            {t('requests.person.locked')}:
          </span>
          {lockedFields.map((f) => (
            <Badge key={f} tone="warning">
              🔒 {fieldLabel(f)}
            </Badge>
          ))}
        </div>
      ) : null}
      <ErrorMessage error={lift.error} />
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t('requests.person.liftTitle')}
        description={t('requests.person.liftDescription')}
        confirmLabel={t('requests.person.liftRestriction')}
        pending={lift.isPending}
        onConfirm={() => lift.mutate(undefined, { onSuccess: () => setConfirm(false) })}
      />
    </div>
  );
}

/** For the DPO: lock a field the person refused, or unlock it again. */
export function FieldLocksCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const locks = useQuery(fieldLocksQuery(person.id));
  const lock = useLockField(person.id);
  const unlock = useUnlockField(person.id);
  const items = locks.data?.items ?? rightsOf(person).lockedFields.map((field) => ({ field, reason: null }));
  const lockedNames = new Set<string>(items.map((l) => l.field));
  const free = (locks.data?.lockable ?? LOCKABLE_FIELDS).filter((f) => !lockedNames.has(f));
  const [field, setField] = useState<LockableField | ''>('');
  const [reason, setReason] = useState('');
  const chosen = field && !lockedNames.has(field) ? field : (free[0] ?? '');
  return (
    <Card aria-labelledby="field-locks-title" data-testid="field-locks-card">
      <CardHeader>
        <CardTitle id="field-locks-title">{t('requests.person.locksTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-xs text-slate-500">{t('requests.person.lockedHint')}</p>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('requests.person.noLocks')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((l) => (
              <li
                key={l.field}
                className="flex flex-wrap items-center gap-2 py-1 text-sm"
                data-testid="field-lock"
              >
                <span className="font-medium">🔒 {fieldLabel(l.field)}</span>
                {l.reason ? <span className="text-slate-600">{l.reason}</span> : null}
                <Button
                  size="sm"
                  variant="ghost"
                  className="ml-auto"
                  disabled={unlock.isPending}
                  onClick={() => unlock.mutate(l.field as LockableField)}
                >
                  {t('requests.person.unlock')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {free.length > 0 ? (
          <form
            className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              if (!chosen) return;
              lock.mutate(
                { field: chosen, ...(reason.trim() ? { reason: reason.trim() } : {}) },
                {
                  onSuccess: () => {
                    setReason('');
                    setField('');
                  },
                },
              );
            }}
          >
            <Field label={t('requests.person.lockField')}>
              {(c) => (
                <Select
                  {...c}
                  value={chosen}
                  onChange={(e) => setField(e.target.value as LockableField)}
                  data-testid="lock-field"
                >
                  {free.map((f) => (
                    <option key={f} value={f}>
                      {fieldLabel(f)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('requests.person.lockReason')}>
              {(c) => (
                <Input {...c} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
              )}
            </Field>
            <Button type="submit" variant="secondary" disabled={lock.isPending} data-testid="lock-submit">
              {t('requests.person.lock')}
            </Button>
          </form>
        ) : null}
        <ErrorMessage error={lock.error ?? unlock.error} />
      </CardContent>
    </Card>
  );
}
