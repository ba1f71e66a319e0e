import { describe, expect, it } from 'vitest';
import { randomBytesPooled } from './random.ts';

describe('randomBytesPooled', () => {
  it('hands out copies of the requested size that never repeat across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i += 1) {
      const iv = randomBytesPooled(12);
      expect(iv).toHaveLength(12);
      seen.add(iv.toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('gives each caller its own buffer (changing one changes no other)', () => {
    const a = randomBytesPooled(32);
    const copy = Buffer.from(a);
    const b = randomBytesPooled(32);
    b.fill(0);
    expect(a.equals(copy)).toBe(true);
    expect(a.buffer === b.buffer && a.byteOffset === b.byteOffset).toBe(false);
  });

  it('serves sizes beyond the pool share directly and still at full length', () => {
    const big = randomBytesPooled(4096);
    expect(big).toHaveLength(4096);
    expect(big.equals(Buffer.alloc(4096))).toBe(false);
  });

  it('spreads bytes over all values (no zeroed or constant output)', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 2000; i += 1) for (const byte of randomBytesPooled(16)) counts[byte] += 1;
    // 32,000 bytes: each value expected 125 times; a broken pool (zeros, repeats) fails by far
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(200);
  });
});
