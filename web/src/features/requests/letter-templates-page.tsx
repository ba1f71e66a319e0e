import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { Table, TBody, Td, THead, Th, Tr } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { letterTemplatesQuery, useResetTemplate, useSaveTemplate } from './api';
import type { LetterTemplate } from './types';

function TemplateEditor({
  template,
  placeholders,
  onClose,
}: {
  template: LetterTemplate;
  placeholders: readonly string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveTemplate();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={t('requests.templates.editTitle', {
        kind: t(`requests.letters.kinds.${template.kind}`),
        locale: t(`requests.locales.${template.locale}`),
      })}
      description={t('requests.templates.placeholders', {
        list: placeholders.map((p) => `{{${p}}}`).join(', '),
        interpolation: { escapeValue: false, skipOnVariables: true },
      })}
    >
      <form
        className="flex flex-col gap-3"
        data-testid="template-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { kind: template.kind, locale: template.locale, subject: subject.trim(), body: body.trim() },
            { onSuccess: onClose },
          );
        }}
      >
        <Field label={t('requests.templates.subject')} required>
          {(c) => (
            <Input
              {...c}
              value={subject}
              maxLength={300}
              onChange={(e) => setSubject(e.target.value)}
              data-testid="template-subject"
            />
          )}
        </Field>
        <Field label={t('requests.templates.body')} required>
          {(c) => (
            <Textarea
              {...c}
              rows={14}
              className="font-mono text-xs"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              data-testid="template-body"
            />
          )}
        </Field>
        <ErrorMessage error={save.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={save.isPending || !subject.trim() || !body.trim()}
            data-testid="template-save"
          >
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The DPO's letter templates: every kind in German and English, editable, resettable to the default. */
export function LetterTemplatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery(letterTemplatesQuery());
  const reset = useResetTemplate();
  const [editing, setEditing] = useState<LetterTemplate | null>(null);
  const [resetting, setResetting] = useState<LetterTemplate | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('requests.templates.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 px-0">
        <Table data-testid="template-list">
          <THead>
            <tr>
              <Th>{t('requests.templates.kind')}</Th>
              <Th>{t('requests.templates.locale')}</Th>
              <Th>{t('requests.templates.subject')}</Th>
              <Th>{t('requests.templates.state')}</Th>
              <Th>
                <span className="sr-only">{t('common.actions')}</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {list.data.items.map((tpl) => (
              <Tr
                key={`${tpl.kind}-${tpl.locale}`}
                data-testid="template-row"
                data-kind={tpl.kind}
                data-locale={tpl.locale}
              >
                <Td className="font-medium">{t(`requests.letters.kinds.${tpl.kind}`)}</Td>
                <Td>{tpl.locale.toUpperCase()}</Td>
                <Td className="max-w-xs truncate">{tpl.subject}</Td>
                <Td>
                  {tpl.isDefault ? (
                    <Badge>{t('requests.templates.default')}</Badge>
                  ) : (
                    <Badge tone="brand" title={format.dateTime(tpl.updatedAt)}>
                      {t('requests.templates.custom')}
                    </Badge>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setEditing(tpl)}
                    data-testid="template-edit"
                  >
                    {t('requests.templates.edit')}
                  </Button>{' '}
                  {tpl.isDefault ? null : (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setResetting(tpl)}
                      data-testid="template-reset"
                    >
                      {t('requests.templates.reset')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <ErrorMessage error={reset.error} className="mx-4" />
      </CardContent>
      {editing ? (
        <TemplateEditor
          template={editing}
          placeholders={list.data.placeholders}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={resetting !== null}
        onOpenChange={(open) => {
          if (!open) setResetting(null);
        }}
        title={t('requests.templates.resetTitle')}
        description={t('requests.templates.resetDescription')}
        confirmLabel={t('requests.templates.reset')}
        pending={reset.isPending}
        onConfirm={() => {
          if (resetting)
            reset.mutate(
              { kind: resetting.kind, locale: resetting.locale },
              { onSuccess: () => setResetting(null) },
            );
        }}
      />
    </Card>
  );
}
