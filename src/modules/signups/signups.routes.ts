import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { ErrorResponse, errorResponses, IdParams } from '../../server/http-schemas.ts';
import { confirmSignup } from './confirmation.service.ts';
import {
  ConfirmRequest,
  ConfirmResponse,
  ConsentForm,
  ConsentFormCreate,
  ConsentFormList,
  ConsentFormPatch,
  FormIdParams,
  LinkTokenParams,
  Preferences,
  PreferenceWithdraw,
  PublicForm,
  SignupAccepted,
  SignupRequest,
  UnsubscribeBody,
  UnsubscribeResponse,
} from './signups.schemas.ts';
import { createForm, getPublicForm, listForms, requestMeta, signUp, updateForm } from './signups.service.ts';
import {
  getPreferences,
  objectFromPreferences,
  unsubscribe,
  withdrawFromPreferences,
} from './withdrawal.service.ts';

const publicErrors = { ...errorResponses, 410: ErrorResponse, 503: ErrorResponse };

/** Per client address; the limits can be raised for load tests (CUSTOS_SIGNUP_RATE_LIMIT). */
const perIp = (name: string, max: number) => ({
  max: Number(process.env.CUSTOS_SIGNUP_RATE_LIMIT ?? max),
  timeWindow: '1 minute',
  keyGenerator: (req: FastifyRequest) => `${name}|${req.ip}`,
});

const metaOf = (request: FastifyRequest) =>
  requestMeta(request.ip, request.headers['user-agent'] as string | undefined);

const isHtmlForm = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');

export const signupsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consent-forms'];

  // ---- staff: sign-up forms ----
  r.get(
    '/consent-forms',
    {
      schema: {
        tags,
        summary: 'Sign-up forms with their public address and counts of pending and confirmed sign-ups',
        response: { 200: ConsentFormList, ...errorResponses },
      },
    },
    async (request) => listForms(ctx, actorOf(request)),
  );
  r.post(
    '/consent-forms',
    {
      schema: {
        tags,
        summary:
          'Create a double opt-in sign-up form (marketing.manage); the purpose must allow consent and have an e-mail wording in the language',
        body: ConsentFormCreate,
        response: { 201: ConsentForm, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createForm(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/consent-forms/:id',
    {
      schema: {
        tags,
        summary: 'Rename, (de)activate or change the redirect of a sign-up form (marketing.manage)',
        params: IdParams,
        body: ConsentFormPatch,
        response: { 200: ConsentForm, ...errorResponses },
      },
    },
    async (request) => updateForm(ctx, actorOf(request), request.params.id, request.body),
  );

  // ---- public: the form, the sign-up, the confirmation, one-click and the preference page ----
  // HTML form posts (application/x-www-form-urlencoded) are parsed only in this scope
  app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 16 * 1024 });
    const p = scope.withTypeProvider<ZodTypeProvider>();
    const publicTags = ['public'];

    p.get(
      '/public/forms/:formId',
      {
        config: { auth: 'public', rateLimit: perIp('form', 120) },
        schema: {
          tags: publicTags,
          summary: 'A sign-up form with the current consent wording (no login)',
          params: FormIdParams,
          response: { 200: PublicForm, ...publicErrors },
        },
      },
      async (request) => getPublicForm(ctx, request.params.formId),
    );
    p.post(
      '/public/forms/:formId/signups',
      {
        config: { auth: 'public', rateLimit: perIp('signup', 10) },
        schema: {
          tags: publicTags,
          summary:
            'Sign up on a form (JSON or an HTML form post, which is answered with 303): sends the double opt-in mail; nothing is consent before the link is confirmed',
          params: FormIdParams,
          body: SignupRequest,
          response: { 202: SignupAccepted, ...publicErrors },
        },
      },
      async (request, reply) => {
        const htmlForm = isHtmlForm(request);
        const { redirectTo } = await signUp(ctx, {
          formId: request.params.formId,
          body: request.body,
          htmlForm,
          meta: metaOf(request),
        });
        if (htmlForm) return reply.redirect(redirectTo, 303);
        return reply.status(202).send({ status: 'confirmation_sent' });
      },
    );
    p.post(
      '/public/consent/confirm',
      {
        config: { auth: 'public', rateLimit: perIp('confirm', 30) },
        schema: {
          tags: publicTags,
          summary:
            'Confirm a sign-up with the token of the link in the mail (single use, 48 hours): records the consent with its proof',
          body: ConfirmRequest,
          response: { 200: ConfirmResponse, ...publicErrors },
        },
      },
      async (request) => confirmSignup(ctx, { token: request.body.token, meta: metaOf(request) }),
    );
    p.post(
      '/public/unsubscribe/:token',
      {
        config: { auth: 'public', rateLimit: perIp('unsubscribe', 60) },
        schema: {
          tags: publicTags,
          summary:
            'RFC 8058 one-click withdrawal of a marketing mail (body List-Unsubscribe=One-Click, JSON or empty): withdraws the consent or records an objection at once',
          params: LinkTokenParams,
          body: UnsubscribeBody,
          response: { 200: UnsubscribeResponse, ...publicErrors },
        },
      },
      async (request) => unsubscribe(ctx, request.params.token),
    );
    p.get(
      '/public/preferences/:token',
      {
        config: { auth: 'public', rateLimit: perIp('preferences', 60) },
        schema: {
          tags: publicTags,
          summary: "The recipient's preference page: their consents and whether they object to marketing",
          params: LinkTokenParams,
          response: { 200: Preferences, ...publicErrors },
        },
      },
      async (request) => getPreferences(ctx, request.params.token),
    );
    p.post(
      '/public/preferences/:token/withdraw',
      {
        config: { auth: 'public', rateLimit: perIp('preferences', 60) },
        schema: {
          tags: publicTags,
          summary: 'Withdraw one consent from the preference page',
          params: LinkTokenParams,
          body: PreferenceWithdraw,
          response: { 200: Preferences, ...publicErrors },
        },
      },
      async (request) => withdrawFromPreferences(ctx, request.params.token, request.body.consentId),
    );
    p.post(
      '/public/preferences/:token/object',
      {
        config: { auth: 'public', rateLimit: perIp('preferences', 60) },
        schema: {
          tags: publicTags,
          summary: 'Object to all direct marketing (Art. 21(2) GDPR) from the preference page',
          params: LinkTokenParams,
          response: { 200: Preferences, ...publicErrors },
        },
      },
      async (request) => objectFromPreferences(ctx, request.params.token),
    );
  });
};
