import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useTotp } from './api';
import { TotpQrCode } from './totp-qr';

const CODE = /^\d{6}$/;

function CodeForm({
  label,
  submitLabel,
  pending,
  onSubmit,
  testId,
}: {
  label: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (code: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      noValidate
      className="flex flex-col gap-3 sm:max-w-xs"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = code.trim();
        setInvalid(!CODE.test(trimmed));
        if (CODE.test(trimmed)) onSubmit(trimmed);
      }}
    >
      <Field
        label={label}
        error={invalid ? { message: t('validation.totpCode'), type: 'server' } : undefined}
      >
        {(c) => (
          <Input
            {...c}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={pending} data-testid={testId}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** Two-factor login with an authenticator app (TOTP): set up, confirm with a code, or turn off. */
export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const totp = useTotp();
  const setupData = totp.setup.data;
  return (
    <Card data-testid="two-factor">
      <CardHeader>
        <CardTitle>{t('account.twoFactor')}</CardTitle>
        <Badge tone={enabled ? 'success' : 'warning'} data-testid="totp-status">
          {enabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}
        </Badge>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {totp.enable.isSuccess && enabled ? (
          <p role="status" className="text-sm text-emerald-800">
            {t('account.twoFactorEnabledNow')}
          </p>
        ) : null}
        {enabled ? (
          <>
            <p className="text-sm text-slate-600">{t('account.disableIntro')}</p>
            <CodeForm
              label={t('account.code')}
              submitLabel={t('account.disable')}
              pending={totp.disable.isPending}
              onSubmit={(code) => totp.disable.mutate(code, { onSuccess: () => totp.setup.reset() })}
              testId="totp-disable"
            />
            <ErrorMessage error={totp.disable.error} />
          </>
        ) : setupData ? (
          <>
            <p className="text-sm text-slate-600">{t('account.scanIntro')}</p>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <TotpQrCode url={setupData.otpauthUrl} />
              <div className="flex flex-col gap-1 text-sm">
                <span className="text-slate-600">{t('account.secret')}</span>
                <code
                  className="rounded bg-slate-100 px-2 py-1 font-mono break-all"
                  data-testid="totp-secret"
                >
                  {setupData.secret}
                </code>
              </div>
            </div>
            <CodeForm
              label={t('account.code')}
              submitLabel={t('account.enable')}
              pending={totp.enable.isPending}
              onSubmit={(code) => totp.enable.mutate(code)}
              testId="totp-enable"
            />
            <ErrorMessage error={totp.enable.error} />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">{t('account.setupIntro')}</p>
            <div>
              <Button
                onClick={() => totp.setup.mutate()}
                disabled={totp.setup.isPending}
                data-testid="totp-start"
              >
                {t('account.startSetup')}
              </Button>
            </div>
            <ErrorMessage error={totp.setup.error} />
          </>
        )}
      </CardContent>
    </Card>
  );
}
