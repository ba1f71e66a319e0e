import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import type { AccountSection } from './api';

/** One card of the account view, labelled by its title for screen readers. */
export function AccountCard({
  title,
  actions,
  children,
  testId,
  className,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId} data-testid={testId} className={className}>
      <CardHeader>
        <CardTitle id={titleId}>{title}</CardTitle>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">{children}</CardContent>
    </Card>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

/** Which sections the viewer's role does not see, so an empty page is not mistaken for an empty account. */
export function HiddenSectionsNote({ sections }: { sections: AccountSection[] }) {
  const { t } = useTranslation();
  if (sections.length === 0) return null;
  return (
    <p className="text-sm text-slate-500 italic" data-testid="hidden-sections">
      {t('customerAccount.hiddenNote', {
        sections: sections.map((s) => t(`customerAccount.sections.${s}`)).join(', '),
      })}
    </p>
  );
}

/** Phone and e-mail as links the agent can use straight away (tel:, mailto:). */
export function ContactLinks({ phone, email }: { phone?: string | null; email?: string | null }) {
  const { t } = useTranslation();
  if (!phone && !email)
    return <p className="mt-1 text-sm text-slate-500">{t('customerAccount.noContactData')}</p>;
  const link =
    'inline-flex min-h-10 items-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-brand-700 hover:bg-slate-50';
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {phone ? (
        <a
          href={`tel:${phone.replace(/[^\d+]/g, '')}`}
          className={link}
          aria-label={t('customerAccount.call', { phone })}
          data-testid="account-phone"
        >
          <span aria-hidden="true">☎</span> {phone}
        </a>
      ) : null}
      {email ? (
        <a
          href={`mailto:${email}`}
          className={`${link} break-all`}
          aria-label={t('customerAccount.mail', { email })}
          data-testid="account-email"
        >
          <span aria-hidden="true">✉</span> {email}
        </a>
      ) : null}
    </div>
  );
}
