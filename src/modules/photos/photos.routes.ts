import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/authenticate.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses, IdParams } from '../../server/http-schemas.ts';
import { PersonPhoto, PHOTO_BODY_LIMIT, PhotoUpload } from './photos.schemas.ts';
import { deletePhoto, getPhotoImage, getPhotoInfo, putPhoto } from './photos.service.ts';

const image = (type: string) => ({ schema: z.file().describe(`${type} image without metadata`) });

/** A person's photo (issue 8, ADR 0034): stored with purpose and basis, sealed, with its own retention. */
export const photosRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['persons'];
  r.put(
    '/persons/:id/photo',
    {
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Store or replace the person's photo (base64 in JSON) with purpose and legal basis; metadata stripped, sealed under the person's key (identity write)",
        params: IdParams,
        body: PhotoUpload,
        response: { 200: PersonPhoto, ...errorResponses },
      },
    },
    async (request) => putPhoto(ctx, actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/persons/:id/photo',
    {
      schema: {
        tags,
        summary: "The person's photo as an image; the read is audited (identity read); 404 when none",
        params: IdParams,
        response: {
          200: {
            description: 'The stored image (re-encoded, without metadata)',
            content: {
              'image/jpeg': image('JPEG'),
              'image/png': image('PNG'),
              'image/webp': image('WebP'),
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { contentType, image: bytes } = await getPhotoImage(ctx, actorOf(request), request.params.id);
      return (
        reply
          .type(contentType)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          // the schema documents a binary body; Fastify sends the Buffer as is
          .send(bytes as unknown as File)
      );
    },
  );
  r.get(
    '/persons/:id/photo/info',
    {
      schema: {
        tags,
        summary: "The photo's purpose, legal basis, retention and size, without the image; 404 when none",
        params: IdParams,
        response: { 200: PersonPhoto, ...errorResponses },
      },
    },
    async (request) => getPhotoInfo(ctx, actorOf(request), request.params.id),
  );
  r.delete(
    '/persons/:id/photo',
    {
      schema: {
        tags,
        summary: "Delete the person's photo, e.g. when consent is withdrawn (identity write)",
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePhoto(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
