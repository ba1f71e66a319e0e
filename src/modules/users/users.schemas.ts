import { z } from 'zod';
import { ROLES } from '../../domain/permissions/roles.ts';
import { Email, Password } from '../setup/setup.schemas.ts';

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
    totpEnabled: z.boolean(),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });

export const UserCreate = z
  .strictObject({
    email: Email,
    displayName: z.string().trim().min(1).max(200),
    password: Password,
    role: z.enum(ROLES),
    departmentIds: z.array(z.uuid()).max(50).default([]),
  })
  .meta({ id: 'UserCreate' });
export type UserCreateInput = z.infer<typeof UserCreate>;

export const UserPatch = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    departmentIds: z.array(z.uuid()).max(50).optional(),
    disabled: z.boolean().optional().describe('Disabling ends all sessions of the user'),
  })
  .meta({ id: 'UserPatch' });
export type UserPatchInput = z.infer<typeof UserPatch>;
