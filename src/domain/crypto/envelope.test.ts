import { describe, expect, it } from 'vitest';
import {
  decryptField,
  deriveKey,
  encryptField,
  fieldContext,
  keyFingerprint,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './envelope.ts';
import { DecryptionError } from './secret-box.ts';

const masterKey = Buffer.alloc(32, 1);
const otherMaster = Buffer.alloc(32, 2);
const tenantId = 't1';

describe('envelope encryption', () => {
  it('wraps a data key that only the same master key, tenant and subject unwrap', () => {
    const dataKey = newDataKey();
    const wrapped = wrapDataKey({ masterKey, dataKey, tenantId, subjectId: 's1' });
    expect(unwrapDataKey({ masterKey, wrapped, tenantId, subjectId: 's1' }).equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey({ masterKey: otherMaster, wrapped, tenantId, subjectId: 's1' })).toThrow(
      DecryptionError,
    );
    expect(() => unwrapDataKey({ masterKey, wrapped, tenantId, subjectId: 's2' })).toThrow(DecryptionError);
    expect(() => unwrapDataKey({ masterKey, wrapped, tenantId: 't2', subjectId: 's1' })).toThrow(
      DecryptionError,
    );
  });

  it('binds field ciphertexts to table, record and column', () => {
    const dataKey = newDataKey();
    const ctx = fieldContext({ table: 'persons', recordId: 'p1', column: 'notes' });
    const sealed = encryptField({ dataKey, value: 'Kunde ist Diabetiker', context: ctx });
    expect(sealed).not.toContain('Diabetiker');
    expect(decryptField({ dataKey, sealed, context: ctx })).toBe('Kunde ist Diabetiker');
    for (const other of [
      fieldContext({ table: 'persons', recordId: 'p2', column: 'notes' }),
      fieldContext({ table: 'persons', recordId: 'p1', column: 'accessibility_needs' }),
      fieldContext({ table: 'interactions', recordId: 'p1', column: 'notes' }),
    ]) {
      expect(() => decryptField({ dataKey, sealed, context: other })).toThrow(DecryptionError);
    }
  });

  it('makes a value unreadable once its data key is gone (shredded): no other key opens it', () => {
    const sealed = encryptField({ dataKey: newDataKey(), value: 'geheim', context: 'c' });
    for (let i = 0; i < 50; i++)
      expect(() => decryptField({ dataKey: newDataKey(), sealed, context: 'c' })).toThrow(DecryptionError);
  });

  it('fingerprints and derived keys reveal nothing and differ per key and use', () => {
    expect(keyFingerprint(masterKey)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(masterKey)).not.toBe(keyFingerprint(otherMaster));
    expect(deriveKey(masterKey, 'audit').equals(deriveKey(masterKey, 'other'))).toBe(false);
    expect(deriveKey(masterKey, 'audit').equals(masterKey)).toBe(false);
  });
});
