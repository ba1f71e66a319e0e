import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { tokensQuery, useRevokeToken } from './api';
import { CreateTokenForm } from './create-token-form';

/** Personal API tokens: create (shown once), list, revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useQuery(tokensQuery);
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('tokens.create')}</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="mb-3 text-sm text-slate-600">{t('tokens.intro')}</p>
          <CreateTokenForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('tokens.title')}</CardTitle>
        </CardHeader>
        <ErrorMessage error={tokens.error ?? revoke.error} className="m-3" />
        <Table data-testid="tokens-table">
          <THead>
            <tr>
              <Th>{t('tokens.name')}</Th>
              <Th>{t('tokens.prefix')}</Th>
              <Th>{t('common.createdAt')}</Th>
              <Th>{t('tokens.lastUsedAt')}</Th>
              <Th>{t('tokens.status')}</Th>
              <Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {tokens.data?.items.length === 0 ? (
              <tr>
                <Td colSpan={6} className="py-6 text-center text-slate-500">
                  {t('tokens.empty')}
                </Td>
              </tr>
            ) : null}
            {tokens.data?.items.map((token) => (
              <Tr key={token.id} data-testid="token-row">
                <Td className="font-medium">{token.name}</Td>
                <Td>
                  <code className="text-xs">{token.prefix}…</code>
                </Td>
                <Td>{format.dateTime(token.createdAt)}</Td>
                <Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')}</Td>
                <Td>
                  {token.revokedAt ? (
                    <Badge tone="danger">{t('tokens.revoked')}</Badge>
                  ) : (
                    <Badge tone="success">{t('tokens.active')}</Badge>
                  )}
                </Td>
                <Td className="text-right">
                  {token.revokedAt ? null : (
                    <Button variant="secondary" size="sm" onClick={() => setRevoking(token)}>
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('tokens.revokeTitle')}
        description={t('tokens.revokeText', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      />
    </div>
  );
}
