import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ErrorMessage } from '../../components/error-message';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/server-errors';
import { requiredText } from '../../lib/validation';
import { useCreateToken } from './api';

const schema = z.object({ name: requiredText(100) });

/** Creates a token and shows its secret exactly once. */
export function CreateTokenForm() {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { name: '' } });
  const submit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (result) => {
        setSecret(result.token);
        setCopied(false);
        form.reset();
      },
      onError: (error) => applyServerErrors(error, form.setError, ['name']),
    }),
  );
  return (
    <>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field label={t('tokens.name')} error={form.formState.errors.name} className="flex-1">
          {(c) => <Input {...c} {...form.register('name')} />}
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={create.isPending} data-testid="token-create">
          {t('tokens.createButton')}
        </Button>
      </form>
      <ErrorMessage error={create.error} className="mt-3" />
      <Dialog
        open={secret !== null}
        onOpenChange={(open) => !open && setSecret(null)}
        title={t('tokens.createdTitle')}
        description={t('tokens.createdText')}
      >
        <code
          className="block rounded bg-slate-100 px-3 py-2 font-mono text-sm break-all"
          data-testid="new-token"
        >
          {secret}
        </code>
        <div className="mt-4 flex justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() =>
              secret &&
              navigator.clipboard?.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('tokens.copied') : t('tokens.copy')}
          </Button>
          <Button onClick={() => setSecret(null)}>{t('common.done')}</Button>
        </div>
      </Dialog>
    </>
  );
}
