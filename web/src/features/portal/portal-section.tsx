import { type ReactNode, useId } from 'react';
import { Card, CardContent } from '../../components/ui/card';

/** A titled block of the portal page: a region named by its heading (h2, or h3 under a person's name). */
export function PortalSection({
  title,
  level,
  testId,
  children,
}: {
  title: string;
  level: 2 | 3;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Card aria-labelledby={id} data-testid={testId}>
      <CardContent className="flex flex-col gap-3">
        <Heading id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </Heading>
        {children}
      </CardContent>
    </Card>
  );
}

/** A term/value row of a description list that stacks on a phone. */
export function Row({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-[13rem_1fr] sm:gap-4" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-700">{term}</dt>
      <dd className="text-slate-900 break-words">{children}</dd>
    </div>
  );
}

/** A polite announcement that takes the focus (the control that triggered it may have disappeared). */
export function StatusNote({
  children,
  focusRef,
}: {
  children: ReactNode;
  focusRef?: React.Ref<HTMLParagraphElement>;
}) {
  return (
    <p
      ref={focusRef}
      tabIndex={-1}
      role="status"
      className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600"
    >
      {children}
    </p>
  );
}
