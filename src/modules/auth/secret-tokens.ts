import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy random token; only its SHA-256 is stored. */
export const newSecretToken = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};
