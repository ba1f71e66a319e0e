import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { sendRedactionNotice } from './redaction.notice.ts';
import {
  RedactionDetail,
  RedactionDismiss,
  RedactionList,
  RedactionListQuery,
  RedactionNotice,
  RedactionRedact,
  RedactionResult,
} from './redaction.schemas.ts';
import { dismissFinding, getRedaction, listRedactions, redactFinding } from './redaction.service.ts';

export const redactionRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['redactions'];
  r.get(
    '/redactions',
    {
      schema: {
        tags,
        summary:
          'The redaction queue: findings of sensitive data in free text, newest first (redactions.review)',
        querystring: RedactionListQuery,
        response: { 200: RedactionList, ...errorResponses },
      },
    },
    async (request) => listRedactions(ctx, actorOf(request), request.query),
  );
  r.get(
    '/redactions/:id',
    {
      schema: {
        tags,
        summary:
          'One finding with its hits; the text only for a reviewer who may read every category found (redactions.review)',
        params: IdParams,
        response: { 200: RedactionDetail, ...errorResponses },
      },
    },
    async (request) => getRedaction(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/redactions/:id/redact',
    {
      schema: {
        tags,
        summary:
          'Redact all or the chosen hits IRREVERSIBLY: the value is rewritten and re-sealed, every copy destroyed (redactions.review; 409 redaction_decided, redaction_stale)',
        params: IdParams,
        body: RedactionRedact,
        response: { 200: RedactionResult, ...errorResponses },
      },
    },
    async (request) => redactFinding(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/redactions/:id/dismiss',
    {
      schema: {
        tags,
        summary:
          'Keep the text: the hits are harmless, with a reason (redactions.review; 409 redaction_decided)',
        params: IdParams,
        body: RedactionDismiss,
        response: { 200: RedactionDetail, ...errorResponses },
      },
    },
    async (request) => dismissFinding(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/redactions/:id/notice',
    {
      schema: {
        tags,
        summary:
          'Send the person the notice that information was removed, from the mail template redaction_notice (redactions.review; 409 redaction_no_email, redaction_not_redacted)',
        params: IdParams,
        body: RedactionNotice,
        response: { 200: RedactionDetail, ...errorResponses },
      },
    },
    async (request) => sendRedactionNotice(ctx, actorOf(request), request.params.id, request.body),
  );
};
