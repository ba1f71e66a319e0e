import { z } from 'zod';
import { AddressOut } from '../../server/http-schemas.ts';
import { PersonCreate } from '../persons/persons.schemas.ts';

const Language = z.enum(['de', 'en']);

export const PortalLoginRequest = z
  .strictObject({
    email: z.string().trim().toLowerCase().min(3).max(320).describe('The address the magic link goes to'),
    language: Language.describe('Language of the mail'),
    tenantId: z.uuid().optional().describe('Needed only when the installation has more than one tenant'),
  })
  .meta({ id: 'PortalLoginRequest' });

export const PortalLoginResponse = z
  .object({ status: z.literal('sent_if_known') })
  .meta({ id: 'PortalLoginResponse' })
  .describe('Always the same answer: whether the address is known is not revealed');

export const PortalSessionRequest = z
  .strictObject({ token: z.string().min(1).max(200).describe('The token of the magic link') })
  .meta({ id: 'PortalSessionRequest' });

export const PortalPersonRef = z.object({ id: z.string(), firstName: z.string() });

export const PortalSessionResponse = z
  .object({
    csrfToken: z.string().describe('Send as header x-portal-csrf on every state-changing call'),
    expiresAt: z.string(),
    persons: z.array(PortalPersonRef),
  })
  .meta({ id: 'PortalSessionResponse' });

export const PortalLangQuery = z.strictObject({
  lang: Language.optional().describe('Language of labels; default from Accept-Language'),
});

export const PortalConsent = z
  .object({
    id: z.string(),
    personId: z.string(),
    purposeId: z.string(),
    purpose: z.object({ id: z.string(), label: z.string() }),
    channel: z.enum(['email', 'phone', 'letter', 'sms']),
    address: z.string().nullable(),
    wording: z.object({
      id: z.string(),
      version: z.number(),
      language: Language,
      text: z.string(),
      advertiser: z.string(),
      productScope: z.string().nullable(),
    }),
    method: z.string(),
    givenAt: z.string(),
    state: z.enum(['valid', 'withdrawn', 'superseded']),
    withdrawnAt: z.string().nullable(),
    withdrawalMethod: z.string().nullable(),
  })
  .meta({ id: 'PortalConsent' });

export const PortalRequestSummary = z.object({
  id: z.string(),
  number: z.string(),
  type: z.string(),
  status: z.string(),
  dueAt: z.string().describe('YYYY-MM-DD, the extended due date if extended'),
});

export const PortalPerson = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birthDate: z.string().nullable(),
    address: AddressOut,
    purposes: z.array(z.object({ id: z.string(), label: z.string() })),
    legalBasis: z.string(),
    source: z.object({ kind: z.string(), detail: z.string().nullable() }),
    collectedAt: z.string(),
    restricted: z.boolean(),
    marketingObjection: z.boolean(),
    consents: z.array(PortalConsent),
    requests: z.array(PortalRequestSummary),
  })
  .meta({ id: 'PortalPerson' });

export const PortalMe = z
  .object({
    controller: z
      .object({
        name: z.string().describe('The company responsible for the data (controller, Art. 4(7))'),
        postalAddress: z.string().nullable(),
      })
      .describe('Who holds the data: the sender identity of the marketing settings'),
    persons: z.array(PortalPerson),
  })
  .meta({ id: 'PortalMe' });

export const PortalExportQuery = z.strictObject({
  personId: z.uuid(),
  lang: Language.optional().describe('Language of the export; default from Accept-Language'),
});

export const PortalConsentParams = z.strictObject({ id: z.uuid().describe('Consent id') });

export const PortalObjectionRequest = z.strictObject({ personId: z.uuid() }).meta({ id: 'PortalObjection' });

export const PortalObjectionResponse = z
  .object({ personId: z.string(), marketingObjection: z.literal(true) })
  .meta({ id: 'PortalObjectionResult' });

/** Corrections the person may ask for: their own contact and identity fields. */
export const PortalCorrections = PersonCreate.pick({
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  birthDate: true,
  jobTitle: true,
  address: true,
})
  .partial()
  .strict()
  .meta({ id: 'PortalCorrections' });

export const PortalRequestCreate = z
  .strictObject({
    personId: z.uuid(),
    type: z.enum(['rectification', 'erasure', 'restriction', 'access']),
    details: z
      .strictObject({
        message: z.string().trim().max(2000).optional().describe('The person’s own words to the DPO'),
        corrections: PortalCorrections.optional(),
      })
      .optional(),
  })
  .meta({ id: 'PortalRequestCreate' });
export type PortalRequestCreateInput = z.infer<typeof PortalRequestCreate>;

export const PortalRequestCreated = z
  .object({ id: z.string(), number: z.string(), dueAt: z.string() })
  .meta({ id: 'PortalRequestCreated' });
