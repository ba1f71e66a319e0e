import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import { erasePerson } from '../erasure/erasure.service.ts';
import { compileSubjectData } from '../subject-data/subject-data.service.ts';

vi.setConfig({ hookTimeout: 240_000, testTimeout: 120_000 });
const API = '/api/v1';
/** A fixed clock: 2 Mar 2026, 10:00 in Berlin. */
const NOW = new Date('2026-03-02T09:00:00Z');
const CAMERA_MARK = 'MK-Kamera-Seriennummer-4711';

/** A JPEG as a phone takes it: EXIF with the camera's serial number and the GPS position. */
const phoneJpeg = (color = { r: 200, g: 30, b: 30 }) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phone', Model: CAMERA_MARK, Copyright: CAMERA_MARK },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '52/1 31/1 12/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '13/1 24/1 36/1',
      },
    })
    .toBuffer();

describe.each(testDatabaseKinds())('person photos on %s', (kind) => {
  let t: TestApp;
  let sales: string;
  let marketing: string;
  let dpo: string;

  const call = (token: string, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, body?: object) =>
    t.call(token, { method, url: `${API}${url}`, body });
  const newPerson = async (lastName: string) => {
    const res = await call(
      t.adminToken,
      'POST',
      '/persons',
      personBody({ lastName, email: null, phone: null }),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const upload = (token: string, personId: string, image: Buffer, extra: object = {}) =>
    call(token, 'PUT', `/persons/${personId}/photo`, {
      image: image.toString('base64'),
      purpose: 'sales',
      legalBasis: 'consent',
      ...extra,
    });
  const storedRow = (personId: string) =>
    asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('person_photos').selectAll().where('person_id', '=', personId).executeTakeFirst(),
    );

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    sales = (await t.userWithToken({ role: 'sales' })).token;
    marketing = (await t.userWithToken({ role: 'marketing' })).token;
    dpo = (await t.userWithToken({ role: 'dpo' })).token;
  });
  afterAll(() => t?.close());

  it('stores a photo without its EXIF and GPS data, sealed: the table holds ciphertext, not the image', async () => {
    const personId = await newPerson('Fotografiert');
    const input = await phoneJpeg();
    expect((await sharp(input).metadata()).exif?.toString('latin1')).toContain(CAMERA_MARK);

    const res = await upload(sales, personId, input, { retentionUntil: '2027-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      personId,
      contentType: 'image/jpeg',
      width: 64,
      height: 48,
      purpose: 'sales',
      legalBasis: 'consent',
      retentionUntil: '2027-03-01',
      uploadedAt: NOW.toISOString(),
    });

    const row = await storedRow(personId);
    const sealed = Buffer.from(row?.image_enc ?? []);
    expect(sealed.length).toBeGreaterThan(28);
    expect(sealed.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(sealed.includes(Buffer.from('JFIF'))).toBe(false);

    const image = await call(sales, 'GET', `/persons/${personId}/photo`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('private, no-store');
    const out = image.rawPayload;
    expect(sealed.includes(out.subarray(0, 64))).toBe(false);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(out.toString('latin1')).not.toContain(CAMERA_MARK);
    expect(out.includes(Buffer.from('Exif\0\0'))).toBe(false);

    // the read and the upload are in the audit trail, without the image
    const audit = (
      await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('audit_log')
          .select(['action', 'fields', 'note'])
          .where('subject_id', '=', personId)
          .orderBy('seq')
          .execute(),
      )
    ).filter((a) => a.fields.includes('photo'));
    expect(audit.map((a) => a.action)).toEqual(['update', 'read']);
    expect(audit[0]?.note).toMatch(/^photo uploaded \(image\/jpeg, \d+ bytes\)$/);

    const info = await call(marketing, 'GET', `/persons/${personId}/photo/info`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json().byteSize).toBe(out.length);
  });

  it('scales large photos down to 1024 pixels and accepts PNG and WebP', async () => {
    const personId = await newPerson('Gross');
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const png = await upload(sales, personId, big);
    expect(png.statusCode, png.body).toBe(200);
    expect(png.json()).toMatchObject({ contentType: 'image/png', width: 1024, height: 512 });
    const webp = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#00ff00' } })
      .webp()
      .toBuffer();
    const replaced = await upload(sales, personId, webp);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ contentType: 'image/webp', width: 20 });
    const image = await call(sales, 'GET', `/persons/${personId}/photo`);
    expect(image.headers['content-type']).toBe('image/webp');
  });

  it('refuses other types (415), broken images (422), oversized files (413) and bad retention ends', async () => {
    const personId = await newPerson('Abgelehnt');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    for (const bytes of [gif, svg, Buffer.from('%PDF-1.7\n')]) {
      const res = await upload(sales, personId, bytes);
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().code).toBe('photo_type_not_accepted');
    }
    const broken = await upload(
      sales,
      personId,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64, 7)]),
    );
    expect(broken.statusCode, broken.body).toBe(422);
    expect(broken.json().code).toBe('photo_unreadable');
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024, 1)]);
    const tooLarge = await upload(sales, personId, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('photo_too_large');
    const past = await upload(sales, personId, await phoneJpeg(), { retentionUntil: '2026-03-02' });
    expect(past.json().code).toBe('photo_retention_invalid');
    expect(await storedRow(personId)).toBeUndefined();
  });

  it('needs a purpose of the catalogue that allows the basis, never biometric identification', async () => {
    const personId = await newPerson('Zweck');
    const jpeg = await phoneJpeg();
    const unknown = await upload(sales, personId, jpeg, { purpose: 'nirgendwo' });
    expect(unknown.json().code).toBe('unknown_purpose');
    const basis = await upload(sales, personId, jpeg, { purpose: 'newsletter', legalBasis: 'contract' });
    expect(basis.json().code).toBe('legal_basis_not_allowed');
    const declared = await call(dpo, 'POST', '/purposes', {
      id: 'zutritt',
      labelDe: 'Zutrittskontrolle',
      labelEn: 'Access control',
      descriptionDe: 'Einlass per Gesichtserkennung am Empfang',
      descriptionEn: 'Entry by face recognition at the reception',
      legalBases: ['consent'],
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const biometric = await upload(sales, personId, jpeg, { purpose: 'zutritt' });
    expect(biometric.statusCode).toBe(422);
    expect(biometric.json().code).toBe('photo_biometric_purpose');
    expect(await storedRow(personId)).toBeUndefined();
  });

  it('follows the rights of identity data: marketing reads, may not write or delete', async () => {
    const personId = await newPerson('Rechte');
    const refused = await upload(marketing, personId, await phoneJpeg());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('field_not_writable');
    expect((await upload(sales, personId, await phoneJpeg())).statusCode).toBe(200);
    expect((await call(marketing, 'GET', `/persons/${personId}/photo`)).statusCode).toBe(200);
    expect((await call(marketing, 'DELETE', `/persons/${personId}/photo`)).statusCode).toBe(403);
    const deleted = await call(sales, 'DELETE', `/persons/${personId}/photo`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await storedRow(personId)).toBeUndefined();
    expect((await call(sales, 'GET', `/persons/${personId}/photo`)).statusCode).toBe(404);
    expect((await call(sales, 'DELETE', `/persons/${personId}/photo`)).statusCode).toBe(404);
  });

  it('a field lock on the photo deletes it and refuses new uploads', async () => {
    const personId = await newPerson('Gesperrt');
    expect((await upload(sales, personId, await phoneJpeg())).statusCode).toBe(200);
    const lock = await call(dpo, 'PUT', `/persons/${personId}/field-locks/photo`, { reason: 'Widerruf' });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(await storedRow(personId)).toBeUndefined();
    const again = await upload(sales, personId, await phoneJpeg());
    expect(again.json().code).toBe('field_locked');
  });

  it('the access export contains the photo with its facts; the erasure removes it', async () => {
    const personId = await newPerson('Auskunft');
    expect((await upload(sales, personId, await phoneJpeg({ r: 1, g: 2, b: 3 }))).statusCode).toBe(200);
    const image = (await call(sales, 'GET', `/persons/${personId}/photo`)).rawPayload;
    const compile = (scope: 'access' | 'portability') =>
      inTenant(t.db.kysely, t.tenantId, (tx) =>
        compileSubjectData(tx, t.ctx, { tenantId: t.tenantId, personId, scope, locale: 'de' }),
      );
    const access = await compile('access');
    expect(access.tables.person_photos).toEqual([
      expect.objectContaining({
        purpose: 'sales',
        legalBasis: 'consent',
        contentType: 'image/jpeg',
        imageBase64: image.toString('base64'),
      }),
    ]);
    // given with consent: the person provided it, so it is portable too
    expect((await compile('portability')).tables.person_photos).toHaveLength(1);

    await inTenant(t.db.kysely, t.tenantId, (tx) =>
      erasePerson(tx, t.ctx, { actor: null, tenantId: t.tenantId, personId, requestId: null }),
    );
    expect(await storedRow(personId)).toBeUndefined();
    const erasure = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('erasures').select('summary').where('person_id', '=', personId).executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(erasure.summary)).toContain('"person_photos":1');
  });

  it('the retention sweep deletes expired photos (the preview lists them), keeps current ones and held ones', async () => {
    const old = await newPerson('Alt');
    const ended = await newPerson('Befristet');
    const current = await newPerson('Aktuell');
    const held = await newPerson('Gehalten');
    for (const id of [old, ended, current, held])
      expect((await upload(sales, id, await phoneJpeg())).statusCode).toBe(200);
    await asSystem(t.db.kysely, async (tx) => {
      // uploaded more than the 2 years of "Personenfotos" ago
      await tx
        .updateTable('person_photos')
        .set({ uploaded_at: new Date('2024-02-01T10:00:00Z') })
        .where('person_id', 'in', [old, held])
        .execute();
      // an own, earlier end that passed yesterday
      await tx
        .updateTable('person_photos')
        .set({ retention_until: '2026-03-01' })
        .where('person_id', '=', ended)
        .execute();
    });
    const hold = await call(dpo, 'POST', '/legal-holds', {
      objectType: 'person',
      objectId: held,
      reason: 'dispute',
    });
    expect(hold.statusCode, hold.body).toBe(201);

    const preview = await call(dpo, 'GET', '/retention/preview?limit=1000');
    expect(preview.statusCode, preview.body).toBe(200);
    const photos = preview.json().dataTypes.find((d: { target: string }) => d.target === 'person_photos');
    expect(photos).toMatchObject({ dataTypeId: 'de_person_photos', method: 'delete', held: 1 });
    expect(photos.items.map((i: { id: string }) => i.id).sort()).toEqual([old, ended].sort());
    expect(photos.items.every((i: { objectType: string }) => i.objectType === 'photo')).toBe(true);

    const sweep = await call(dpo, 'POST', '/retention/sweeps');
    expect(sweep.statusCode, sweep.body).toBe(200);
    expect(sweep.json().counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dataTypeId: 'de_person_photos',
          target: 'person_photos',
          deleted: 2,
          held: 1,
        }),
      ]),
    );
    expect(await storedRow(old)).toBeUndefined();
    expect(await storedRow(ended)).toBeUndefined();
    expect(await storedRow(current)).toBeDefined();
    expect(await storedRow(held)).toBeDefined();
  });
});
