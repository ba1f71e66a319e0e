import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/language-switch';
import { Logo } from '../../components/logo';
import { Card, CardContent } from '../../components/ui/card';

/** The frame of the screens outside the app: login and first-run setup. */
export function AuthLayout({
  title,
  children,
  wide,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <div className={`flex w-full items-center justify-between ${wide ? 'max-w-xl' : 'max-w-sm'}`}>
        <Logo className="text-xl text-brand-700" />
        <LanguageSwitch />
      </div>
      <Card className={`w-full ${wide ? 'max-w-xl' : 'max-w-sm'}`}>
        <CardContent className="flex flex-col gap-4 py-6">
          <h1 className="text-xl font-semibold">{title}</h1>
          {children}
        </CardContent>
      </Card>
    </div>
  );
}
