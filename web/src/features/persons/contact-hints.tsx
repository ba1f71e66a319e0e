import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useContactCheck } from './contact-checks-api';
import type { PersonFormValues } from './person-schema';

const hintClass = 'text-xs text-slate-600';
const warnClass = 'text-xs text-amber-800';
const errorClass = 'text-xs text-red-700';

/** Under the e-mail field: an error for an invalid address, a warning for a throw-away domain. */
export function EmailCheckHint() {
  const { t } = useTranslation();
  const email = (useWatch<PersonFormValues>({ name: 'email' }) as string | undefined)?.trim() ?? '';
  const check = useContactCheck({ email }, email.length > 0)?.email;
  if (!check) return null;
  if (!check.valid)
    return (
      <p className={errorClass} role="alert" data-testid="email-check">
        {t('contactChecks.emailInvalid')}
      </p>
    );
  if (check.disposable)
    return (
      <p className={warnClass} data-testid="email-check">
        {t('contactChecks.emailDisposable')}
      </p>
    );
  return null;
}

/** Under the phone field: the E.164 form the number will be stored in, or that it is no number. */
export function PhoneCheckHint() {
  const { t } = useTranslation();
  const phone = (useWatch<PersonFormValues>({ name: 'phone' }) as string | undefined)?.trim() ?? '';
  const check = useContactCheck({ phone }, /\d{3}/.test(phone.replace(/\D/g, '')))?.phone;
  if (!check) return null;
  if (!check.valid)
    return (
      <p className={errorClass} role="alert" data-testid="phone-check">
        {t('contactChecks.phoneInvalid')}
      </p>
    );
  return (
    <p className={hintClass} data-testid="phone-check">
      {t('contactChecks.phoneStoredAs')} <span data-testid="phone-e164">{check.e164}</span>
      {check.type ? ` (${t(`contactChecks.phoneTypes.${check.type}`)})` : ''}
    </p>
  );
}

/** After a German postal code: the places that have it, one click fills the city; with the ODbL credit. */
export function PostalCodeSuggestion() {
  const { t } = useTranslation();
  const { setValue } = useFormContext<PersonFormValues>();
  const code =
    (useWatch<PersonFormValues>({ name: 'address.postalCode' }) as string | undefined)?.trim() ?? '';
  const country =
    (useWatch<PersonFormValues>({ name: 'address.country' }) as string | undefined)?.trim() ?? '';
  const city = (useWatch<PersonFormValues>({ name: 'address.city' }) as string | undefined)?.trim() ?? '';
  const german = country === '' || country.toUpperCase() === 'DE';
  const check = useContactCheck(
    { postalCode: code, country: 'DE' },
    german && /^\d{5}$/.test(code),
  )?.postalCode;
  if (!check) return null;
  if (!check.known)
    return (
      <p className={warnClass} data-testid="postal-check">
        {t('contactChecks.postalUnknown')}
      </p>
    );
  const others = check.cities.filter((c) => c !== city);
  if (others.length === 0) return null;
  return (
    <div className="flex flex-col gap-1" data-testid="postal-check">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700">{t('contactChecks.postalSuggestion')}</span>
        {others.map((c) => (
          <button
            key={c}
            type="button"
            className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100"
            onClick={() => setValue('address.city', c, { shouldDirty: true, shouldValidate: true })}
            data-testid="postal-city"
          >
            {c}
          </button>
        ))}
      </div>
      <p className="text-[11px] text-slate-500" data-testid="postal-attribution">
        {t('contactChecks.postalAttribution')}
      </p>
    </div>
  );
}
