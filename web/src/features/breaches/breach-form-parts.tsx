import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { toDateTimeLocal } from '../../lib/format';

/** Shared pieces of the breach forms. */
export const isoToLocal = (value: string | null) => (value ? toDateTimeLocal(new Date(value)) : '');
export const text = (value: string) => (value.trim() ? value.trim() : null);
export const count = (value: string) => (value.trim() === '' ? null : Number(value));

/** A titled card holding one step of the breach's documentation. */
export function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">{children}</CardContent>
    </Card>
  );
}
