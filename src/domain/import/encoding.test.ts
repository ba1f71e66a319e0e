import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { createDecoder, detectEncoding, hasEncodingDamage } from './encoding.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf-8')] : p)));

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], 'Straße;Ort'), 'utf-8', 3],
    ['UTF-8 without BOM', bytes('Straße;Ort'), 'utf-8', 0],
    ['plain ASCII', bytes('a,b\n1,2'), 'utf-8', 0],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, ...Buffer.from('a;b', 'utf16le')]), 'utf-16le', 2],
    ['UTF-16 BE with BOM', new Uint8Array([0xfe, 0xff, 0, 0x61, 0, 0x3b]), 'utf-16be', 2],
    ['UTF-16 LE without BOM', new Uint8Array(Buffer.from('Name;Ort\r\n', 'utf16le')), 'utf-16le', 0],
    ['UTF-16 BE without BOM', new Uint8Array(Buffer.from('Name;Ort\r\n', 'utf16le').swap16()), 'utf-16be', 0],
    ['Windows-1252 (ü = 0xFC)', new Uint8Array(Buffer.from('Müller;Köln', 'latin1')), 'windows-1252', 0],
    ['Windows-1252 euro sign 0x80', new Uint8Array([0x80, 0x20, 0x31]), 'windows-1252', 0],
  ])('%s', (_, sample, encoding, bomLength) => {
    expect(detectEncoding({ sample })).toEqual({ encoding, bomLength });
  });

  it('takes a multi-byte character cut off at the end of the sample as UTF-8', () => {
    const full = Buffer.from('abcü', 'utf-8');
    expect(detectEncoding({ sample: new Uint8Array(full.subarray(0, full.length - 1)) }).encoding).toBe(
      'utf-8',
    );
  });

  it('refuses binary data (NUL bytes without a UTF-16 pattern)', () => {
    const sample = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48,
    ]);
    expect(() => detectEncoding({ sample })).toThrow(AppError);
    try {
      detectEncoding({ sample });
    } catch (e) {
      expect((e as AppError).code).toBe('import_encoding_unknown');
    }
  });
});

describe('Windows-1252 decoding', () => {
  it('reads German Excel bytes, the euro sign and typographic quotes', () => {
    const text = createDecoder('windows-1252').decode(
      new Uint8Array([0xc4, 0xd6, 0xdc, 0xdf, 0x80, 0x84, 0x93]),
    );
    expect(text).toBe('ÄÖÜß€„“');
  });
});

describe('hasEncodingDamage', () => {
  it.each([
    ['Müller', 'utf-8', false],
    ['M\uFFFDller', 'utf-8', true],
    ['MÃ¼ller', 'windows-1252', true],
    ['WeiÃŸ', 'windows-1252', true],
    ['Â€ 5', 'windows-1252', true],
    ['Müller', 'windows-1252', false],
    ['Ãœbersee', 'windows-1252', true],
    ['ÃRZTE', 'windows-1252', false],
  ] as const)('%j in %s → %s', (value, encoding, damaged) =>
    expect(hasEncodingDamage({ value, encoding })).toBe(damaged),
  );
});
