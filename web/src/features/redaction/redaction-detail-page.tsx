import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { Textarea } from '../../components/ui/input';
import { useFormat } from '../../lib/format';
import { dismissFinding, type RedactionHit, redactFinding, redactionQuery, sendNotice } from './api';
import { HighlightedText, hitKey } from './highlighted-text';

const route = getRouteApi('/_app/redactions/$findingId');

/** One finding: the text with its hits (for a reviewer allowed to read it), redact, dismiss, notice. */
export function RedactionDetailPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { findingId } = route.useParams();
  const queryClient = useQueryClient();
  const finding = useQuery(redactionQuery(findingId));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [scrubbed, setScrubbed] = useState<number | null>(null);
  const data = finding.data;
  useEffect(() => {
    if (data?.status === 'open') setSelected(new Set(data.hits.map(hitKey)));
  }, [data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['redactions'] });
  const redact = useMutation({
    mutationFn: () => {
      const all = data?.hits ?? [];
      const spans = all
        .filter((h) => selected.has(hitKey(h)))
        .map(({ kind, start, end }) => ({ kind, start, end }));
      return redactFinding(findingId, spans.length === all.length ? undefined : spans);
    },
    onSuccess: (result) => {
      const s = result.scrubbed;
      setScrubbed(s.auditValuesDestroyed + s.mails + s.exports + s.letters + s.merges);
      setConfirming(false);
      void refresh();
    },
  });
  const dismiss = useMutation({ mutationFn: () => dismissFinding(findingId, reason), onSuccess: refresh });
  const notice = useMutation({
    mutationFn: () => sendNotice(findingId, i18n.language === 'en' ? 'en' : 'de'),
    onSuccess: refresh,
  });
  if (finding.isPending) return <Loading />;
  if (!data) return <ErrorMessage error={finding.error} />;
  const kinds = (list: RedactionHit['kind'][]) => list.map((k) => t(`redaction.kind.${k}`)).join(', ');
  return (
    <div>
      <PageHeader title={t('redaction.title')}>
        <Link to="/redactions" className="text-sm text-brand-700 hover:underline">
          {t('redaction.back')}
        </Link>
      </PageHeader>
      <ErrorMessage error={redact.error ?? dismiss.error ?? notice.error} />
      <Card>
        <CardContent className="space-y-4">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={data.status === 'open' ? 'warning' : 'neutral'} data-testid="redaction-status">
              {t(`redaction.status.${data.status}`)}
            </Badge>
            <span>{t(`redaction.sources.${data.source.kind}`)}</span>
            {data.person ? (
              <Link
                to="/persons/$personId"
                params={{ personId: data.person.id }}
                className="text-brand-700 hover:underline"
              >
                {data.person.name}
              </Link>
            ) : null}
            <span className="text-slate-600">
              {t('redaction.detectedAt')}: {format.dateTime(data.detectedAt)}
            </span>
          </div>
          <p className="text-sm">
            <span className="font-medium">{t('redaction.kinds')}:</span> {kinds(data.kinds)}
          </p>
          {data.text != null ? (
            <HighlightedText
              text={data.text}
              hits={data.hits}
              selected={selected}
              onToggle={(k) =>
                setSelected((prev) => {
                  const next = new Set(prev);
                  if (next.has(k)) next.delete(k);
                  else next.add(k);
                  return next;
                })
              }
            />
          ) : data.textHidden ? (
            <p className="text-sm text-slate-600" data-testid="redaction-text-hidden">
              {t(`redaction.hidden.${data.textHidden}`)}
            </p>
          ) : null}
          {data.status === 'open' ? (
            <div className="space-y-3">
              <Button
                variant="danger"
                disabled={
                  data.textHidden === 'stale' || data.textHidden === 'source_gone' || selected.size === 0
                }
                onClick={() => setConfirming(true)}
                data-testid="redaction-redact"
              >
                {t('redaction.redact')}
              </Button>
              {data.text != null ? (
                <div className="flex flex-wrap items-end gap-2">
                  <div className="flex-1 text-sm">
                    <label htmlFor="redaction-reason">{t('redaction.dismissReason')}</label>
                    <Textarea
                      id="redaction-reason"
                      rows={2}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      data-testid="redaction-reason"
                    />
                  </div>
                  <Button
                    variant="secondary"
                    disabled={reason.trim().length < 3 || dismiss.isPending}
                    onClick={() => dismiss.mutate()}
                    data-testid="redaction-dismiss"
                  >
                    {t('redaction.dismissDo')}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : (
            <div className="space-y-2 text-sm">
              <p>
                {t('redaction.decidedAt')}: {format.dateTime(data.decidedAt)}
                {data.redactedKinds ? ` · ${kinds(data.redactedKinds)}` : ''}
              </p>
              {data.dismissReason ? (
                <p>
                  {t('redaction.reason')}: {data.dismissReason}
                </p>
              ) : null}
              {scrubbed != null && data.redactedKinds ? (
                <p data-testid="redaction-done">
                  {t('redaction.redacted', { kinds: kinds(data.redactedKinds), count: scrubbed })}
                </p>
              ) : null}
              {data.status === 'redacted' && data.person ? (
                data.noticeSentAt ? (
                  <p data-testid="redaction-notice-sent">
                    {t('redaction.noticeSent', { date: format.dateTime(data.noticeSentAt) })}
                  </p>
                ) : data.person.hasEmail ? (
                  <Button
                    variant="secondary"
                    onClick={() => notice.mutate()}
                    disabled={notice.isPending}
                    data-testid="redaction-notice"
                  >
                    {t('redaction.notice')}
                  </Button>
                ) : (
                  <p className="text-slate-600">{t('redaction.noEmail')}</p>
                )
              ) : null}
            </div>
          )}
        </CardContent>
      </Card>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('redaction.redactTitle')}
        description={t('redaction.redactConfirm')}
        confirmLabel={t('redaction.redactDo')}
        onConfirm={() => redact.mutate()}
        pending={redact.isPending}
      />
    </div>
  );
}
