import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Button } from '../../components/ui/button';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import {
  compareQuery,
  dismissSuggestion,
  type MergeCompare,
  type MergeField,
  type MergeSide,
  mergePersons,
} from './api';

const route = getRouteApi('/_app/duplicates/merge');

type Person = MergeCompare['survivor'];

/** A field's value as shown side by side; undefined = the role may not read it. */
const fieldValue = (
  p: Person,
  field: MergeField,
  kindLabel: (kind: string) => string,
): string | undefined => {
  switch (field) {
    case 'kind':
      return kindLabel(p.kind);
    case 'address':
      if (p.address === undefined) return undefined;
      return p.address
        ? [
            p.address.street,
            [p.address.postalCode, p.address.city].filter(Boolean).join(' '),
            p.address.country,
          ]
            .filter(Boolean)
            .join(', ')
        : '';
    case 'organization':
      return p.organization?.name ?? '';
    default: {
      const v = (p as Record<string, unknown>)[field];
      return v === undefined ? undefined : v == null ? '' : String(v);
    }
  }
};

/**
 * Both records side by side, one radio per field preselected by the survivorship defaults; the merge
 * happens only after the user confirms. The second record is removed; its history, consents and
 * provenance stay with the first.
 */
export function MergePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { survivorId, mergedId } = route.useSearch();
  const compare = useQuery(compareQuery({ survivorId, mergedId }));
  const [choices, setChoices] = useState<Partial<Record<MergeField, MergeSide>>>({});
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (compare.data) setChoices(compare.data.defaults);
  }, [compare.data]);
  const merge = useMutation({
    mutationFn: () => {
      const data = compare.data!;
      return mergePersons({
        survivorId,
        mergedId,
        survivorVersion: data.survivor.version,
        mergedVersion: data.merged.version,
        fields: choices,
      });
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      await navigate({ to: '/persons/$personId', params: { personId: result.person.id } });
    },
  });
  const dismiss = useMutation({
    mutationFn: () => dismissSuggestion(compare.data!.suggestionId!),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      await navigate({ to: '/duplicates' });
    },
  });
  if (compare.isPending) return <Loading />;
  if (compare.isError) return <ErrorMessage error={compare.error} />;
  const { survivor, merged, fields } = compare.data;
  const name = (p: Person) => [p.firstName, p.lastName].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-4">
      <Link to="/duplicates" className="text-sm text-brand-700 hover:underline">
        ← {t('duplicates.backToList')}
      </Link>
      <PageHeader
        title={t('duplicates.mergeTitle')}
        actions={
          <>
            <Link
              to="/duplicates/merge"
              search={{ survivorId: mergedId, mergedId: survivorId }}
              className="text-sm text-brand-700 hover:underline"
              data-testid="merge-swap"
            >
              {t('duplicates.swap')}
            </Link>
            {compare.data.suggestionId ? (
              <Button variant="secondary" onClick={() => dismiss.mutate()} data-testid="merge-dismiss">
                {t('duplicates.dismiss')}
              </Button>
            ) : null}
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid="merge-button">
              {t('duplicates.merge')}
            </Button>
          </>
        }
      />
      <p className="max-w-3xl text-sm text-slate-600">{t('duplicates.mergeIntro')}</p>
      <ErrorMessage error={merge.error ?? dismiss.error} />
      <Table>
        <THead>
          <Tr>
            <Th>{t('duplicates.field')}</Th>
            <Th>
              {t('duplicates.keeps')}: {name(survivor)}
            </Th>
            <Th>
              {t('duplicates.removed')}: {name(merged)}
            </Th>
          </Tr>
        </THead>
        <TBody>
          {fields.map((field) => {
            const kindLabel = (kind: string) => t(`personKinds.${kind}` as never) as string;
            const values = {
              survivor: fieldValue(survivor, field, kindLabel),
              merged: fieldValue(merged, field, kindLabel),
            };
            return (
              <Tr key={field} data-testid={`merge-field-${field}`}>
                <Td className="font-medium">{t(`duplicates.fields.${field}`)}</Td>
                {(['survivor', 'merged'] as const).map((side) => (
                  <Td key={side}>
                    <label className="flex items-start gap-2">
                      <input
                        type="radio"
                        name={`merge-${field}`}
                        value={side}
                        checked={choices[field] === side}
                        onChange={() => setChoices((c) => ({ ...c, [field]: side }))}
                        data-testid={`merge-${field}-${side}`}
                      />
                      <span className="break-words">
                        {values[side] === undefined
                          ? t('common.noAccess')
                          : values[side] === ''
                            ? '—'
                            : values[side]}
                      </span>
                    </label>
                  </Td>
                ))}
              </Tr>
            );
          })}
          <Tr>
            <Td className="font-medium">{t('duplicates.united')}</Td>
            <Td colSpan={2} className="text-sm text-slate-600">
              {t('duplicates.unitedText')}
            </Td>
          </Tr>
        </TBody>
      </Table>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('duplicates.confirmTitle')}
        description={t('duplicates.confirmText', { keep: name(survivor), remove: name(merged) })}
        confirmLabel={t('duplicates.merge')}
        pending={merge.isPending}
        onConfirm={() => {
          setConfirming(false);
          merge.mutate();
        }}
      />
    </div>
  );
}
