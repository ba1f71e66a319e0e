import { describe, expect, it } from 'vitest';
import { DecryptionError, openSealed, seal } from './secret-box.ts';

/** Fixed keys, so failures are reproducible. */
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const RECORD_A = 'person:2b0f3f8e-0000-4000-8000-00000000000a';
const RECORD_B = 'person:2b0f3f8e-0000-4000-8000-00000000000b';

const sealText = (plaintext: string | Buffer, context = RECORD_A, key = KEY) =>
  seal({ key, plaintext, context });
const open = (sealed: string, context = RECORD_A, key = KEY) => openSealed({ key, sealed, context });

const parts = (sealed: string) => {
  const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
  return { version, iv, tag, ciphertext };
};
const join = (p: ReturnType<typeof parts>) => [p.version, p.iv, p.tag, p.ciphertext].join('.');
/** Flips one bit of a base64url-encoded part. */
const flipBit = (part: string, byte = 0, bit = 0) => {
  const bytes = Buffer.from(part, 'base64url');
  bytes[byte] = (bytes[byte] ?? 0) ^ (1 << bit);
  return bytes.toString('base64url');
};

const expectRejected = (sealed: string, context = RECORD_A, key = KEY) =>
  expect(() => open(sealed, context, key)).toThrow(DecryptionError);

describe('seal / openSealed round trip', () => {
  it.each([
    ['a short text', 'Rollstuhl, bitte ebenerdigen Raum'],
    ['umlauts and emoji', 'Größe: ÄÖÜ äöü ß – 👩‍🦽'],
    ['an empty text', ''],
    ['a long text', 'x'.repeat(100_000)],
  ])('returns %s unchanged', (_, text) => {
    const sealed = sealText(text);
    const opened = open(sealed);
    expect(Buffer.isBuffer(opened)).toBe(true);
    expect(opened.toString('utf8')).toBe(text);
  });

  it('returns binary data byte for byte (all 256 byte values)', () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    expect(open(sealText(binary)).equals(binary)).toBe(true);
  });

  it('produces v1.<iv>.<tag>.<ciphertext> in base64url with a 12-byte IV and 16-byte tag', () => {
    const sealed = sealText('hello');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
    const p = parts(sealed);
    expect(Buffer.from(p.iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(p.tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(p.ciphertext, 'base64url')).toHaveLength(5);
  });

  it('does not contain the plaintext', () => {
    const sealed = sealText('Diabetes Typ 1');
    expect(sealed).not.toContain('Diabetes');
    expect(Buffer.from(parts(sealed).ciphertext, 'base64url').toString('utf8')).not.toContain('Diabetes');
  });

  it('refuses a key that is not 256 bits', () => {
    expect(() => seal({ key: Buffer.alloc(16, 1), plaintext: 'x', context: RECORD_A })).toThrow();
    expect(() => seal({ key: Buffer.alloc(31, 1), plaintext: 'x', context: RECORD_A })).toThrow();
  });
});

describe('openSealed refuses what it must not open', () => {
  const sealed = sealText('Gehbehinderung');

  it('with the wrong key', () => {
    expectRejected(sealed, RECORD_A, OTHER_KEY);
  });

  it('with a key of the wrong length', () => {
    expectRejected(sealed, RECORD_A, Buffer.alloc(16, 7));
  });

  it('for another record: sealed for A does not open as B', () => {
    expectRejected(sealed, RECORD_B);
    expectRejected(sealed, '');
    expectRejected(sealed, `${RECORD_A} `);
    expect(open(sealed, RECORD_A).toString()).toBe('Gehbehinderung');
  });

  it('a record B ciphertext does not open as A', () => {
    expectRejected(sealText('x', RECORD_B), RECORD_A);
  });

  it('a tampered ciphertext (every bit of the first byte, and the last byte)', () => {
    const p = parts(sealed);
    for (let bit = 0; bit < 8; bit++)
      expectRejected(join({ ...p, ciphertext: flipBit(p.ciphertext, 0, bit) }));
    const last = Buffer.from(p.ciphertext, 'base64url').length - 1;
    expectRejected(join({ ...p, ciphertext: flipBit(p.ciphertext, last, 7) }));
  });

  it('a truncated or extended ciphertext', () => {
    const p = parts(sealed);
    const bytes = Buffer.from(p.ciphertext, 'base64url');
    expectRejected(join({ ...p, ciphertext: bytes.subarray(0, -1).toString('base64url') }));
    expectRejected(
      join({ ...p, ciphertext: Buffer.concat([bytes, Buffer.from([0])]).toString('base64url') }),
    );
    expectRejected(join({ ...p, ciphertext: '' }));
  });

  it('a tampered IV', () => {
    const p = parts(sealed);
    expectRejected(join({ ...p, iv: flipBit(p.iv, 0, 0) }));
    expectRejected(join({ ...p, iv: flipBit(p.iv, 11, 7) }));
    expectRejected(join({ ...p, iv: Buffer.from(p.iv, 'base64url').subarray(0, 8).toString('base64url') }));
  });

  it('a tampered tag', () => {
    const p = parts(sealed);
    expectRejected(join({ ...p, tag: flipBit(p.tag, 0, 0) }));
    expectRejected(join({ ...p, tag: flipBit(p.tag, 15, 7) }));
    expectRejected(join({ ...p, tag: Buffer.alloc(16).toString('base64url') }));
  });

  it('a truncated tag, even when its bytes are genuine (short GCM tags are forgeable)', () => {
    const p = parts(sealed);
    const tag = Buffer.from(p.tag, 'base64url');
    for (const length of [4, 8, 12, 15]) {
      expectRejected(join({ ...p, tag: tag.subarray(0, length).toString('base64url') }));
    }
  });

  it('parts swapped between two sealings', () => {
    const other = parts(sealText('Gehbehinderung'));
    const p = parts(sealed);
    expectRejected(join({ ...p, iv: other.iv }));
    expectRejected(join({ ...p, tag: other.tag }));
  });

  it.each([
    ['empty string', ''],
    ['only the version', 'v1'],
    ['three parts', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['empty iv and tag', 'v1...AAAA'],
    ['not base64', 'v1.!!!!.????.****'],
    ['random text', 'hello world'],
  ])('malformed input: %s', (_, input) => {
    expectRejected(input);
  });

  it('an unknown version', () => {
    const p = parts(sealed);
    expectRejected(join({ ...p, version: 'v2' }));
    expectRejected(join({ ...p, version: 'V1' }));
    expectRejected(join({ ...p, version: '' }));
  });

  it('extra parts or stray characters around a genuine sealing', () => {
    expectRejected(`${sealed}.`);
    expectRejected(`${sealed}.AAAA`);
    expectRejected(`${sealed}!`);
    const p = parts(sealed);
    expectRejected(join({ ...p, iv: `${p.iv}=` }));
    expectRejected(join({ ...p, tag: `*${p.tag}` }));
    expectRejected(` ${sealed}`);
  });

  it('the error says nothing about the plaintext or the key', () => {
    try {
      open(sealed, RECORD_B);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecryptionError);
      const message = (error as Error).message;
      expect(message).not.toContain('Gehbehinderung');
      expect(message).not.toContain(KEY.toString('base64'));
    }
  });
});

describe('IVs', () => {
  it('are unique across 1000 sealings of the same plaintext, and so are the ciphertexts', () => {
    const sealings = Array.from({ length: 1000 }, () => sealText('same text'));
    expect(new Set(sealings.map((s) => parts(s).iv)).size).toBe(1000);
    expect(new Set(sealings).size).toBe(1000);
    for (const s of sealings.slice(0, 10)) expect(open(s).toString()).toBe('same text');
  });
});
