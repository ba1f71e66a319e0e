import type { Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { checkEmail } from '../../domain/contact/email.ts';
import { checkPhone } from '../../domain/contact/phone.ts';
import { AppError } from '../../domain/errors.ts';

/** The tenant's jurisdiction (DE or AT): the region of national phone numbers. */
export const tenantPhoneRegion = async (tx: Tx) =>
  jurisdictionOf((await tx.selectFrom('tenants').select('settings').executeTakeFirst())?.settings);

/**
 * The e-mail address and phone number as they are stored: the address with its domain in lower case
 * (the schema has already refused an invalid one), the number in E.164. A number that is no valid
 * phone number is refused with `phone_invalid` (422). `undefined` (not written) and `null` (cleared)
 * pass unchanged. Never logs or echoes the values.
 */
export const normaliseContact = async <T extends { email?: string | null; phone?: string | null }>(
  tx: Tx,
  input: T,
): Promise<T> => {
  const out = { ...input };
  if (typeof input.email === 'string') {
    const email = checkEmail({ input: input.email });
    if (email.valid) out.email = email.normalized;
  }
  if (typeof input.phone === 'string') {
    const phone = checkPhone({ input: input.phone, defaultRegion: await tenantPhoneRegion(tx) });
    if (!phone.valid)
      throw new AppError('phone_invalid', { details: [{ path: 'phone', problem: phone.problem }] });
    out.phone = phone.e164;
  }
  return out;
};
