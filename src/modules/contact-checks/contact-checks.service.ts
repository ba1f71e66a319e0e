import type { CountryCode } from 'libphonenumber-js';
import { inTenant } from '../../db/tenant.ts';
import { checkEmail } from '../../domain/contact/email.ts';
import { checkBic, checkIban } from '../../domain/contact/iban.ts';
import { checkPhone } from '../../domain/contact/phone.ts';
import { checkPostalCode, POSTAL_ATTRIBUTION } from '../../domain/contact/postal.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { tenantPhoneRegion } from '../persons/persons.contact.ts';
import type { ContactCheckInputType, ContactCheckResultType } from './contact-checks.schemas.ts';

/**
 * The checks the person form runs as one types: the same rules the API applies when it stores the
 * data (the phone number in the tenant's country, as persons.contact does). Nothing is stored,
 * audited or logged: the values are personal data and only pass through.
 */
export const checkContact = async (
  ctx: AppContext,
  actor: Actor,
  input: ContactCheckInputType,
): Promise<ContactCheckResultType> => {
  const out: ContactCheckResultType = {};
  if (input.email !== undefined) {
    const r = checkEmail({ input: input.email });
    out.email = r.valid
      ? { valid: true, normalized: r.normalized, disposable: r.disposable, problem: null }
      : { valid: false, normalized: null, disposable: false, problem: r.problem };
  }
  if (input.phone !== undefined) {
    const region: CountryCode = await inTenant(ctx.db.kysely, actor.tenantId, tenantPhoneRegion);
    const r = checkPhone({ input: input.phone, defaultRegion: region });
    out.phone = r.valid
      ? {
          valid: true,
          e164: r.e164,
          international: r.international,
          country: r.country,
          type: r.type,
          problem: null,
        }
      : { valid: false, e164: null, international: null, country: null, type: null, problem: r.problem };
  }
  if (input.postalCode !== undefined) {
    const r = checkPostalCode({ code: input.postalCode, country: input.country ?? 'DE' });
    out.postalCode = { ...r, attribution: POSTAL_ATTRIBUTION };
  }
  if (input.iban !== undefined) {
    const r = checkIban({ input: input.iban });
    out.iban = r.valid
      ? { valid: true, formatted: r.formatted, electronic: r.electronic, country: r.country, problem: null }
      : { valid: false, formatted: null, electronic: null, country: null, problem: r.problem };
  }
  if (input.bic !== undefined) out.bic = checkBic({ input: input.bic });
  return out;
};
