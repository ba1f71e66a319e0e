import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { ErrorResponse, errorResponses, IdParams } from '../../server/http-schemas.ts';
import { acceptSubmission, discardSubmission, getSubmission, listSubmissions } from './web-forms.inbox.ts';
import { submitPublic, webFormRateLimit } from './web-forms.page-routes.ts';
import { getPublicWebForm } from './web-forms.public.ts';
import {
  PublicSubmission,
  PublicWebForm,
  Submission,
  SubmissionIdParams,
  SubmissionList,
  SubmissionQuery,
  SubmissionReceived,
  TokenParams,
  WebForm,
  WebFormCreate,
  WebFormList,
  WebFormPatch,
  WebFormSnippet,
} from './web-forms.schemas.ts';
import {
  createWebForm,
  deleteWebForm,
  getWebForm,
  listWebForms,
  updateWebForm,
  webFormSnippet,
} from './web-forms.service.ts';

const publicErrors = { ...errorResponses, 503: ErrorResponse };

export const webFormsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['web-forms'];

  r.get(
    '/web-forms',
    {
      schema: {
        tags,
        summary: 'Public web forms with their counts of new submissions',
        response: { 200: WebFormList, ...errorResponses },
      },
    },
    async (request) => listWebForms(ctx, actorOf(request)),
  );
  r.post(
    '/web-forms',
    {
      schema: {
        tags,
        summary:
          'Define a public web form (webforms.manage): every field with its data category; newsletter forms link a sign-up form',
        body: WebFormCreate,
        response: { 201: WebForm, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWebForm(ctx, actorOf(request), request.body)),
  );
  r.get(
    '/web-forms/:id',
    {
      schema: {
        tags,
        summary: 'One web form',
        params: IdParams,
        response: { 200: WebForm, ...errorResponses },
      },
    },
    async (request) => getWebForm(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/web-forms/:id',
    {
      schema: {
        tags,
        summary: 'Change a web form (webforms.manage); the kind stays',
        params: IdParams,
        body: WebFormPatch,
        response: { 200: WebForm, ...errorResponses },
      },
    },
    async (request) => updateWebForm(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/web-forms/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a web form with its open submissions (409 once a submission was accepted: deactivate it)',
        params: IdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteWebForm(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/web-forms/:id/snippet',
    {
      schema: {
        tags,
        summary: 'The embeddable snippet: an <iframe> of the hosted page, or a plain HTML <form>',
        params: IdParams,
        response: { 200: WebFormSnippet, ...errorResponses },
      },
    },
    async (request) => webFormSnippet(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/web-forms/:id/submissions',
    {
      schema: {
        tags,
        summary: 'The inbox of a form (webforms.inbox): submissions with the day they arrived',
        params: IdParams,
        querystring: SubmissionQuery,
        response: { 200: SubmissionList, ...errorResponses },
      },
    },
    async (request) =>
      listSubmissions(ctx, actorOf(request), { formId: request.params.id, status: request.query.status }),
  );
  r.get(
    '/web-forms/submissions/:id',
    {
      schema: {
        tags,
        summary: 'One submission with the declared fields the role may read',
        params: SubmissionIdParams,
        response: { 200: Submission, ...errorResponses },
      },
    },
    async (request) => getSubmission(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/web-forms/submissions/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Accept into the person with its e-mail address or a new prospect (source web_form, the form as purpose and basis); the message becomes an interaction',
        params: SubmissionIdParams,
        response: { 200: Submission, ...errorResponses },
      },
    },
    async (request) => acceptSubmission(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/web-forms/submissions/:id/discard',
    {
      schema: {
        tags,
        summary: 'Discard a submission: it is deleted at once',
        params: SubmissionIdParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await discardSubmission(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // public: the definition and the submission (JSON or an HTML form post)
  app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64 * 1024 });
    const p = scope.withTypeProvider<ZodTypeProvider>();
    p.get(
      '/public/web-forms/:token',
      {
        config: { auth: 'public', rateLimit: webFormRateLimit('webform-get', 120) },
        schema: {
          tags: ['public'],
          summary: 'A web form to render (no login)',
          params: TokenParams,
          response: { 200: PublicWebForm, ...publicErrors },
        },
      },
      async (request) => getPublicWebForm(ctx, request.params.token),
    );
    p.post(
      '/public/web-forms/:token',
      {
        config: { auth: 'public', rateLimit: webFormRateLimit('webform-post', 10) },
        schema: {
          tags: ['public'],
          summary:
            'Send a web form (JSON or an HTML form post, answered with 303 to the hosted page): only declared fields, no metadata stored; undeclared fields 422 form_field_not_declared',
          params: TokenParams,
          body: PublicSubmission,
          response: { 201: SubmissionReceived, ...publicErrors },
        },
      },
      async (request, reply) => submitPublic(ctx, request, reply),
    );
  });
};
