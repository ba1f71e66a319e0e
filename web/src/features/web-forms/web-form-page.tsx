import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { canDo } from '../auth/permissions';
import { useCurrentUser } from '../auth/session';
import { useCatalogue } from '../privacy/catalogue';
import {
  snippetQuery,
  submissionQuery,
  submissionsQuery,
  useDecideSubmission,
  useUpdateWebForm,
  webFormQuery,
} from './api';

const route = getRouteApi('/_app/web-forms/$id');

/** /web-forms/$id: the form's link and snippet (webforms.manage) and its inbox (webforms.inbox). */
export function WebFormPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const role = useCurrentUser()?.role;
  const form = useQuery(webFormQuery(id));
  const update = useUpdateWebForm();
  const { purposeLabel, legalBasisLabel } = useCatalogue();
  if (form.isPending) return <Loading />;
  if (!form.data) return <ErrorMessage error={form.error} />;
  const f = form.data;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={f.name}
        actions={
          canDo(role, 'webforms.manage') ? (
            <Button
              variant="secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ id: f.id, active: !f.active })}
              data-testid="web-form-toggle"
            >
              {f.active ? t('webForms.deactivate') : t('webForms.activate')}
            </Button>
          ) : null
        }
      />
      <Link to="/web-forms" className="text-sm text-brand-700 hover:underline">
        {t('webForms.back')}
      </Link>
      <p className="flex flex-wrap gap-2 text-sm">
        <Badge>{t(`webForms.kinds.${f.kind}`)}</Badge>
        <Badge tone="brand">{purposeLabel(f.purposeId)}</Badge>
        <Badge>{legalBasisLabel(f.legalBasis)}</Badge>
        <Badge>{t('webForms.retention', { count: f.retentionDays })}</Badge>
        <a
          href={f.hostedUrl}
          target="_blank"
          rel="noreferrer"
          className="text-brand-700 hover:underline"
          data-testid="web-form-hosted-link"
        >
          {f.hostedUrl}
        </a>
      </p>
      <ErrorMessage error={update.error} />
      {canDo(role, 'webforms.manage') ? <SnippetCard id={f.id} /> : null}
      {canDo(role, 'webforms.inbox') ? <Inbox formId={f.id} /> : null}
    </div>
  );
}

function CopyBox({ label, text, testId }: { label: string; text: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <span className="text-sm font-medium">{label}</span>
        <Button
          size="sm"
          variant="ghost"
          data-testid={`${testId}-copy`}
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('webForms.copied') : t('webForms.copy')}
        </Button>
      </div>
      <Textarea
        readOnly
        rows={4}
        value={text}
        aria-label={label}
        className="font-mono text-xs"
        data-testid={testId}
      />
    </div>
  );
}

function SnippetCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const snippet = useQuery(snippetQuery(id));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('webForms.snippet')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-sm text-slate-600">{t('webForms.snippetHint')}</p>
        <ErrorMessage error={snippet.error} />
        {snippet.data ? (
          <>
            <CopyBox label={t('webForms.iframe')} text={snippet.data.iframe} testId="web-form-iframe" />
            <CopyBox label={t('webForms.plainHtml')} text={snippet.data.html} testId="web-form-html" />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Inbox({ formId }: { formId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery(submissionsQuery(formId));
  const [selected, setSelected] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('webForms.inbox')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-xs text-slate-500">{t('webForms.inboxHint')}</p>
        <ErrorMessage error={list.error} />
        {list.data && items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('webForms.inboxEmpty')}</p>
        ) : null}
        <ul className="divide-y divide-slate-100" data-testid="web-form-submissions">
          {items.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center gap-2 py-2 text-sm"
              data-testid="web-form-submission-row"
            >
              <button
                type="button"
                className="font-medium text-brand-700 hover:underline"
                onClick={() => setSelected(s.id)}
                data-testid="web-form-submission-open"
              >
                {s.preview || t('webForms.noPreview')}
              </button>
              <span className="text-slate-500">{format.date(s.receivedOn)}</span>
              <Badge tone={s.status === 'accepted' ? 'success' : 'warning'}>
                {t(`webForms.status.${s.status}`)}
              </Badge>
              {s.status === 'new' ? (
                <span className="text-xs text-slate-500">
                  {t('webForms.purgeOn', { date: format.date(s.purgeOn) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {selected ? <SubmissionDetail id={selected} onClose={() => setSelected(null)} /> : null}
      </CardContent>
    </Card>
  );
}

function SubmissionDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(submissionQuery(id));
  const decide = useDecideSubmission();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const s = query.data;
  return (
    <section
      aria-label={t('webForms.submission')}
      className="rounded-md border border-slate-200 p-3"
      data-testid="web-form-submission"
    >
      {query.isPending ? <Loading /> : null}
      <ErrorMessage error={query.error ?? decide.error} />
      {s ? (
        <>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            {s.values.map((v) => (
              <div key={v.key} className="contents">
                <dt className="text-slate-500">{v.label[lang]}</dt>
                <dd className="whitespace-pre-wrap" data-testid={`web-form-value-${v.key}`}>
                  {v.value === true ? '✓' : String(v.value)}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            {s.status === 'new' ? (
              <>
                <Button
                  disabled={decide.isPending}
                  data-testid="web-form-accept"
                  onClick={() =>
                    decide.mutate({ id, decision: 'accept' }, { onSuccess: () => void query.refetch() })
                  }
                >
                  {t('webForms.accept')}
                </Button>
                <Button
                  variant="danger"
                  disabled={decide.isPending}
                  data-testid="web-form-discard"
                  onClick={() => decide.mutate({ id, decision: 'discard' }, { onSuccess: onClose })}
                >
                  {t('webForms.discard')}
                </Button>
              </>
            ) : null}
            {s.personId ? (
              <Link
                to="/persons/$personId"
                params={{ personId: s.personId }}
                className="text-sm text-brand-700 hover:underline"
                data-testid="web-form-person-link"
              >
                {t('webForms.openPerson')}
              </Link>
            ) : null}
            <Button variant="ghost" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
