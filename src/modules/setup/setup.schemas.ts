import { z } from 'zod';

/** Passwords: 12 to 128 characters (OWASP ASVS V2.1), anything printable allowed. */
export const Password = z.string().min(12).max(128).describe('At least 12 characters');

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((v) => v.toLowerCase())
  .describe('E-mail address');

export const SetupStatus = z.object({ initialized: z.boolean() }).meta({ id: 'SetupStatus' });

export const SetupRequest = z
  .strictObject({
    setupCode: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('The one-time set-up code the server printed at start'),
    organizationName: z.string().trim().min(1).max(200).describe('Name of the company using Custos'),
    adminName: z.string().trim().min(1).max(200).describe('Display name of the first administrator'),
    adminEmail: Email,
    adminPassword: Password,
  })
  .meta({ id: 'SetupRequest' });
