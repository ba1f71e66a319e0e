import { describe, expect, it } from 'vitest';
import { detectPhotoType, isBiometricPurpose, isValidRetentionUntil } from './photo-rules.ts';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

const purpose = (labelEn: string, extra: Partial<Parameters<typeof isBiometricPurpose>[0]> = {}) => ({
  id: 'x',
  labelDe: 'Zweck',
  labelEn,
  descriptionDe: '',
  descriptionEn: '',
  ...extra,
});

describe('detectPhotoType', () => {
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['WebP', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
  ])('recognises %s by its magic bytes', (_name, input, type) => {
    expect(detectPhotoType(input)).toBe(type);
  });

  it.each([
    ['GIF', bytes('GIF89a')],
    ['PDF', bytes('%PDF-1.7')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['RIFF that is not WebP (WAV)', bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt ')],
    ['a truncated PNG signature', bytes(0x89, 'PNG')],
    ['nothing', bytes()],
  ])('refuses %s', (_name, input) => {
    expect(detectPhotoType(input)).toBeNull();
  });
});

describe('isBiometricPurpose', () => {
  it.each([
    purpose('Face recognition at the entrance'),
    purpose('Access control', { labelDe: 'Biometrische Zutrittskontrolle' }),
    purpose('Visitors', { descriptionDe: 'Abgleich per Gesichtserkennung' }),
    purpose('Identity check', { descriptionEn: 'facial verification of customers' }),
    purpose('Check-in', { id: 'biometric_check_in' }),
  ])('flags $labelEn / $labelDe / $id', (p) => {
    expect(isBiometricPurpose(p)).toBe(true);
  });

  it.each([
    purpose('Customer service'),
    purpose('Sales', {
      descriptionEn: 'Preparing contracts; a photo helps colleagues recognise the contact',
    }),
    purpose('Interface design', { labelDe: 'Oberflächengestaltung' }),
  ])('passes $labelEn', (p) => {
    expect(isBiometricPurpose(p)).toBe(false);
  });
});

describe('isValidRetentionUntil', () => {
  it('must lie after today', () => {
    expect(isValidRetentionUntil({ retentionUntil: '2026-05-02', today: '2026-05-01' })).toBe(true);
    expect(isValidRetentionUntil({ retentionUntil: '2026-05-01', today: '2026-05-01' })).toBe(false);
    expect(isValidRetentionUntil({ retentionUntil: '2025-12-31', today: '2026-05-01' })).toBe(false);
  });
});
