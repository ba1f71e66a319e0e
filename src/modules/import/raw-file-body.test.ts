import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotDigest } from '../../../test/support/snapshot.ts';

/**
 * The routes that take a raw file as the body (the person import and the consistency report): a
 * request without a content type has no parsed body at all; found by the request fuzzing as a 500.
 */
describe.each(testDatabaseKinds())('raw file uploads without a file on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t?.close());

  it.each(['/api/v1/imports?fileName=a.csv', '/api/v1/consistency-reports?format=json&encoding=utf-16be'])(
    'POST %s without content type and body is refused (422 validation_failed) and stores nothing',
    async (url) => {
      const before = await snapshotDigest(t.db);
      const res = await t.call(t.adminToken, { method: 'POST', url });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('validation_failed');
      expect(await snapshotDigest(t.db)).toEqual(before);
    },
  );

  it.each(['/api/v1/imports?fileName=a.csv', '/api/v1/consistency-reports'])(
    'POST %s with a file but without content type is refused with 415 unsupported_media_type',
    async (url) => {
      const res = await t.call(t.adminToken, { method: 'POST', url, payload: 'firstName,lastName\nA,B\n' });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().code).toBe('unsupported_media_type');
    },
  );
});
