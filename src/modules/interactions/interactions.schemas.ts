import { z } from 'zod';
import { optionalText, UserRef } from '../../server/http-schemas.ts';

export const INTERACTION_KINDS = ['call', 'email', 'meeting', 'chat', 'letter', 'note', 'social'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;

export const InteractionCreate = z
  .strictObject({
    kind: z.enum(INTERACTION_KINDS).describe('Channel of the contact'),
    direction: z.enum(DIRECTIONS).nullable().optional().describe('Who initiated it'),
    occurredAt: z.iso
      .datetime({ offset: true })
      .refine((v) => Date.parse(v) >= Date.parse('1970-01-01T00:00:00Z'), 'not before 1970')
      .describe('When it happened'),
    subject: z.string().trim().min(1).max(200).describe('Topic'),
    body: optionalText(20_000).describe('Content (communication content)'),
  })
  .meta({ id: 'InteractionCreate' });
export type InteractionCreateInput = z.infer<typeof InteractionCreate>;

export const Interaction = z
  .object({
    id: z.string(),
    personId: z.string(),
    kind: z.enum(INTERACTION_KINDS),
    direction: z.enum(DIRECTIONS).nullable(),
    occurredAt: z.string(),
    subject: z.string(),
    body: z.string().nullable(),
    employee: UserRef.nullable().describe('The employee who recorded it'),
    createdAt: z.string(),
  })
  .meta({ id: 'Interaction' });

export const InteractionList = z.object({ items: z.array(Interaction) }).meta({ id: 'InteractionList' });
