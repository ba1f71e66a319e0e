import { useTranslation } from 'react-i18next';

const localeOf = (language: string) => (language.startsWith('en') ? 'en-GB' : 'de-DE');

/** Formatters bound to the current UI language. */
export const useFormat = () => {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const timestamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const parse = (value: string) => {
    // A bare calendar date (YYYY-MM-DD) is shown as that day, not shifted by the time zone.
    const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    locale,
    number: (n: number) => number.format(n),
    date: (value: string | null | undefined) => {
      const d = value ? parse(value) : null;
      return d ? date.format(d) : '';
    },
    dateTime: (value: string | null | undefined) => {
      const d = value ? parse(value) : null;
      return d ? dateTime.format(d) : '';
    },
    /** Date and time to the second (audit entries often fall within one minute). */
    timestamp: (value: string | null | undefined) => {
      const d = value ? parse(value) : null;
      return d ? timestamp.format(d) : '';
    },
  };
};

/** Today as YYYY-MM-DD in the browser's time zone. */
export const todayIso = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** A datetime-local input value for `date` (local time, minutes precision). */
export const toDateTimeLocal = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** Empty strings become undefined (for optional API fields on create). */
export const blankToUndefined = (value: string | undefined | null) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
