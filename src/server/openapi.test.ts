import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOpenApi } from './openapi.ts';

describe('OpenAPI contract', () => {
  it('the committed openapi/openapi.json matches the routes (run `npm run openapi` after changing a schema)', async () => {
    const committed = fs.readFileSync(
      path.join(import.meta.dirname, '..', '..', 'openapi', 'openapi.json'),
      'utf8',
    );
    expect(await renderOpenApi()).toBe(committed);
  });

  it('describes every /api/v1 route as OpenAPI 3.1 with the Person schema', async () => {
    const doc = JSON.parse(await renderOpenApi());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/persons', '/api/v1/persons/{id}', '/api/v1/organizations']),
    );
    expect(doc.components.schemas.Person).toBeDefined();
    const ref: string = doc.paths['/api/v1/persons'].post.requestBody.content['application/json'].schema.$ref;
    const createSchema = doc.components.schemas[ref.split('/').at(-1) as string];
    expect(createSchema.required).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'legalBasis', 'purposes', 'source']),
    );
  });
});
