import { z } from 'zod';
import { ROLES } from '../../domain/permissions/roles.ts';

export const LoginRequest = z
  .strictObject({
    email: z.string().trim().max(254).describe('E-mail address of the user'),
    password: z.string().max(128).describe('Password'),
  })
  .meta({ id: 'LoginRequest' });

export const MfaRequest = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits')
      .describe('Current TOTP code'),
  })
  .meta({ id: 'MfaRequest' });

export const SessionUser = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    locale: z.enum(['de', 'en']),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    totpEnabled: z.boolean(),
  })
  .meta({ id: 'SessionUser' });

export const SessionResponse = z
  .object({
    user: SessionUser,
    csrfToken: z.string().describe('Send as x-csrf-token on state-changing requests'),
  })
  .meta({ id: 'Session' });

export const LoginResponse = z
  .object({
    status: z.enum(['ok', 'mfa_required']).describe('mfa_required: confirm with POST /auth/mfa'),
    csrfToken: z.string(),
    user: SessionUser.optional(),
  })
  .meta({ id: 'LoginResponse' });

export const TotpSetupResponse = z
  .object({ secret: z.string().describe('Base32 secret for the authenticator app'), otpauthUrl: z.string() })
  .meta({ id: 'TotpSetup' });
