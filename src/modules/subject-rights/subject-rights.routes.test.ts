import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { snapshotData } from '../../../test/support/snapshot.ts';
import { asSystem, inTenant } from '../../db/tenant.ts';
import type { Actor } from '../../server/context.ts';
import { recordObjection, rectifyPerson, restrictPerson } from './subject-rights.service.ts';

const API = '/api/v1';
const NOW = new Date('2026-03-10T09:00:00.000Z');

describe.each(testDatabaseKinds())('subject rights (restriction, objection, field locks) on %s', (kind) => {
  let t: TestApp;
  let dpo: { token: string; actor: Actor };
  let sales: string;
  let tagId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => NOW });
    const d = await t.userWithToken({ role: 'dpo' });
    dpo = {
      token: d.token,
      actor: { tenantId: t.tenantId, userId: d.user.id, role: 'dpo', departmentIds: [], via: 'token' },
    };
    sales = (await t.userWithToken({ role: 'sales' })).token;
    tagId = (
      await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/tags`,
        body: { name: 'Golf', color: 'blue' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  let counter = 0;
  const newPerson = async (extra: object = {}) => {
    counter += 1;
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: `${API}/persons`,
      body: personBody({
        lastName: `Betroffen${counter}`,
        email: `betroffen${counter}@example.de`,
        phone: `+49 30 55500${counter}`,
        birthDate: '1980-04-01',
        jobTitle: 'Einkauf',
        notes: 'Ruft vormittags an',
        tagIds: [tagId],
        ...extra,
      }),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const get = async (id: string, token = t.adminToken) =>
    t.call(token, { method: 'GET', url: `${API}/persons/${id}` });
  const patch = async (id: string, body: object, token = t.adminToken) => {
    const version = (await get(id)).json().version;
    return t.call(token, { method: 'PATCH', url: `${API}/persons/${id}`, body: { version, ...body } });
  };
  const service = <T>(fn: (tx: Parameters<Parameters<typeof inTenant>[2]>[0]) => Promise<T>) =>
    inTenant(t.db.kysely, t.tenantId, fn);

  describe('field locks', () => {
    it('locking a field erases its value, lists the lock, and refuses every later write with nothing changed', async () => {
      const person = await newPerson();
      const lock = await t.call(dpo.token, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/birthDate`,
        body: { reason: 'Möchte keinen Geburtstagsgruß' },
      });
      expect(lock.statusCode).toBe(200);
      expect(lock.json()).toMatchObject({
        field: 'birthDate',
        reason: 'Möchte keinen Geburtstagsgruß',
        lockedAt: NOW.toISOString(),
        lockedBy: { id: dpo.actor.userId },
      });

      const read = (await get(person.id)).json();
      expect(read.birthDate).toBeNull();
      expect(read.lockedFields).toEqual(['birthDate']);
      expect(read.jobTitle).toBe('Einkauf');

      const list = await t.call(t.adminToken, {
        method: 'GET',
        url: `${API}/persons/${person.id}/field-locks`,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((l: { field: string }) => l.field)).toEqual(['birthDate']);
      expect(list.json().lockable).toContain('photo');

      // the reason is sealed under the person's data key, not stored in plain text
      const stored = await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('field_locks')
          .select('reason')
          .where('person_id', '=', person.id)
          .executeTakeFirstOrThrow(),
      );
      expect(stored.reason).not.toContain('Geburtstag');

      // the old value is in the history (the lock erased it, audited)
      const history = (
        await t.call(dpo.token, { method: 'GET', url: `${API}/persons/${person.id}/history` })
      ).json().items;
      expect(JSON.stringify(history)).toContain('1980-04-01');

      const before = await snapshotData(t.db);
      const refused = await patch(person.id, { birthDate: '1981-05-05', jobTitle: 'Leitung' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'field_locked' });
      expect(refused.json().message).toContain('birthDate');
      expect(await snapshotData(t.db)).toEqual(before);

      // other fields stay writable
      expect((await patch(person.id, { jobTitle: 'Leitung' })).statusCode).toBe(200);
    });

    it('a lock of interests clears the tags and refuses tagIds; lifting it allows them again', async () => {
      const person = await newPerson();
      const lock = await t.call(dpo.token, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/tags`,
        body: {},
      });
      expect(lock.statusCode).toBe(200);
      expect((await get(person.id)).json().tags).toEqual([]);

      const before = await snapshotData(t.db);
      const refused = await patch(person.id, { tagIds: [tagId] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'field_locked' });
      expect(await snapshotData(t.db)).toEqual(before);

      const lift = await t.call(dpo.token, {
        method: 'DELETE',
        url: `${API}/persons/${person.id}/field-locks/tags`,
      });
      expect(lift.statusCode).toBe(204);
      expect((await get(person.id)).json().lockedFields).toEqual([]);
      expect((await patch(person.id, { tagIds: [tagId] })).statusCode).toBe(200);
    });

    it('locking an already locked field changes nothing', async () => {
      const person = await newPerson();
      const url = `${API}/persons/${person.id}/field-locks/notes`;
      expect((await t.call(dpo.token, { method: 'PUT', url, body: { reason: 'erste' } })).statusCode).toBe(
        200,
      );
      const before = await snapshotData(t.db);
      const again = await t.call(dpo.token, { method: 'PUT', url, body: { reason: 'zweite' } });
      expect(again.statusCode).toBe(200);
      expect(again.json().reason).toBe('erste');
      expect(await snapshotData(t.db)).toEqual(before);
    });

    it('only the DPO and administrators (for fields they may write) lock fields; unknown fields are refused', async () => {
      const person = await newPerson();
      const before = await snapshotData(t.db);
      const bySales = await t.call(sales, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/phone`,
        body: {},
      });
      expect(bySales.statusCode).toBe(403);
      expect(bySales.json().code).toBe('forbidden');
      const healthByAdmin = await t.call(t.adminToken, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/accessibilityNeeds`,
        body: {},
      });
      expect(healthByAdmin.statusCode).toBe(403);
      const names = await t.call(dpo.token, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/lastName`,
        body: {},
      });
      expect(names.statusCode).toBe(422);
      expect(names.json().code).toBe('validation_failed');
      const unknownPerson = await t.call(dpo.token, {
        method: 'PUT',
        url: `${API}/persons/00000000-0000-4000-8000-000000000000/field-locks/phone`,
        body: {},
      });
      expect(unknownPerson.statusCode).toBe(404);
      expect(await snapshotData(t.db)).toEqual(before);

      const byAdmin = await t.call(t.adminToken, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/phone`,
        body: {},
      });
      expect(byAdmin.statusCode).toBe(200);
      expect((await get(person.id)).json().phone).toBeNull();
    });
  });

  describe('restriction (Art. 18)', () => {
    it('a restricted person is only stored: no edit, no new interaction, case, deal or task; reads show why', async () => {
      const person = await newPerson();
      await service((tx) =>
        restrictPerson(tx, t.ctx, {
          actor: dpo.actor,
          personId: person.id,
          requestId: null,
          reason: 'Richtigkeit bestritten (Art. 18 Abs. 1 lit. a)',
        }),
      );

      const read = await get(person.id);
      expect(read.statusCode).toBe(200);
      expect(read.json().restriction).toEqual({
        at: NOW.toISOString(),
        reason: 'Richtigkeit bestritten (Art. 18 Abs. 1 lit. a)',
      });
      const listed = (
        await t.call(t.adminToken, {
          method: 'GET',
          url: `${API}/persons?q=${encodeURIComponent(`Betroffen${counter}`)}`,
        })
      ).json().items;
      expect(listed.find((p: { id: string }) => p.id === person.id)?.restricted).toBe(true);
      const stored = await asSystem(t.db.kysely, (tx) =>
        tx
          .selectFrom('persons')
          .select('restriction_reason')
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow(),
      );
      expect(stored.restriction_reason).not.toContain('bestritten');

      const before = await snapshotData(t.db);
      const edit = await patch(person.id, { jobTitle: 'Leitung' });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().code).toBe('person_restricted');
      const interaction = await t.call(t.adminToken, {
        method: 'POST',
        url: `${API}/persons/${person.id}/interactions`,
        body: {
          kind: 'call',
          direction: 'inbound',
          occurredAt: '2026-03-01T10:00:00Z',
          subject: 'Anruf',
          body: 'x',
        },
      });
      expect(interaction.statusCode).toBe(409);
      expect(interaction.json().code).toBe('person_restricted');
      for (const [url, body] of [
        ['/cases', { personId: person.id, channel: 'phone', category: 'complaint', subject: 'Reklamation' }],
        ['/deals', { title: 'Deal', personId: person.id, value: '100' }],
        ['/tasks', { title: 'Rückruf', dueAt: '2026-03-12T10:00:00Z', personId: person.id }],
      ] as const) {
        const res = await t.call(t.adminToken, { method: 'POST', url: `${API}${url}`, body });
        expect(res.statusCode, url).toBe(409);
        expect(res.json().code, url).toBe('person_restricted');
      }
      expect(await snapshotData(t.db)).toEqual(before);
    });

    it('only the DPO lifts a restriction; afterwards the person can be edited again', async () => {
      const person = await newPerson();
      await service((tx) =>
        restrictPerson(tx, t.ctx, {
          actor: dpo.actor,
          personId: person.id,
          requestId: null,
          reason: 'Widerspruch',
        }),
      );
      const url = `${API}/persons/${person.id}/restriction`;
      const before = await snapshotData(t.db);
      for (const token of [sales, t.adminToken]) {
        const res = await t.call(token, { method: 'DELETE', url });
        expect(res.statusCode).toBe(403);
      }
      expect(await snapshotData(t.db)).toEqual(before);

      const lift = await t.call(dpo.token, { method: 'DELETE', url });
      expect(lift.statusCode).toBe(200);
      expect(lift.json().restriction).toBeNull();
      const notes = await asSystem(t.db.kysely, (tx) =>
        tx.selectFrom('audit_log').select('note').where('subject_id', '=', person.id).execute(),
      );
      expect(notes.map((n) => n.note).join('\n')).toContain('Art. 18(3)');
      expect((await patch(person.id, { jobTitle: 'Leitung' })).statusCode).toBe(200);
    });
  });

  describe('objection to direct marketing (Art. 21)', () => {
    it('removes the marketing purposes and refuses adding them again', async () => {
      const person = await newPerson({
        legalBasis: 'consent',
        purposes: ['sales', 'marketing', 'newsletter'],
      });
      await service((tx) =>
        recordObjection(tx, t.ctx, { actor: dpo.actor, personId: person.id, requestId: null }),
      );
      const read = (await get(person.id)).json();
      expect(read.purposes).toEqual(['sales']);
      expect(read.marketingObjectionAt).toBe(NOW.toISOString());

      const before = await snapshotData(t.db);
      for (const purposes of [['sales', 'marketing'], ['newsletter']]) {
        const res = await patch(person.id, { purposes });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('marketing_objection');
      }
      expect(await snapshotData(t.db)).toEqual(before);
      expect((await patch(person.id, { purposes: ['sales', 'customer_service'] })).statusCode).toBe(200);
    });
  });

  describe('rectification (Art. 16)', () => {
    it('applies the corrections in one step, with old and new values in the history', async () => {
      const person = await newPerson();
      const result = await service((tx) =>
        rectifyPerson(tx, t.ctx, {
          actor: dpo.actor,
          personId: person.id,
          requestId: '11111111-1111-4111-8111-111111111111',
          corrections: {
            lastName: 'Berichtigt',
            email: 'richtig@example.de',
            address: { street: 'Neue Straße 3', postalCode: '10115', city: 'Berlin', country: 'DE' },
            notes: 'Korrigierte Notiz',
          },
        }),
      );
      expect(result.fields.sort()).toEqual(['address', 'email', 'lastName', 'notes']);
      const read = (await get(person.id, dpo.token)).json();
      expect(read).toMatchObject({
        lastName: 'Berichtigt',
        email: 'richtig@example.de',
        address: { street: 'Neue Straße 3', city: 'Berlin' },
        notes: 'Korrigierte Notiz',
        version: person.version + 1,
      });
      const history = (
        await t.call(dpo.token, { method: 'GET', url: `${API}/persons/${person.id}/history` })
      ).json().items as { changes: Record<string, { old?: unknown; new?: unknown }> }[];
      const entry = history.find((e) => e.changes.lastName);
      expect(entry?.changes.lastName).toEqual({ old: `Betroffen${counter}`, new: 'Berichtigt' });
    });

    it('refuses locked fields, unknown fields, invalid values and empty corrections, changing nothing', async () => {
      const person = await newPerson();
      await t.call(dpo.token, {
        method: 'PUT',
        url: `${API}/persons/${person.id}/field-locks/email`,
        body: {},
      });
      const before = await snapshotData(t.db);
      const attempt = (corrections: Record<string, unknown>) =>
        service((tx) =>
          rectifyPerson(tx, t.ctx, {
            actor: dpo.actor,
            personId: person.id,
            requestId: '11111111-1111-4111-8111-111111111111',
            corrections,
          }),
        ).then(
          () => 'applied',
          (error: { code?: string }) => error.code,
        );
      expect(await attempt({ lastName: 'Neu', email: 'x@example.de' })).toBe('field_locked');
      expect(await attempt({ purposes: ['sales'] })).toBe('validation_failed');
      expect(await attempt({ birthDate: '2999-01-01' })).toBe('validation_failed');
      expect(await attempt({})).toBe('nothing_to_rectify');
      expect(await snapshotData(t.db)).toEqual(before);
    });
  });
});
