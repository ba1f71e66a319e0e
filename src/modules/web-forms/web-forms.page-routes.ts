import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import type { FieldIssue, RawValue } from '../../domain/web-forms/submission.ts';
import type { AppContext } from '../../server/context.ts';
import { handleError } from '../../server/errors.ts';
import { localeFrom } from '../../server/messages.ts';
import { requestMeta } from '../signups/signups.service.ts';
import { type Lang, PAGE_CSP, renderPage } from './web-forms.page.ts';
import { loadPublicWebForm, pageFormOf, submitWebForm } from './web-forms.public.ts';

/** The hosted page GET /forms/:token (outside /api/v1) and the HTML side of the public submission. */

/** Per client address, never stored; CUSTOS_WEBFORM_RATE_LIMIT raises the limit for load tests. */
export const webFormRateLimit = (name: string, max: number) => ({
  max: Number(process.env.CUSTOS_WEBFORM_RATE_LIMIT ?? max),
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `${name}|${req.ip}`,
});

const TOKEN = /^wf_[A-Za-z0-9_-]{20,100}$/;

const langOf = (request: FastifyRequest, explicit: unknown): Lang =>
  explicit === 'de' || explicit === 'en' ? explicit : localeFrom(request.headers['accept-language']);

const isHtmlForm = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');

const sendPage = (reply: FastifyReply, status: number, html: string) =>
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .removeHeader('x-frame-options')
    .send(html);

export const submitPublic = async (ctx: AppContext, request: FastifyRequest, reply: FastifyReply) => {
  const { token } = request.params as { token: string };
  const body = (request.body ?? {}) as Record<string, RawValue>;
  const lang = langOf(request, body.lang);
  const html = isHtmlForm(request);
  const meta = requestMeta(request.ip, request.headers['user-agent'] as string | undefined);
  try {
    const result = await submitWebForm(ctx, { token, body, lang, meta });
    if (html) return reply.redirect(`/forms/${encodeURIComponent(token)}?sent=1&lang=${lang}`, 303);
    return reply.status(201).send(result);
  } catch (error) {
    if (!html || !(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    // an HTML form post gets the page again, with the issues next to their fields and its values
    const loaded = await loadPublicWebForm(ctx, token);
    const issues = (error.details as { path: string; message: FieldIssue['code'] }[]).map((d) => ({
      field: d.path,
      code: d.message,
    }));
    const values = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    return sendPage(
      reply,
      422,
      renderPage({ form: pageFormOf(loaded, lang), lang, action: request.url, values, issues }),
    );
  }
};

export const webFormPageRoutes = (app: FastifyInstance, ctx: AppContext) => {
  app.get(
    '/forms/:token',
    { schema: { hide: true }, config: { rateLimit: webFormRateLimit('webform-page', 120) } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const query = request.query as Record<string, string | undefined>;
      const lang = langOf(request, query.lang);
      try {
        if (!TOKEN.test(token)) throw new AppError('not_found', { params: { entity: 'web_form' } });
        const loaded = await loadPublicWebForm(ctx, token);
        return sendPage(
          reply,
          200,
          renderPage({
            form: pageFormOf(loaded, lang),
            lang,
            action: `/api/v1/public/web-forms/${encodeURIComponent(token)}`,
            sent: query.sent === '1',
          }),
        );
      } catch (error) {
        return handleError(error as Error, request, reply);
      }
    },
  );
};
