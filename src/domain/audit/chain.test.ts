import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, entryHash, genesisHash, type StoredAuditEntry, verifyBatch } from './chain.ts';

const key = Buffer.alloc(32, 7);
const tenantId = '00000000-0000-4000-8000-000000000001';

const buildChain = (drafts: Omit<AuditEntry, 'seq' | 'tenantId'>[], chainKey = key): StoredAuditEntry[] => {
  let prev = genesisHash(chainKey, tenantId);
  return drafts.map((d, i) => {
    const entry: AuditEntry = { ...d, tenantId, seq: i + 1 };
    const hash = entryHash(chainKey, prev, entry);
    const stored = { ...entry, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
};

const draft = fc.record({
  at: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorTokenId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom(
    'create',
    'read',
    'update',
    'export',
    'erase',
    'login',
    'login_failed',
    'permission_denied',
  ),
  subjectType: fc.option(fc.constantFrom('person', 'organization'), { nil: null }),
  subjectId: fc.option(fc.uuid(), { nil: null }),
  fields: fc.array(fc.constantFrom('firstName', 'lastName', 'email', 'notes'), { maxLength: 4 }),
  valuesEnc: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { nil: null }),
  note: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
});

const start = () => ({ lastSeq: 0, lastHash: genesisHash(key, tenantId) });

describe('audit hash chain', () => {
  it('verifies any well-formed chain, also when checked in batches', () => {
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (drafts, batch) => {
        const chain = buildChain(drafts);
        let state = start();
        for (let i = 0; i < chain.length; i += batch) {
          const r = verifyBatch({ chainKey: key, entries: chain.slice(i, i + batch), state });
          expect(r.ok).toBe(true);
          if (r.ok) state = r.state;
        }
        expect(state.lastSeq).toBe(chain.length);
      }),
    );
  });

  it('names the first broken entry when one is altered, deleted or swapped', () => {
    fc.assert(
      fc.property(
        fc.array(draft, { minLength: 3, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('alter', 'delete', 'swap'),
        (drafts, pick, how) => {
          const chain = buildChain(drafts);
          const i = pick % (chain.length - 1);
          const tampered = [...chain];
          if (how === 'alter') tampered[i] = { ...tampered[i]!, action: `${tampered[i]!.action}x` };
          if (how === 'delete') tampered.splice(i, 1);
          if (how === 'swap') [tampered[i], tampered[i + 1]] = [tampered[i + 1]!, tampered[i]!];
          const r = verifyBatch({ chainKey: key, entries: tampered, state: start() });
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.broken.seq).toBe(i + 1);
        },
      ),
    );
  });

  it('cannot be re-forged without the chain key', () => {
    const chain = buildChain([
      {
        at: '2026-01-01T00:00:00.000Z',
        actorUserId: null,
        actorTokenId: null,
        action: 'read',
        subjectType: null,
        subjectId: null,
        fields: [],
        valuesEnc: null,
        note: null,
      },
    ]);
    const forged = buildChain(
      [{ ...chain[0]!, action: 'update' }].map(
        ({ tenantId: _t, seq: _s, prevHash: _p, hash: _h, ...d }) => d,
      ),
      randomBytes(32),
    );
    expect(verifyBatch({ chainKey: key, entries: forged, state: start() }).ok).toBe(false);
  });

  it('detects a changed ciphertext and an entry moved to another tenant', () => {
    const chain = buildChain([
      {
        at: '2026-01-01T00:00:00.000Z',
        actorUserId: null,
        actorTokenId: null,
        action: 'update',
        subjectType: 'person',
        subjectId: null,
        fields: ['notes'],
        valuesEnc: 'v1.a.b.c',
        note: null,
      },
    ]);
    expect(
      verifyBatch({ chainKey: key, entries: [{ ...chain[0]!, valuesEnc: 'v1.a.b.d' }], state: start() }).ok,
    ).toBe(false);
    expect(
      verifyBatch({ chainKey: key, entries: [{ ...chain[0]!, tenantId: 'other' }], state: start() }).ok,
    ).toBe(false);
  });
});
